import { render } from 'preact';
import browser from 'webextension-polyfill';
import { mountPanel } from '../../src/ui/mount';

mountPanel(document.getElementById('root') ?? document.body, browser, render);
