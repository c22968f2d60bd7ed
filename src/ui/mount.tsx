import type { render as preactRender } from 'preact';
import type { Browser } from 'webextension-polyfill';
import { App } from './App';
import { OpenSourceContext, type OpenSource } from './open-source';
import { connectPanel } from './connection';
import './panel.css';
import './icons.css';
import { loadSettings, saveSettings } from './settings';
import { PanelStore } from './store';

/** The panel's own origin's storage, for settings; null where it is disabled. */
function localStorageOrNull(): Storage | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null;
  }
}

/**
 * The inspected tab: DevTools says which; opened as a normal page (tests, `?tabId=N`), the
 * query string does.
 */
function inspectedTabId(browser: Browser): number | null {
  const fromDevtools = browser.devtools?.inspectedWindow?.tabId;
  if (typeof fromDevtools === 'number') return fromDevtools;
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : null;
}

function followTheme(browser: Browser): void {
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

/** devtools.panels.openResource takes a 0-based line; stacks print 1-based ones. */
function sourceOpener(browser: Browser): OpenSource {
  return (url, line, column) => {
    const panels = browser.devtools?.panels as { openResource?: (u: string, l: number, c?: number) => unknown } | undefined;
    void panels?.openResource?.(url, Math.max(0, line - 1), Math.max(0, column - 1));
  };
}

export function mountPanel(root: Element, browser: Browser, render: typeof preactRender): void {
  followTheme(browser);
  const storage = localStorageOrNull();
  const store = new PanelStore({ settings: loadSettings(storage), onSettings: (s) => saveSettings(storage, s) });
  const tabId = inspectedTabId(browser);
  if (tabId !== null) {
    const connection = connectPanel(
      browser.runtime,
      tabId,
      (message) => store.receive(message),
      (connected) => store.setConnected(connected),
    );
    store.setSendCommand(connection.send);
  }
  render(
    <OpenSourceContext.Provider value={sourceOpener(browser)}>
      <App store={store} />
    </OpenSourceContext.Provider>,
    root,
  );
}
