/**
 * "The page must notice nothing", in Firefox: test/pages/transparency.html observes everything
 * a page can see of WebSocket (test/pages/transparency-probe.js) in Firefox ESR without the
 * extension and with it (dist/firefox, installed over WebDriver BiDi), and the two observations
 * must be deeply equal.
 *
 * Differences that cannot be removed, and how they are excluded (narrowly, nothing else is):
 *
 * 1. Stack text of an error created while one of the hook's functions is on the stack (an
 *    exception thrown by the native close()/send()/addEventListener inside the hook's wrapper,
 *    or by page code the browser calls from inside it, such as a page `toString`). SpiderMonkey
 *    lists every JavaScript frame; a MAIN-world content script's frames print as
 *    `<name>@<anonymous code>:<line>:<column>`. Excluded: in `stacks.texts` of the run with the
 *    extension, lines ending in `@<anonymous code>:<line>:<column>` are dropped, and the remaining
 *    lines must equal the first lines of the native stack, with at most as many native lines
 *    missing at the end as hook lines were dropped (`Error.stackTraceLimit` counts hook frames).
 *    Gecko's legacy exceptions (`[Exception... "…" nsresult: … location: "JS frame :: … :: line N"]`)
 *    name the calling JavaScript frame in their string too: where that frame is the hook's
 *    (`JS frame :: <anonymous code> :: …`) and the strings are otherwise equal, the native one is
 *    kept.
 * 2. Order of `Object.getOwnPropertyNames(window)` / `Object.keys(window)`: Firefox defines most
 *    globals (JS classes and WebIDL interfaces) lazily, the first time anything touches them, and
 *    lists the ones defined before a page enumerates after the others, in the order they were
 *    touched. The hook has to touch `WebSocket` (and saves the natives it calls, `Proxy`,
 *    `Reflect`, `MessageChannel`, …) before any page script, so they move. (The ISOLATED relay
 *    moves `JSON`, `Location` and `Crypto` the same way, through its Xrays.) Excluded: those three
 *    lists are compared as sets (same names, any order); the names that moved are reported.
 * 3. Order of a native function's own keys (`Reflect.ownKeys(fn)`: `length,name` or
 *    `name,length`): SpiderMonkey materialises a native function's `name` and `length` lazily, and
 *    which comes first depends on whether the page's own property-access sites resolved `name`
 *    through a generic lookup or an inline-cache fast path — state that the mere presence of
 *    Proxy objects at those sites changes (functions the hook never touches, like
 *    `dispatchEvent`, flip too). Excluded: `ownKeys` lists of functions compare as sets when the
 *    only difference is the relative order of `length` and `name`.
 * 4. `structuredClone(WebSocket)` (or any hooked function) fails in both, but Gecko's
 *    DataCloneError names the object's class: "Proxy object could not be cloned." instead of
 *    "Function object could not be cloned.". Fixing the text would mean wrapping every
 *    structured-clone entry point (postMessage, IndexedDB, history, …). Excluded: that message.
 * 5. `WebSocket.caller = value`: as in Chromium (see test/e2e/transparency.spec.ts), assigning a
 *    function's legacy `caller` through the Proxy fails with another message ("set caller method
 *    called on incompatible Proxy"); only a `set` trap could change it, at the cost of every
 *    failed strict-mode assignment's message. Excluded: `constructor.assignCaller`.
 *
 * BiDi cannot open the extension's pages in Firefox (moz-extension:// navigation is refused), so
 * "the hook is really there" is checked through the page: the hook answers its private link key
 * on the page's `WebSocket`, and its cloak registry holds the page's `WebSocket`.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startLoopbackServer } from '../../demo/server';
import { LINK_KEY } from '../../src/instrument/link';
import { findFirefox } from '../support/browsers';
import { launchFirefox, type FirefoxSession } from '../support/firefox-bidi';
import { expect, test } from '../e2e/fixtures';
import { differences, type Json, type Observation } from '../support/observation-diff';


const DIST_FIREFOX = resolve('dist/firefox');
const PAGES = resolve('test/pages');
const OWN_FRAME = /@<anonymous code>:\d+:\d+$/;

async function observe(ff: FirefoxSession, url: string): Promise<Observation> {
  await ff.navigate(url);
  const json = await ff.evaluate<string>('window.observe().then((o) => JSON.stringify(o))', { timeoutMs: 60_000 });
  return JSON.parse(json) as Observation;
}

const OWN_EXCEPTION_FRAME = /location: "JS frame :: <anonymous code> :: [^"]*"/;
const ANY_EXCEPTION_FRAME = /location: "JS frame :: [^"]*"/;

type Leaf = (path: string, without: Json, withExt: Json) => Json | undefined;

/** Walks both observations in step; where `leaf` returns a value, it replaces the with-extension one. */
function reconcile(without: Json, withExt: Json, path: string, leaf: Leaf, excluded: string[]): Json {
  const replaced = leaf(path, without, withExt);
  if (replaced !== undefined) {
    excluded.push(`${path}: ${JSON.stringify(withExt)} → ${JSON.stringify(without)}`.slice(0, 400));
    return replaced;
  }
  if (without === null || withExt === null || typeof without !== 'object' || typeof withExt !== 'object') return withExt;
  if (Array.isArray(withExt)) {
    const w = Array.isArray(without) ? without : [];
    return withExt.map((v, i) => reconcile(w[i] ?? null, v, `${path}.${i}`, leaf, excluded));
  }
  const w = Array.isArray(without) ? {} : without;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(withExt)) out[k] = k in w ? reconcile(w[k] ?? null, v, path === '' ? k : `${path}.${k}`, leaf, excluded) : v;
  return out;
}

const sameSet = (a: Json, b: Json): boolean =>
  Array.isArray(a) && Array.isArray(b) && JSON.stringify([...a].map(String).sort()) === JSON.stringify([...b].map(String).sort());

/** Exclusions 2 to 5 above, each only where its own condition holds. */
const knownLeaf: Leaf = (path, without, withExt) => {
  if (JSON.stringify(without) === JSON.stringify(withExt)) return undefined;
  // 2. window's own names: same set, another order.
  if (/^globals\.(namesAtLoad|namesNow|keysNow)$/.test(path) && sameSet(without, withExt)) return without;
  // 3. a function's lazily materialised name/length: same set, only those two swapped.
  if (/\.ownKeys$/.test(path) && sameSet(without, withExt) && Array.isArray(without) && Array.isArray(withExt)) {
    const strip = (a: Json[]): string => JSON.stringify(a.filter((k) => k !== 'length' && k !== 'name'));
    if (strip(without) === strip(withExt)) return without;
  }
  // 4. DataCloneError naming the Proxy class.
  if (
    typeof without === 'string' &&
    typeof withExt === 'string' &&
    without.includes('Function object could not be cloned.') &&
    withExt === without.replace('Function object could not be cloned.', 'Proxy object could not be cloned.')
  ) {
    return without;
  }
  // 1 (legacy exception strings): the calling frame is the hook's.
  if (
    typeof without === 'string' &&
    typeof withExt === 'string' &&
    OWN_EXCEPTION_FRAME.test(withExt) &&
    withExt.replace(ANY_EXCEPTION_FRAME, '') === without.replace(ANY_EXCEPTION_FRAME, '')
  ) {
    return without;
  }
  // 5. assigning `caller` through the Proxy.
  if (path === 'constructor.assignCaller') return without;
  return undefined;
};

/** Exclusion 1 above (stack texts); returns what was excluded, for the report. */
function excludeHookFrames(without: Observation, withExt: Observation): string[] {
  const excluded: string[] = [];
  const texts = (withExt['stacks'] as { texts: Record<string, string[]> }).texts;
  const nativeTexts = (without['stacks'] as { texts: Record<string, string[]> }).texts;
  for (const [label, lines] of Object.entries(texts)) {
    const native = nativeTexts[label] ?? [];
    const kept = lines.filter((l) => !OWN_FRAME.test(l.trim()));
    const dropped = lines.length - kept.length;
    if (dropped === 0) continue;
    const missing = native.length - kept.length;
    if (missing >= 0 && missing <= dropped && JSON.stringify(native.slice(0, kept.length)) === JSON.stringify(kept)) {
      texts[label] = native;
      excluded.push(`stacks.texts.${label}: ${dropped} hook frame(s), ${missing} outer page frame(s) cut`);
    }
  }
  return excluded;
}

test('a page sees WebSocket exactly as without the extension (Firefox)', async () => {
  test.setTimeout(120_000);
  const server = await startLoopbackServer({ staticDir: PAGES });
  const url = `${server.origin}/transparency.html`;
  const executablePath = findFirefox();
  const sessions: FirefoxSession[] = [];
  try {
    const [plain, inspected] = await Promise.all([
      launchFirefox({ executablePath }),
      launchFirefox({ executablePath, extensionDir: DIST_FIREFOX }),
    ]);
    sessions.push(plain, inspected);
    const started = Date.now();
    const [without, withExt] = await Promise.all([observe(plain, url), observe(inspected, url)]);
    const elapsed = Date.now() - started;

    // The hook really is there (and only there): its link answers on the page's WebSocket and
    // its cloak registry holds the page's WebSocket and toString.
    const hookSeen = (ff: FirefoxSession): Promise<unknown> =>
      ff.evaluate(`(() => {
        const d = Object.getOwnPropertyDescriptor(WebSocket, ${JSON.stringify(LINK_KEY)});
        if (!d) return 'no link';
        const originals = d.value.group.originals;
        return [typeof d.value.version, originals.has(WebSocket), originals.has(Function.prototype.toString), originals.has(EventTarget.prototype.addEventListener)];
      })()`);
    expect.soft(await hookSeen(inspected)).toEqual(['number', true, true, true]);
    expect.soft(await hookSeen(plain)).toBe('no link');

    const excluded = excludeHookFrames(without, withExt);
    const reconciled = reconcile(without, withExt, '', knownLeaf, excluded) as Observation;
    // Globals defined before the page's first look (they are listed last): the extension's share.
    const tail = (o: Observation): string[] => (o['globals'] as { namesAtLoad: string[] }).namesAtLoad.slice(-80);
    const nativeTail = new Set(tail(without));
    const movedByExtension = tail(withExt).filter((n) => !nativeTail.has(n));
    test.info().annotations.push(
      { type: 'probe time (both browsers in parallel)', description: `${elapsed} ms` },
      { type: 'excluded', description: excluded.join('\n') || '(nothing)' },
      { type: 'globals defined early by the extension', description: movedByExtension.join(', ') },
    );
    await writeFile(test.info().outputPath('observations.json'), JSON.stringify({ without, withExt, excluded }, null, 1));
    const diff = differences(without, reconciled);
    expect(diff, `the page noticed the extension:\n${diff.join('\n')}`).toEqual([]);
    expect(reconciled).toEqual(without);
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
    await server.close();
  }
});
