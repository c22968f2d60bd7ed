// ISOLATED world, document_start, every frame: validate, keep and forward what the hook records.
import browser from 'webextension-polyfill';
import { startRelay } from '../../src/relay/relay';

startRelay(window, browser.runtime);
