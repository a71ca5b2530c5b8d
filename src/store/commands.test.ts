import { describe, expect, it } from 'vitest';
import { COMMANDS, matchesKey } from './commands';

const ev = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('command registry', () => {
  it('has unique ids and no shortcut bound twice', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    const keys = COMMANDS.flatMap((c) => c.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('matches Mod as Ctrl or Cmd and keeps plain keys plain', () => {
    expect(matchesKey('Mod+k', ev('k', { ctrlKey: true }))).toBe(true);
    expect(matchesKey('Mod+k', ev('k', { metaKey: true }))).toBe(true);
    expect(matchesKey('Mod+k', ev('k'))).toBe(false);
    expect(matchesKey('t', ev('t', { ctrlKey: true }))).toBe(false);
    expect(matchesKey('?', ev('?', { shiftKey: true }))).toBe(true);
    expect(matchesKey('Mod+Shift+l', ev('L', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesKey('Mod+Shift+l', ev('l', { ctrlKey: true }))).toBe(false);
  });
});
