import browser from 'webextension-polyfill';
import { startRouter } from '../../src/background/router';

startRouter(browser);
