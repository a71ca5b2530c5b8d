// A link that reopens exactly the same state: scenario, virtual time, view and selection,
// deflated and base64url-encoded into the URL hash (never sent to any server).
import type { LocatedError } from '../../sim/errors';
import type { Selection, ViewId } from '../types';

export const LINK_VERSION = 1;
export const MAX_LINK_CHARS = 256 * 1024;
const MAX_INFLATED_BYTES = 16 * 2 ** 20;
const VIEWS: ViewId[] = ['map', 'luo', 'dirty', 'timeline'];
const SELECTION_KINDS = ['node', 'range', 'workload', 'event', 'luo-state'];

export interface LinkState {
  scenarioText: string;
  timeNs: number;
  view: ViewId;
  selection: Selection | null;
}

export async function encodeLink(s: LinkState): Promise<string> {
  const doc = { v: LINK_VERSION, t: s.timeNs, view: s.view, sel: s.selection, scenario: JSON.parse(s.scenarioText) };
  const bytes = await pipe(new TextEncoder().encode(JSON.stringify(doc)), new CompressionStream('deflate-raw'));
  return 's=' + toBase64Url(bytes);
}

export type DecodeResult = { ok: true; state: LinkState } | { ok: false; error: LocatedError };

export async function decodeLink(hash: string): Promise<DecodeResult | null> {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith('s=')) return null;
  const fail = (message: string, path?: string): DecodeResult => ({ ok: false, error: { file: 'link', path, message } });
  if (h.length > MAX_LINK_CHARS) return fail(`the link is ${h.length} characters; the limit is ${MAX_LINK_CHARS}`);
  const bytes = fromBase64Url(h.slice(2));
  if (!bytes) return fail('the link is damaged: not base64url after "#s="');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_INFLATED_BYTES));
  } catch (e) {
    return fail(`the link is damaged: ${(e as Error).message || 'it does not decompress'}`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('the link is damaged: its content is not JSON');
  }
  if (doc === null || typeof doc !== 'object') return fail('expected an object', '$');
  if (doc.v !== LINK_VERSION) return fail(`unknown link version ${JSON.stringify(doc.v)}`, '$.v');
  if (typeof doc.t !== 'number' || !(doc.t >= 0) || !Number.isFinite(doc.t)) return fail('expected a time in nanoseconds ≥ 0', '$.t');
  if (!VIEWS.includes(doc.view as ViewId)) return fail(`expected one of ${VIEWS.join(', ')}`, '$.view');
  const sel = doc.sel as Selection | null;
  if (sel !== null && (typeof sel !== 'object' || !SELECTION_KINDS.includes(sel.kind) || typeof sel.id !== 'string'))
    return fail('expected null or { kind, id }', '$.sel');
  if (doc.scenario === null || typeof doc.scenario !== 'object') return fail('expected the scenario object', '$.scenario');
  return { ok: true, state: { scenarioText: JSON.stringify(doc.scenario, null, 2), timeNs: doc.t, view: doc.view as ViewId, selection: sel } };
}

async function pipe(input: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(input as Uint8Array<ArrayBuffer>).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      void reader.cancel();
      throw new Error(`it expands beyond ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
