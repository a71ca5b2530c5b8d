// The input size limit, checked before any parsing so a huge drop fails fast with a clear message.
export const MAX_INPUT_BYTES = 64 * 2 ** 20;
export const MAX_INPUT_LABEL = '64 MiB';

/** UTF-8 length of a string without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Returns the size message when `text` is over the limit, else undefined. */
export function sizeProblem(text: string, limit = MAX_INPUT_BYTES): string | undefined {
  // text.length is a lower bound of the UTF-8 size; only count exactly when it might matter.
  if (text.length <= limit / 3) return undefined;
  const bytes = text.length > limit ? text.length : utf8Length(text);
  if (bytes <= limit) return undefined;
  const label = limit === MAX_INPUT_BYTES ? MAX_INPUT_LABEL : `${limit} bytes`;
  return `file is ${(bytes / 2 ** 20).toFixed(1)} MiB, over the ${label} import limit`;
}
