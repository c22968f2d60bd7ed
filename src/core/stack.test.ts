import { describe, expect, it } from 'vitest';
import { callSite, parseStack, parseStackLine, stripOwnFrames } from './stack';

describe('parseStackLine: V8 (Chrome)', () => {
  it('parses a named frame', () => {
    expect(parseStackLine('    at fn (http://127.0.0.1:8080/app.js:10:5)')).toEqual({
      fn: 'fn',
      url: 'http://127.0.0.1:8080/app.js',
      line: 10,
      column: 5,
      raw: 'at fn (http://127.0.0.1:8080/app.js:10:5)',
    });
  });

  it('parses an anonymous frame without parentheses', () => {
    expect(parseStackLine('    at http://x/a.js:1:2')).toEqual({
      fn: '',
      url: 'http://x/a.js',
      line: 1,
      column: 2,
      raw: 'at http://x/a.js:1:2',
    });
  });

  it('parses an async frame, keeping the name as V8 printed it', () => {
    expect(parseStackLine('    at async f (http://x/a.js:12:34)')).toMatchObject({
      fn: 'async f',
      url: 'http://x/a.js',
      line: 12,
      column: 34,
    });
  });

  it('parses a constructor frame', () => {
    expect(parseStackLine('    at new Klass (http://x/lib/k.js:7:19)')).toMatchObject({
      fn: 'new Klass',
      url: 'http://x/lib/k.js',
      line: 7,
      column: 19,
    });
  });

  it('parses a method frame with an alias', () => {
    expect(parseStackLine('    at Object.connect [as open] (https://cdn.x.com/v1/s.min.js:1:20345)')).toMatchObject({
      fn: 'Object.connect [as open]',
      url: 'https://cdn.x.com/v1/s.min.js',
      line: 1,
      column: 20345,
    });
  });

  it('keeps a port number inside the URL', () => {
    expect(parseStackLine('    at http://localhost:3000/src/main.ts?t=1:40:9')).toMatchObject({
      url: 'http://localhost:3000/src/main.ts?t=1',
      line: 40,
      column: 9,
    });
  });

  it('keeps a scoped package path with an @ as part of the URL', () => {
    expect(parseStackLine('    at go (http://x/node_modules/@scope/pkg/i.js:2:3)')).toMatchObject({
      fn: 'go',
      url: 'http://x/node_modules/@scope/pkg/i.js',
    });
  });

  it('keeps a frame without location as a text-only frame', () => {
    expect(parseStackLine('    at new WebSocket (<anonymous>)')).toEqual({
      fn: '',
      url: '',
      line: 0,
      column: 0,
      raw: 'at new WebSocket (<anonymous>)',
    });
  });

  it('ignores trailing whitespace and carriage returns', () => {
    expect(parseStackLine('    at fn (http://x/a.js:3:4)\r')).toMatchObject({ url: 'http://x/a.js', line: 3, column: 4 });
  });
});

describe('parseStackLine: SpiderMonkey (Firefox)', () => {
  it('parses a named frame', () => {
    expect(parseStackLine('fn@http://x/a.js:3:7')).toEqual({
      fn: 'fn',
      url: 'http://x/a.js',
      line: 3,
      column: 7,
      raw: 'fn@http://x/a.js:3:7',
    });
  });

  it('parses an anonymous top-level frame', () => {
    expect(parseStackLine('@http://x/a.js:1:1')).toMatchObject({ fn: '', url: 'http://x/a.js', line: 1, column: 1 });
  });

  it('parses a frame of an inner anonymous function', () => {
    expect(parseStackLine('fn/<@http://x/a.js:5:11')).toMatchObject({
      fn: 'fn/<',
      url: 'http://x/a.js',
      line: 5,
      column: 11,
    });
  });

  it('splits at the first @, so an @ inside the URL stays in the URL', () => {
    expect(parseStackLine('go@http://x/node_modules/@scope/pkg/i.js:2:3')).toMatchObject({
      fn: 'go',
      url: 'http://x/node_modules/@scope/pkg/i.js',
      line: 2,
      column: 3,
    });
  });
});

describe('parseStackLine: other lines', () => {
  it('returns null for blank lines', () => {
    expect(parseStackLine('')).toBeNull();
    expect(parseStackLine('   \t ')).toBeNull();
  });

  it('keeps an unknown line as a text-only frame, trimmed', () => {
    expect(parseStackLine('  something odd  ')).toEqual({ fn: '', url: '', line: 0, column: 0, raw: 'something odd' });
  });
});

describe('parseStack', () => {
  it('drops V8’s leading message line and parses every frame', () => {
    const stack = [
      'Error',
      '    at connect (http://x/app.js:10:5)',
      '    at async main (http://x/app.js:20:3)',
      '    at http://x/app.js:30:1',
    ].join('\n');
    expect(parseStack(stack).map((f) => [f.fn, f.url, f.line, f.column])).toEqual([
      ['connect', 'http://x/app.js', 10, 5],
      ['async main', 'http://x/app.js', 20, 3],
      ['', 'http://x/app.js', 30, 1],
    ]);
  });

  it('drops a V8 message line carrying text', () => {
    const stack = 'Error: boom\n    at f (http://x/a.js:1:2)';
    expect(parseStack(stack)).toHaveLength(1);
  });

  it('does not take a V8 message line containing an @ for a frame, in parseStack or stripOwnFrames', () => {
    const stack = 'Error: mail user@example.com failed\n    at f (http://x/a.js:1:2)';
    expect(parseStack(stack)).toEqual([
      { fn: 'f', url: 'http://x/a.js', line: 1, column: 2, raw: 'at f (http://x/a.js:1:2)' },
    ]);
    expect(stripOwnFrames(stack, () => false)).toBe('at f (http://x/a.js:1:2)');
  });

  it('parses a Firefox stack with its trailing newline', () => {
    const stack = 'connect@http://x/app.js:10:5\n@http://x/app.js:30:1\n';
    expect(parseStack(stack).map((f) => [f.fn, f.url, f.line, f.column])).toEqual([
      ['connect', 'http://x/app.js', 10, 5],
      ['', 'http://x/app.js', 30, 1],
    ]);
  });

  it('keeps V8 frames without a location as text-only frames', () => {
    const stack = 'Error\n    at new WebSocket (<anonymous>)\n    at f (http://x/a.js:1:2)';
    const frames = parseStack(stack);
    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatchObject({ url: '', raw: 'at new WebSocket (<anonymous>)' });
  });

  it('returns no frames for an empty stack', () => {
    expect(parseStack('')).toEqual([]);
  });
});

describe('stripOwnFrames', () => {
  const HOOK = 'chrome-extension://abc/hook.js';
  const isOwn = (url: string): boolean => url === HOOK;

  it('keeps the frames after the last own frame, in the engine’s line format', () => {
    const stack = [
      'Error',
      `    at capture (${HOOK}:1:10)`,
      `    at Object.construct (${HOOK}:2:20)`,
      '    at connect (http://x/app.js:10:5)',
      '    at http://x/app.js:30:1',
    ].join('\n');
    expect(stripOwnFrames(stack, isOwn)).toBe('at connect (http://x/app.js:10:5)\nat http://x/app.js:30:1');
  });

  it('cuts after the last own frame even when page frames sit between own frames', () => {
    const stack = [
      `    at a (${HOOK}:1:1)`,
      '    at page1 (http://x/app.js:1:1)',
      `    at b (${HOOK}:2:2)`,
      '    at page2 (http://x/app.js:2:2)',
    ].join('\n');
    expect(stripOwnFrames(stack, isOwn)).toBe('at page2 (http://x/app.js:2:2)');
  });

  it('keeps every frame (without the message line) when none is own', () => {
    const stack = 'Error\n    at f (http://x/a.js:1:2)\n    at g (http://x/a.js:3:4)';
    expect(stripOwnFrames(stack, isOwn)).toBe('at f (http://x/a.js:1:2)\nat g (http://x/a.js:3:4)');
  });

  it('returns an empty string when every frame is own', () => {
    expect(stripOwnFrames(`Error\n    at f (${HOOK}:1:2)`, isOwn)).toBe('');
  });

  it('works on Firefox stacks', () => {
    const stack = `capture@${HOOK}:1:10\nconstruct@${HOOK}:2:20\nconnect@http://x/app.js:10:5\n@http://x/app.js:30:1\n`;
    expect(stripOwnFrames(stack, isOwn)).toBe('connect@http://x/app.js:10:5\n@http://x/app.js:30:1');
  });

  it('never asks about frames without a location', () => {
    const asked: string[] = [];
    stripOwnFrames('Error\n    at new WebSocket (<anonymous>)\n    at f (http://x/a.js:1:2)', (url) => {
      asked.push(url);
      return false;
    });
    expect(asked).toEqual(['http://x/a.js']);
  });

  it('keeps text-only frames that follow the last own frame', () => {
    const stack = `Error\n    at f (${HOOK}:1:2)\n    at new WebSocket (<anonymous>)\n    at g (http://x/a.js:3:4)`;
    expect(stripOwnFrames(stack, isOwn)).toBe('at new WebSocket (<anonymous>)\nat g (http://x/a.js:3:4)');
  });
});

describe('callSite', () => {
  it('gives url:line:col of the first frame with a location (V8)', () => {
    expect(callSite('Error\n    at connect (http://x/app.js:10:5)\n    at http://x/app.js:30:1')).toBe(
      'http://x/app.js:10:5',
    );
  });

  it('gives url:line:col of the first frame (Firefox)', () => {
    expect(callSite('connect@http://x/app.js:10:5\n@http://x/app.js:30:1')).toBe('http://x/app.js:10:5');
  });

  it('skips leading frames without a location', () => {
    expect(callSite('    at new WebSocket (<anonymous>)\n    at f (http://x/a.js:1:2)')).toBe('http://x/a.js:1:2');
  });

  it('is null when no frame has a location', () => {
    expect(callSite('')).toBeNull();
    expect(callSite('Error\n    at new WebSocket (<anonymous>)')).toBeNull();
  });

  it('tells different columns on one line apart', () => {
    expect(callSite('    at f (http://x/a.js:1:2)')).not.toBe(callSite('    at f (http://x/a.js:1:3)'));
  });
});
