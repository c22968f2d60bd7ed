import browser from 'webextension-polyfill';

// The DevTools page only adds the panel; everything else lives in the panel page.
void browser.devtools.panels.create('WebSockets', '/icons/icon-32.png', '/extension/panel/panel.html');
