import { describe, expect, it } from 'vitest';
import { frameUrl } from './engine';
import { pageFrames } from './stack-capture';

const OWN_V8 = 'chrome-extension://abcdef/extension/page/hook.iife.js';
const V8 = [
  'Error',
  `    at stackCapturer (${OWN_V8}:100:10)`,
  `    at track (${OWN_V8}:200:20)`,
  `    at Object.construct (${OWN_V8}:300:30)`,
  '    at connect (https://app.example/main.js:10:5)',
  '    at https://app.example/main.js:20:1',
  '    at async start (https://app.example/main.js:30:2)',
].join('\n');

const GECKO = [
  'stackCapturer@<anonymous code>:100:10',
  'installWebSocketHook/construct@<anonymous code>:300:30',
  'connect@https://app.example/main.js:10:5',
  '@https://app.example/main.js:20:1',
  '',
].join('\n');

describe('frameUrl', () => {
  it('reads the location of V8 and SpiderMonkey frames', () => {
    expect(frameUrl(`    at track (${OWN_V8}:200:20)`)).toBe(OWN_V8);
    expect(frameUrl('    at https://app.example/main.js:20:1')).toBe('https://app.example/main.js');
    expect(frameUrl('    at new Socket (https://a.example/x.js?v=1:3:4)')).toBe('https://a.example/x.js?v=1');
    expect(frameUrl('connect@https://app.example/main.js:10:5')).toBe('https://app.example/main.js');
    expect(frameUrl('stackCapturer@<anonymous code>:100:10')).toBe('<anonymous code>');
    expect(frameUrl('Error')).toBeNull();
    expect(frameUrl('    at foo (native)')).toBeNull();
  });
});

describe('pageFrames', () => {
  it("keeps the frames after the hook's own, trimmed (V8)", () => {
    expect(pageFrames(V8, OWN_V8, null)).toBe(
      ['at connect (https://app.example/main.js:10:5)', 'at https://app.example/main.js:20:1', 'at async start (https://app.example/main.js:30:2)'].join('\n'),
    );
  });

  it("keeps the frames after the hook's own (SpiderMonkey)", () => {
    expect(pageFrames(GECKO, '<anonymous code>', null)).toBe(
      ['connect@https://app.example/main.js:10:5', '@https://app.example/main.js:20:1'].join('\n'),
    );
  });

  it("keeps at most the page's Error.stackTraceLimit frames", () => {
    expect(pageFrames(V8, OWN_V8, 2).split('\n')).toHaveLength(2);
    expect(pageFrames(V8, OWN_V8, 0)).toBe('');
  });

  it('keeps every frame line when the own location is unknown or absent', () => {
    expect(pageFrames(V8, null, null).split('\n')).toHaveLength(6);
    expect(pageFrames(V8, 'chrome-extension://other/x.js', null).split('\n')).toHaveLength(6);
  });
});
