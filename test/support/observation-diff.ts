/**
 * What the transparency probe (test/pages/transparency-probe.js) observes of WebSocket in a page,
 * as JSON, and the differences between two observations, one readable line each.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Observation = { [key: string]: Json };

/** Every leaf as `path = value`, so a difference prints as one readable line. */
function flatten(value: Json, path = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.set(path, Array.isArray(value) ? '[]' : '{}');
    for (const [k, v] of entries) flatten(v, path === '' ? k : `${path}.${k}`, out);
  } else {
    out.set(path, JSON.stringify(value));
  }
  return out;
}

/** `path: without A | with B` for every leaf that differs or exists on one side only. */
export function differences(without: Observation, withExt: Observation): string[] {
  const a = flatten(without);
  const b = flatten(withExt);
  const out: string[] = [];
  for (const [path, v] of a) if (b.get(path) !== v) out.push(`${path}: without ${v} | with ${b.get(path) ?? '(missing)'}`);
  for (const [path, v] of b) if (!a.has(path)) out.push(`${path}: without (missing) | with ${v}`);
  return out;
}
