import { test as base } from '@playwright/test';
import { resolve } from 'node:path';
import { distDir } from '../support/dist';
import { startLoopbackServer, type LoopbackServer } from '../../demo/server';
import { launchWithExtension, type ExtensionBrowser } from '../support/extension-browser';

export const DIST_CHROME = distDir('chrome');
export const PAGES = resolve('test/pages');

interface Fixtures {
  /** HTTP pages from test/pages and scripted ws endpoints, on 127.0.0.1. */
  server: LoopbackServer;
  /** Chromium with the built extension and DevTools open on the first tab. */
  inspector: ExtensionBrowser;
}

export const test = base.extend<Fixtures>({
  // eslint-style empty pattern is how Playwright declares a fixture without dependencies.
  server: async ({}, use) => {
    const server = await startLoopbackServer({ staticDir: PAGES });
    await use(server);
    await server.close();
  },
  inspector: async ({}, use) => {
    const browser = await launchWithExtension({ extensionDir: DIST_CHROME, devtools: true });
    await use(browser);
    await browser.close();
  },
});

export { expect } from '@playwright/test';
