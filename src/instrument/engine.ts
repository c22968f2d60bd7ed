/**
 * Facts about the engine and the hook's own code, read once from a stack made while the bundle
 * is evaluated (before any page script), with plain string methods: no regular expression and no
 * global beyond `Error`, because in Firefox every global the hook touches first is resolved early
 * and moves in the order of `Object.getOwnPropertyNames(window)`.
 */
const OWN_STACK: string = (() => {
  'use strict';
  try {
    const stack = new Error().stack;
    return typeof stack === 'string' ? stack : '';
  } catch {
    return '';
  }
})();

/** V8 writes a header line ("Error") before the frames; SpiderMonkey writes frames only. */
export const V8_STACKS: boolean = OWN_STACK.indexOf('Error') === 0;

/**
 * The location (script URL) frames of the hook's own code print: V8 the extension's script URL,
 * Firefox `<anonymous code>` for a MAIN-world content script. Null when unknown.
 */
export const OWN_URL: string | null = (() => {
  'use strict';
  const lines = OWN_STACK.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const url = frameUrl(lines[i] as string);
    if (url !== null) return url;
  }
  return null;
})();

/** "    at fn (url:1:2)", "    at url:1:2", "fn@url:1:2" → url; null for anything else. */
export function frameUrl(raw: string): string | null {
  'use strict';
  let line = raw.trim();
  if (line.endsWith(')')) line = line.slice(0, -1);
  const colon2 = line.lastIndexOf(':');
  const colon1 = colon2 > 0 ? line.lastIndexOf(':', colon2 - 1) : -1;
  if (colon1 <= 0 || !isDigits(line.slice(colon2 + 1)) || !isDigits(line.slice(colon1 + 1, colon2))) return null;
  const head = line.slice(0, colon1);
  if (line.startsWith('at ')) {
    const paren = head.lastIndexOf(' (');
    return paren >= 0 ? head.slice(paren + 2) : head.slice(3);
  }
  const at = head.indexOf('@');
  return at >= 0 ? head.slice(at + 1) : null;
}

function isDigits(s: string): boolean {
  'use strict';
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
