import type { Browser } from 'webextension-polyfill';

/** Sets `data-theme` on the document from DevTools' theme, now and whenever it changes. */
export function followTheme(browser: Browser): void {
  const panels = browser.devtools?.panels;
  const apply = (name: string | undefined): void => {
    document.documentElement.dataset.theme = name === 'dark' ? 'dark' : 'light';
  };
  apply(panels?.themeName);
  // Firefox has onThemeChanged; Chrome instead calls setThemeChangeHandler's callback.
  panels?.onThemeChanged?.addListener(apply);
  const chromePanels = (globalThis as { chrome?: { devtools?: { panels?: { setThemeChangeHandler?: (cb: (name: string) => void) => void } } } })
    .chrome?.devtools?.panels;
  chromePanels?.setThemeChangeHandler?.(apply);
}
