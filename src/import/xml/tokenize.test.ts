import { describe, expect, test } from 'vitest';
import { IssueLog } from '../errors';
import { MAX_XML_DEPTH, parseXml } from './tokenize';

const parse = (text: string) => {
  const log = new IssueLog('t.xml');
  return { r: parseXml(text, log), log };
};

describe('safe XML reader', () => {
  test('elements, attributes with entities, text, comments, CDATA and line numbers', () => {
    const { r } = parse('<?xml version="1.0"?>\n<!-- c -->\n<a x="1 &lt; 2" y=\'&#x41;\'>\n  <b>t&amp;t</b><![CDATA[<raw>]]>\n</a>');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.root.name).toBe('a');
    expect(r.root.line).toBe(3);
    expect(Object.fromEntries(r.root.attrs)).toEqual({ x: '1 < 2', y: 'A' });
    expect(r.root.children[0]).toMatchObject({ name: 'b', text: 't&t', line: 4 });
    expect(r.root.text).toContain('<raw>');
  });

  test('DTD entities are never expanded ("billion laughs")', () => {
    const bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<topology a="&lol2;"/>';
    const { r, log } = parse(bomb);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.root.attrs.get('a')).toBe('&lol2;');
    expect(log.issues()[0].message).toContain('unknown entity');
  });

  test('nesting is bounded', () => {
    const { r } = parse('<a>'.repeat(MAX_XML_DEPTH + 5));
    expect(r.ok ? '' : r.error.message).toContain(`nested deeper than ${MAX_XML_DEPTH}`);
  });

  test('mismatched tags and unterminated values are located errors', () => {
    const a = parse('<a>\n<b></c>\n</a>').r;
    expect(a.ok ? undefined : a.error).toMatchObject({ line: 2, message: 'invalid XML: </c> does not match <b> opened on line 2' });
    const b = parse('<a x="never closed>').r;
    expect(b.ok ? '' : b.error.message).toContain('value of x is not closed');
  });

  test('one pass on a long single line (no quadratic line counting)', () => {
    const many = `<a>${'<b x="1"/>'.repeat(200_000)}</a>`;
    const { r } = parse(many);
    expect(r.ok && r.root.children.length).toBe(200_000);
  });
});
