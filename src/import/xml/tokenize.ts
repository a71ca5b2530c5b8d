// A small XML reader for hwloc topologies, written because DOMParser does not exist in a Web
// Worker. Safe on hostile input: one linear pass (indexOf scans, no backtracking regex), no DTD or
// entity expansion (so no "billion laughs"), bounded nesting, names and attribute counts. A file
// cut short is closed and kept (reported as skipped); any other malformation is a located error.
import type { IssueInput, IssueLog } from '../errors';
import { snippet } from '../errors';
import { PROGRESS_STEP } from '../text/lines';

export interface XmlElement {
  name: string;
  attrs: Map<string, string>;
  children: XmlElement[];
  /** Character data directly inside the element (hwloc puts distance values there). */
  text: string;
  line: number;
}

export type XmlResult = { ok: true; root: XmlElement } | { ok: false; error: IssueInput };

export const MAX_XML_DEPTH = 128;
const MAX_ATTRS = 128;
const MAX_TEXT = 1 << 20;

class Stop extends Error {
  constructor(readonly issue: IssueInput) {
    super(issue.message);
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(text: string, log: IssueLog, progress?: (done: number) => void): XmlResult {
  const r = new Reader(text, log, progress);
  try {
    return { ok: true, root: r.document() };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, error: e.issue };
    return { ok: false, error: { line: r.line, message: `XML could not be read: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

class Reader {
  pos = 0;
  line = 1;
  private lineStart = 0;
  private nextReport = PROGRESS_STEP;
  private badEntity = false;
  private nextNl = -2;

  constructor(
    private readonly s: string,
    private readonly log: IssueLog,
    private readonly progress?: (done: number) => void,
  ) {}

  private fail(message: string, expected?: string): Stop {
    const found = this.pos >= this.s.length ? 'end of file' : snippet(this.s.slice(this.pos, this.pos + 24), 24);
    return new Stop({ line: this.line, column: this.pos - this.lineStart + 1, message: `invalid XML: ${message}`, ...(expected ? { expected, found } : {}) });
  }

  /** Moves to `to`, counting the newlines passed. */
  private advance(to: number): void {
    // nextNl only moves forward, so counting lines costs one pass over the text in total.
    if (this.nextNl !== -1 && this.nextNl < this.pos) this.nextNl = this.s.indexOf('\n', this.pos);
    while (this.nextNl >= 0 && this.nextNl < to) {
      this.line++;
      this.lineStart = this.nextNl + 1;
      this.nextNl = this.s.indexOf('\n', this.nextNl + 1);
    }
    this.pos = to;
    if (this.progress && to >= this.nextReport) {
      this.progress(to);
      this.nextReport = to + PROGRESS_STEP;
    }
  }

  private skipPast(marker: string, what: string): void {
    const end = this.s.indexOf(marker, this.pos);
    if (end < 0) throw this.fail(`${what} is not closed`, `"${marker}"`);
    this.advance(end + marker.length);
  }

  document(): XmlElement {
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    const s = this.s;
    while (this.pos < s.length) {
      const lt = s.indexOf('<', this.pos);
      const textEnd = lt < 0 ? s.length : lt;
      if (textEnd > this.pos) {
        const chunk = s.slice(this.pos, textEnd);
        const top = stack[stack.length - 1];
        if (top) {
          if (top.text.length + chunk.length <= MAX_TEXT) top.text += this.decode(chunk);
        } else if (chunk.trim() !== '') {
          throw this.fail('text outside the root element', 'an element');
        }
        this.advance(textEnd);
      }
      if (lt < 0) break;
      if (s.startsWith('<?', lt)) this.skipPast('?>', 'processing instruction');
      else if (s.startsWith('<!--', lt)) this.skipPast('-->', 'comment');
      else if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt);
        if (end < 0) throw this.fail('CDATA section is not closed', '"]]>"');
        const top = stack[stack.length - 1];
        if (top && top.text.length < MAX_TEXT) top.text += s.slice(lt + 9, Math.min(end, lt + 9 + MAX_TEXT));
        this.advance(end + 3);
      } else if (s.startsWith('<!', lt)) {
        // DOCTYPE: skipped, never interpreted (no entity definitions are honoured).
        const bracket = s.indexOf('[', lt);
        const gt = s.indexOf('>', lt);
        if (bracket >= 0 && gt >= 0 && bracket < gt) this.skipPast(']>', 'DOCTYPE');
        else this.skipPast('>', 'declaration');
      } else if (s.startsWith('</', lt)) {
        this.advance(lt + 2);
        const name = this.name();
        this.ws();
        if (s[this.pos] !== '>') throw this.fail(`end tag </${name}> is not closed`, '">"');
        const top = stack.pop();
        if (!top || top.name !== name) throw this.fail(`</${name}> does not match ${top ? `<${top.name}> opened on line ${top.line}` : 'any open element'}`, top ? `</${top.name}>` : undefined);
        this.advance(this.pos + 1);
      } else {
        if (stack.length === 0 && root) {
          this.advance(lt);
          throw this.fail('a second root element', 'end of file');
        }
        const { element, selfClosing } = this.startTag(lt, stack.length);
        if (stack.length === 0) root = element;
        else stack[stack.length - 1].children.push(element);
        if (!selfClosing) stack.push(element);
      }
    }
    for (let i = stack.length - 1; i >= 0; i--) this.log.skip({ line: this.line, message: `file ends inside <${stack[i].name}> opened on line ${stack[i].line}; closed there` });
    if (!root) throw this.fail('no root element', 'an element such as <topology>');
    return root;
  }

  private ws(): void {
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (c === 10) this.advance(this.pos + 1);
      else if (c === 32 || c === 9 || c === 13) this.pos++;
      else break;
    }
  }

  private name(): string {
    const start = this.pos;
    const s = this.s;
    while (this.pos < s.length && this.pos - start <= 64) {
      const c = s.charCodeAt(this.pos);
      const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || (this.pos > start && ((c >= 48 && c <= 57) || c === 45 || c === 46));
      if (!ok) break;
      this.pos++;
    }
    if (this.pos === start) throw this.fail('a name was expected', 'an element or attribute name');
    if (this.pos - start > 64) throw this.fail('name longer than 64 characters');
    return s.slice(start, this.pos);
  }

  private startTag(lt: number, depth: number): { element: XmlElement; selfClosing: boolean } {
    if (depth >= MAX_XML_DEPTH) throw this.fail(`elements nested deeper than ${MAX_XML_DEPTH}`);
    this.advance(lt + 1);
    const line = this.line;
    const name = this.name();
    const el: XmlElement = { name, attrs: new Map(), children: [], text: '', line };
    for (;;) {
      const before = this.pos;
      this.ws();
      const c = this.s[this.pos];
      if (c === '>') {
        this.advance(this.pos + 1);
        return { element: el, selfClosing: false };
      }
      if (c === '/' && this.s[this.pos + 1] === '>') {
        this.advance(this.pos + 2);
        return { element: el, selfClosing: true };
      }
      if (this.pos >= this.s.length) throw this.fail(`<${name}> is not closed`, '">"');
      if (before === this.pos) throw this.fail(`attributes of <${name}> run together`, 'a space, ">" or "/>" after an attribute value');
      const attr = this.name();
      this.ws();
      if (this.s[this.pos] !== '=') throw this.fail(`attribute ${attr} has no value`, '"="');
      this.pos++;
      this.ws();
      const q = this.s[this.pos];
      if (q !== '"' && q !== "'") throw this.fail(`value of ${attr} is not quoted`, 'a quote');
      const end = this.s.indexOf(q, this.pos + 1);
      if (end < 0) throw this.fail(`value of ${attr} is not closed`, 'a closing quote');
      const raw = this.s.slice(this.pos + 1, end);
      if (raw.includes('<')) throw this.fail(`"<" inside the value of ${attr}`, '&lt;');
      if (el.attrs.size >= MAX_ATTRS) throw this.fail(`more than ${MAX_ATTRS} attributes on <${name}>`);
      if (el.attrs.has(attr)) this.log.warn({ line: this.line, message: `attribute ${attr} repeated on <${name}>; the first is kept` });
      else el.attrs.set(attr, this.decode(raw));
      this.advance(end + 1);
    }
  }

  private decode(s: string): string {
    if (!s.includes('&')) return s;
    let out = '';
    let i = 0;
    for (;;) {
      const amp = s.indexOf('&', i);
      if (amp < 0) return out + s.slice(i);
      out += s.slice(i, amp);
      const semi = s.indexOf(';', amp);
      const ent = semi > amp && semi - amp <= 10 ? s.slice(amp + 1, semi) : '';
      let rep: string | undefined = Object.hasOwn(ENTITIES, ent) ? ENTITIES[ent] : undefined;
      if (rep === undefined && /^#x[0-9a-fA-F]{1,6}$/.test(ent)) rep = codePoint(Number.parseInt(ent.slice(2), 16));
      else if (rep === undefined && /^#[0-9]{1,7}$/.test(ent)) rep = codePoint(Number(ent.slice(1)));
      if (rep === undefined) {
        if (!this.badEntity) this.log.warn({ line: this.line, message: `unknown entity ${snippet(s.slice(amp, amp + 12))} kept as text` });
        this.badEntity = true;
        out += '&';
        i = amp + 1;
      } else {
        out += rep;
        i = semi + 1;
      }
    }
  }
}

function codePoint(n: number): string | undefined {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : undefined;
}

/** Attribute helper for readers. */
export function attr(el: XmlElement, name: string): string | undefined {
  return el.attrs.get(name);
}
