import type { render as preactRender } from 'preact';
import type { Browser } from 'webextension-polyfill';
import { App } from './App';
import { OpenSourceContext, type OpenSource } from './open-source';
import { loadSettings, saveSettings } from './settings';
import type { PanelLink } from './panel-link';
import { PanelStore } from './store';

/** The panel's own origin's storage, for settings; null where it is disabled. */
function localStorageOrNull(): Storage | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null;
  }
}

/** devtools.panels.openResource takes a 0-based line; stacks print 1-based ones. */
function sourceOpener(browser: Browser): OpenSource {
  return (url, line, column) => {
    const panels = browser.devtools?.panels as { openResource?: (u: string, l: number, c?: number) => unknown } | undefined;
    void panels?.openResource?.(url, Math.max(0, line - 1), Math.max(0, column - 1));
  };
}

export function mountPanel(root: Element, browser: Browser, render: typeof preactRender, link: PanelLink): void {
  const storage = localStorageOrNull();
  const store = new PanelStore({ settings: loadSettings(storage), onSettings: (s) => saveSettings(storage, s) });
  if (link.tabId !== null) {
    store.setSendCommand(
      link.attach({
        onMessage: (message) => store.receive(message),
        onStatus: (connected) => store.setConnected(connected),
        onLost: () => store.countLost(),
      }),
    );
  }
  render(
    <OpenSourceContext.Provider value={sourceOpener(browser)}>
      <App store={store} />
    </OpenSourceContext.Provider>,
    root,
  );
}
