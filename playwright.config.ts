import { defineConfig } from '@playwright/test';

/**
 * Real-browser tests against the built extension (run `npm run build` first; `npm test` does).
 * chromium: test/e2e, Playwright driving Chromium with dist/chrome and the real DevTools panel.
 * firefox:  test/firefox, Firefox ESR over WebDriver BiDi with dist/firefox.
 */
export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  projects: [
    { name: 'chromium', testDir: 'test/e2e' },
    { name: 'firefox', testDir: 'test/firefox' },
  ],
});
