/**
 * The Firefox manifest is derived from the single manifest.json, never kept as a copy:
 * Firefox MV3 runs the background as an event page (`background.scripts`) and needs an
 * add-on id and a minimum version. MAIN-world content scripts need 128; declaring that the
 * add-on collects no data (`data_collection_permissions`, which AMO now expects) needs 140, and
 * 142 on Android, where web-ext lint checks the key too.
 */
export type Target = 'chrome' | 'firefox';

export interface ManifestSource {
  background: { service_worker: string; type?: string };
  minimum_chrome_version?: string;
  [key: string]: unknown;
}

export const FIREFOX_ID = 'websocket-lifecycle-inspector@wsli.dev';
export const FIREFOX_MIN_VERSION = '140.0';
const FIREFOX_ANDROID_MIN_VERSION = '142.0';

export function manifestFor(source: ManifestSource, target: Target): Record<string, unknown> {
  if (target === 'chrome') return source;
  const { background, minimum_chrome_version: _chromeOnly, ...rest } = source;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: background.type },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Nothing leaves the browser: the record stays in the page, the relay and the panel.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
    },
  };
}
