// Shared start of the JSON formats: parse with locations, or log the located syntax error.
import type { ParseContext } from '../context';
import type { JsonDoc, JsonLocations } from './parse';
import { parseJson } from './parse';
import { JsonReader } from './read';

export interface LoadedJson {
  docs: JsonDoc[];
  where: JsonLocations;
  read: JsonReader;
}

export function loadJson(text: string, ctx: ParseContext): LoadedJson | undefined {
  const r = parseJson(text, ctx.log, ctx.progress);
  if (!r.ok) {
    ctx.log.error(r.error);
    return undefined;
  }
  return { docs: r.docs, where: r.where, read: new JsonReader(ctx.file, ctx.log, r.where) };
}
