/**
 * Locating real browser executables for the e2e tests.
 *
 * Order: an explicit env var, then the usual system install paths (Linux, macOS, Windows),
 * then (Chromium only) Playwright's own download. We never return a path that does not exist:
 * a missing browser is an Error that says how to get one.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Flags Chromium needs on CI / in containers (see /work/shared/TESTING.md).
 * Always combine with a fresh user-data-dir.
 */
export const CHROMIUM_FLAGS: readonly string[] = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

const CHROMIUM_SYSTEM_PATHS: readonly string[] = [
  // Debian's /usr/bin/chromium is a shell launcher that prints a harmless
  // "[: …: unexpected operator"; the real binary avoids it, so try it first.
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/lib/chromium-browser/chromium-browser',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  ...windowsPaths(['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe']),
];

const FIREFOX_SYSTEM_PATHS: readonly string[] = [
  '/usr/bin/firefox-esr',
  '/usr/lib/firefox-esr/firefox-esr',
  '/usr/bin/firefox',
  '/usr/lib/firefox/firefox',
  '/snap/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  '/Applications/Firefox Developer Edition.app/Contents/MacOS/firefox',
  '/Applications/Firefox Nightly.app/Contents/MacOS/firefox',
  ...windowsPaths(['Mozilla Firefox\\firefox.exe']),
];

function windowsPaths(relative: readonly string[]): string[] {
  if (process.platform !== 'win32') return [];
  const roots = [process.env['PROGRAMFILES'], process.env['PROGRAMFILES(X86)'], process.env['LOCALAPPDATA']]
    .filter((r): r is string => typeof r === 'string' && r.length > 0);
  return roots.flatMap((root) => relative.map((rel) => `${root}\\${rel}`));
}

function fromEnv(name: string): string | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  if (!existsSync(value)) {
    // An explicit setting that points nowhere is a configuration error: do not fall back silently.
    throw new Error(`${name} is set to "${value}", but that file does not exist.`);
  }
  return value;
}

function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Path of a Chromium/Chrome executable, or throws with instructions. */
export function findChromium(): string {
  const found =
    fromEnv('CHROMIUM_PATH') ?? CHROMIUM_SYSTEM_PATHS.find((p) => existsSync(p)) ?? playwrightChromium();
  if (found !== undefined) return found;
  throw new Error(
    'No Chromium found. Either set CHROMIUM_PATH=/path/to/chromium, install it ' +
      '(Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome), ' +
      'or run `npx playwright install chromium`.\nLooked in: ' +
      [...CHROMIUM_SYSTEM_PATHS, "playwright-core's chromium.executablePath()"].join(', '),
  );
}

/**
 * Path of a stock Firefox executable, or throws with instructions.
 * Playwright's Firefox is a patched build (Juggler instead of WebDriver BiDi, no unsigned add-ons),
 * so it is deliberately not considered.
 */
export function findFirefox(): string {
  const found = fromEnv('FIREFOX_PATH') ?? FIREFOX_SYSTEM_PATHS.find((p) => existsSync(p));
  if (found !== undefined) return found;
  throw new Error(
    'No Firefox found. Either set FIREFOX_PATH=/path/to/firefox, or install it ' +
      '(Debian: `sudo apt-get install firefox-esr`; Ubuntu: `sudo apt-get install firefox`; ' +
      'macOS: install Firefox). Playwright\'s own Firefox build cannot be used.\nLooked in: ' +
      FIREFOX_SYSTEM_PATHS.join(', '),
  );
}
