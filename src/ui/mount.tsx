import type { render as preactRender } from 'preact';
import type { Browser } from 'webextension-polyfill';
import { App } from './App';
import { connectPanel } from './connection';
import './panel.css';
import { PanelStore } from './store';

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
  panels?.onThemeChanged?.addListener(apply);
}

export function mountPanel(root: Element, browser: Browser, render: typeof preactRender): void {
  followTheme(browser);
  const store = new PanelStore();
  const tabId = inspectedTabId(browser);
  if (tabId !== null) {
    connectPanel(
      browser.runtime,
      tabId,
      (message) => store.receive(message),
      (connected) => store.setConnected(connected),
    );
  }
  render(<App store={store} />, root);
}
