import { describe, expect, it } from 'vitest';
import {
  bytesToBase64,
  classifyPayload,
  compileMatcher,
  filterFrames,
  hexDump,
  hexToBytes,
  jsonEntries,
  jsonSummary,
  parseJsonContainer,
  payloadForCopy,
} from './message-view';
import type { FrameRecord } from './model';

const frame = (seq: number, dir: 'in' | 'out', preview: string, over: Partial<FrameRecord> = {}): FrameRecord => ({
  seq,
  at: seq,
  dir,
  size: preview.length,
  data: 'text',
  preview,
  truncated: false,
  ...over,
});

const frames = [
  frame(1, 'out', '{"type":"subscribe","channel":"prices"}'),
  frame(2, 'in', '{"type":"tick","price":42}'),
  frame(3, 'in', 'PING'),
  frame(4, 'out', 'pong'),
];

describe('filterFrames', () => {
  it('returns the same array when nothing filters', () => {
    expect(filterFrames(frames, { text: '', regex: false, dir: 'all' })).toBe(frames);
  });

  it('filters by direction', () => {
    expect(filterFrames(frames, { text: '', regex: false, dir: 'in' }).map((f) => f.seq)).toEqual([2, 3]);
    expect(filterFrames(frames, { text: '', regex: false, dir: 'out' }).map((f) => f.seq)).toEqual([1, 4]);
  });

  it('filters by case-insensitive text, and by text and direction together', () => {
    expect(filterFrames(frames, { text: 'ping', regex: false, dir: 'all' }).map((f) => f.seq)).toEqual([3]);
    expect(filterFrames(frames, { text: 'type', regex: false, dir: 'out' }).map((f) => f.seq)).toEqual([1]);
  });

  it('filters by regular expression; an invalid one filters nothing and is reported', () => {
    expect(filterFrames(frames, { text: '"price":\\d+', regex: true, dir: 'all' }).map((f) => f.seq)).toEqual([2]);
    expect(filterFrames(frames, { text: '^p', regex: true, dir: 'all' }).map((f) => f.seq)).toEqual([3, 4]);
    expect(filterFrames(frames, { text: '(', regex: true, dir: 'all' })).toBe(frames);
    const bad = compileMatcher('(', true);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/regular expression|group/i);
  });

  it('does not treat regex syntax as special in plain text mode', () => {
    expect(filterFrames(frames, { text: '.*', regex: false, dir: 'all' })).toEqual([]);
  });
});

describe('classifyPayload', () => {
  it('recognises complete JSON objects and arrays', () => {
    const p = classifyPayload(frame(1, 'in', ' {"a":[1,2,{"b":null}]} '));
    expect(p).toMatchObject({ kind: 'json', value: { a: [1, 2, { b: null }] } });
    expect(classifyPayload(frame(1, 'in', '[1,2]'))).toMatchObject({ kind: 'json', value: [1, 2] });
  });

  it('keeps scalars, invalid JSON and truncated previews as text', () => {
    expect(classifyPayload(frame(1, 'in', '42')).kind).toBe('text');
    expect(classifyPayload(frame(1, 'in', '{"a":'))).toMatchObject({ kind: 'text', truncated: false });
    expect(classifyPayload(frame(1, 'in', '{"a":1}', { truncated: true }))).toMatchObject({ kind: 'text', truncated: true });
  });

  it('turns binary previews into bytes, and knows blobs carry no preview', () => {
    const p = classifyPayload(frame(1, 'in', '000102ff', { data: 'binary' }));
    expect(p.kind).toBe('binary');
    if (p.kind === 'binary') expect([...p.bytes]).toEqual([0, 1, 2, 255]);
    expect(classifyPayload(frame(1, 'in', '', { data: 'blob' }))).toEqual({ kind: 'blob' });
  });

  it('does not let a JSON "__proto__" key touch prototypes', () => {
    const p = classifyPayload(frame(1, 'in', '{"__proto__":{"polluted":true}}'));
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(p.kind).toBe('json');
    if (p.kind === 'json') expect(jsonEntries(p.value).map(([k]) => k)).toEqual(['__proto__']);
  });
});

describe('hex and base64', () => {
  it('parses hex until the first non-hex pair', () => {
    expect([...hexToBytes('00ff7F')]).toEqual([0, 255, 127]);
    expect([...hexToBytes('0a0zff')]).toEqual([10]);
    expect([...hexToBytes('abc')]).toEqual([0xab]);
  });

  it('dumps bytes as offset, hex and ASCII lines', () => {
    const bytes = new Uint8Array([...'Hello, WebSocket!'].map((c) => c.charCodeAt(0)).concat([0, 10]));
    const lines = hexDump(bytes);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      offset: '00000000',
      hex: '48 65 6c 6c 6f 2c 20 57  65 62 53 6f 63 6b 65 74',
      ascii: 'Hello, WebSocket',
    });
    expect(lines[1]).toEqual({ offset: '00000010', hex: '21 00 0a', ascii: '!..' });
  });

  it('encodes base64 with padding', () => {
    const enc = (s: string): string => bytesToBase64(new Uint8Array([...s].map((c) => c.charCodeAt(0))));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('Zg==');
    expect(enc('fo')).toBe('Zm8=');
    expect(enc('foo')).toBe('Zm9v');
    expect(enc('foobar')).toBe('Zm9vYmFy');
    expect(bytesToBase64(new Uint8Array([0, 1, 2, 255]))).toBe('AAEC/w==');
  });
});

describe('copy and summaries', () => {
  it('copies JSON pretty-printed, text as is and binary as hex', () => {
    expect(payloadForCopy(frame(1, 'in', '{"a":1}'))).toBe('{\n  "a": 1\n}');
    expect(payloadForCopy(frame(1, 'in', 'hi'))).toBe('hi');
    expect(payloadForCopy(frame(1, 'in', '0001', { data: 'binary' }))).toBe('00 01');
  });

  it('summarises JSON values on one line', () => {
    expect(jsonSummary([1, 2, 3])).toBe('Array(3)');
    expect(jsonSummary({ a: 1, b: 2, c: 3, d: 4, e: 5 })).toBe('{a, b, c, d, …}');
    expect(jsonSummary('x')).toBe('"x"');
    expect(parseJsonContainer('nope')).toBeUndefined();
  });
});
