// Loads preset scenarios' machines for tests (Node only; not part of the browser bundle's imports).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { machineSchema, type Machine } from './schema';

export function presetMachine(slug: string): Machine {
  const file = path.resolve(__dirname, '../../scenarios', `${slug}.json`);
  return machineSchema.parse(JSON.parse(readFileSync(file, 'utf8')).machine);
}
