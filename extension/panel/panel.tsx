import browser from 'webextension-polyfill';
import { openPanelLink } from '../../src/ui/panel-link';
import { followTheme } from '../../src/ui/theme';
import '../../src/ui/panel.css';
import '../../src/ui/icons.css';

// Connect first; the UI's code (most of the panel's bytes) loads while the history travels. The
// styles and the theme come with this first script, so the empty panel is already the right colour.
const link = openPanelLink(browser);
followTheme(browser);
const root = document.getElementById('root') ?? document.body;
Promise.all([import('preact'), import('../../src/ui/mount')]).then(
  ([{ render }, { mountPanel }]) => mountPanel(root, browser, render, link),
  (error: unknown) => {
    root.textContent = `The panel failed to load: ${String(error)}`;
  },
);
