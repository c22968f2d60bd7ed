/**
 * The Firefox manifest is derived from the single manifest.json, never kept as a copy:
 * Firefox MV3 runs the background as an event page (`background.scripts`) and needs an
 * add-on id and a minimum version (128: the first with MAIN-world content scripts).
 */
export type Target = 'chrome' | 'firefox';

export interface ManifestSource {
  background: { service_worker: string; type?: string };
  minimum_chrome_version?: string;
  content_scripts: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export const FIREFOX_ID = 'websocket-lifecycle-inspector@wsli.dev';
export const FIREFOX_MIN_VERSION = '128.0';

/** Keys Firefox does not know and would warn about. */
const CHROME_ONLY_CONTENT_SCRIPT_KEYS = ['match_origin_as_fallback'];

export function manifestFor(source: ManifestSource, target: Target): Record<string, unknown> {
  if (target === 'chrome') return source;
  const { background, minimum_chrome_version: _chromeOnly, content_scripts, ...rest } = source;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: background.type },
    content_scripts: content_scripts.map((entry) =>
      Object.fromEntries(Object.entries(entry).filter(([k]) => !CHROME_ONLY_CONTENT_SCRIPT_KEYS.includes(k))),
    ),
    browser_specific_settings: { gecko: { id: FIREFOX_ID, strict_min_version: FIREFOX_MIN_VERSION } },
  };
}
