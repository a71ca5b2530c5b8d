// Finds where a JSON path sits in the source text, so that a validation error can say
// "line 12, column 5" and not only "$.machine.ranges[3].size". Also finds the first syntax error.
export type JsonPath = (string | number)[];

export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  return { offset, line, column: offset - lineStart + 1 };
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: TextPosition,
  ) {
    super(message);
  }
}

/** Walks the text as JSON; returns the position of the value at `path` (or the nearest parent found). */
export function locatePath(text: string, path: JsonPath): TextPosition | undefined {
  const s = new Scanner(text);
  try {
    s.ws();
    let found = s.i;
    for (const key of path) {
      const next = s.enter(key);
      if (next === undefined) break;
      found = next;
    }
    return positionAt(text, found);
  } catch {
    return undefined;
  }
}

/** Returns the first syntax error, located, or undefined for well-formed JSON. */
export function findSyntaxError(text: string): JsonSyntaxError | undefined {
  const s = new Scanner(text);
  try {
    s.ws();
    s.value();
    s.ws();
    if (s.i < text.length) s.fail('unexpected text after the end of the JSON value');
    return undefined;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e;
    throw e;
  }
}

class Scanner {
  i = 0;
  private depth = 0;
  constructor(private readonly t: string) {}

  fail(msg: string): never {
    throw new JsonSyntaxError(msg, positionAt(this.t, this.i));
  }

  ws(): void {
    while (this.i < this.t.length && ' \t\n\r'.includes(this.t[this.i])) this.i++;
  }

  /** At a container's value: moves into the member `key`; returns its offset, or undefined. */
  enter(key: string | number): number | undefined {
    const c = this.t[this.i];
    if (c === '{' && typeof key === 'string') {
      this.i++;
      this.ws();
      if (this.t[this.i] === '}') return undefined;
      for (;;) {
        this.ws();
        const k = this.string();
        this.ws();
        this.expect(':');
        this.ws();
        if (k === key) return this.i;
        this.value();
        this.ws();
        if (this.t[this.i] === ',') this.i++;
        else return undefined;
      }
    }
    if (c === '[' && typeof key === 'number') {
      this.i++;
      for (let n = 0; ; n++) {
        this.ws();
        if (this.t[this.i] === ']') return undefined;
        if (n === key) return this.i;
        this.value();
        this.ws();
        if (this.t[this.i] === ',') this.i++;
        else return undefined;
      }
    }
    return undefined;
  }

  expect(ch: string): void {
    if (this.t[this.i] !== ch) this.fail(`expected "${ch}"`);
    this.i++;
  }

  value(): void {
    const c = this.t[this.i];
    if (c === '{' || c === '[') {
      if (++this.depth > 256) this.fail('nesting deeper than 256 levels');
      if (c === '{') this.object();
      else this.array();
      this.depth--;
      return;
    }
    if (c === '"') {
      this.string();
      return;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.t.slice(this.i, this.i + 400));
    if (!m) this.fail(c === undefined ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`);
    this.i += m[0].length;
  }

  object(): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.t[this.i] !== '"') this.fail('expected a property name in double quotes');
      this.string();
      this.ws();
      this.expect(':');
      this.ws();
      this.value();
      this.ws();
      const c = this.t[this.i];
      this.i++;
      if (c === '}') return;
      if (c !== ',') {
        this.i--;
        this.fail('expected "," or "}" after a property value');
      }
    }
  }

  array(): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      this.value();
      this.ws();
      const c = this.t[this.i];
      this.i++;
      if (c === ']') return;
      if (c !== ',') {
        this.i--;
        this.fail('expected "," or "]" after an array element');
      }
    }
  }

  string(): string {
    const start = this.i;
    if (this.t[this.i] !== '"') this.fail('expected a string');
    this.i++;
    while (this.i < this.t.length) {
      const c = this.t[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"') {
        this.i++;
        try {
          return JSON.parse(this.t.slice(start, this.i)) as string;
        } catch {
          this.i = start;
          this.fail('invalid escape in string');
        }
      } else if (c < ' ') this.fail('control character in string');
      else this.i++;
    }
    this.i = start;
    return this.fail('unterminated string');
  }
}
