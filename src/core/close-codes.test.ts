import { describe, expect, it } from 'vitest';
import {
  clampUnsignedShort,
  closeCodeRange,
  describeCloseCode,
  formatCloseCode,
  pageMaySendCloseCode,
  type CloseCodeRange,
} from './close-codes';

describe('closeCodeRange', () => {
  const edges: [number, CloseCodeRange][] = [
    [0, 'unused'],
    [999, 'unused'],
    [1000, 'standard'],
    [1004, 'standard'],
    [1005, 'standard'],
    [1006, 'standard'],
    [1015, 'standard'],
    [1016, 'reserved'],
    [2000, 'reserved'],
    [2999, 'reserved'],
    [3000, 'registered'],
    [3999, 'registered'],
    [4000, 'application'],
    [4999, 'application'],
    [5000, 'invalid'],
    [65535, 'invalid'],
  ];
  it.each(edges)('puts %d in the %s range', (code, range) => {
    expect(closeCodeRange(code)).toBe(range);
  });

  it.each([-1, -1000, 1000.5, 3000.1, 999.999, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'calls %d invalid (negative or not an integer)',
    (code) => {
      expect(closeCodeRange(code)).toBe('invalid');
    },
  );
});

describe('pageMaySendCloseCode (what close(code) accepts without InvalidAccessError)', () => {
  it.each([1000, 3000, 3001, 3999, 4000, 4001, 4999])('accepts %d', (code) => {
    expect(pageMaySendCloseCode(code)).toBe(true);
  });

  it.each([0, 999, 1001, 1004, 1005, 1006, 1011, 1015, 1016, 2999, 5000, 65535, -1000, Number.NaN])(
    'rejects %d',
    (code) => {
      expect(pageMaySendCloseCode(code)).toBe(false);
    },
  );
});

describe('clampUnsignedShort (WebIDL [Clamp] unsigned short, as close(code) converts it)', () => {
  it('maps NaN to 0, clamps to 0–65535, rounds half to even, and close(code) checks the converted code', () => {
    const cases: [number, number][] = [
      [Number.NaN, 0],
      [-5, 0],
      [Number.NEGATIVE_INFINITY, 0],
      [70000, 65535],
      [Number.POSITIVE_INFINITY, 65535],
      [2.5, 2],
      [3.5, 4],
      [999.6, 1000],
      [3000.5, 3000],
    ];
    expect(cases.map(([v]) => clampUnsignedShort(v))).toEqual(cases.map(([, c]) => c));
    expect(pageMaySendCloseCode(999.6)).toBe(true); // → 1000
    expect(pageMaySendCloseCode(3000.5)).toBe(true); // → 3000
    expect(pageMaySendCloseCode(4999.5)).toBe(false); // → 5000
    expect(pageMaySendCloseCode(Number.NaN)).toBe(false); // → 0
  });
});

describe('describeCloseCode', () => {
  it('names every code RFC 6455 / IANA registers, 1000 to 1015', () => {
    const names = Array.from({ length: 16 }, (_, i) => describeCloseCode(1000 + i).name);
    expect(names).toEqual([
      'Normal Closure',
      'Going Away',
      'Protocol Error',
      'Unsupported Data',
      'Reserved',
      'No Status Received',
      'Abnormal Closure',
      'Invalid Frame Payload Data',
      'Policy Violation',
      'Message Too Big',
      'Mandatory Extension',
      'Internal Error',
      'Service Restart',
      'Try Again Later',
      'Bad Gateway',
      'TLS Handshake',
    ]);
  });

  it('gives every standard code a non-empty meaning', () => {
    for (let code = 1000; code <= 1015; code++) {
      expect(describeCloseCode(code).meaning, String(code)).not.toBe('');
    }
  });

  it('marks exactly 1005, 1006 and 1015 as reported locally, never sent in a frame', () => {
    const localOnly: number[] = [];
    for (let code = 0; code < 5100; code++) if (describeCloseCode(code).localOnly) localOnly.push(code);
    expect(localOnly).toEqual([1005, 1006, 1015]);
  });

  it('reports the full record of 1006', () => {
    expect(describeCloseCode(1006)).toEqual({
      code: 1006,
      name: 'Abnormal Closure',
      meaning: 'closed without a close frame: network drop, the server vanished, or the handshake failed',
      range: 'standard',
      localOnly: true,
      pageMaySend: false,
    });
  });

  it('reports 1000 as the one standard code the page may send', () => {
    const info = describeCloseCode(1000);
    expect(info.pageMaySend).toBe(true);
    expect(info.localOnly).toBe(false);
    expect(describeCloseCode(1001).pageMaySend).toBe(false);
  });

  it('names unnamed codes after their range, at both edges of each range', () => {
    expect(describeCloseCode(0).name).toBe('unused (0–999)');
    expect(describeCloseCode(999).name).toBe('unused (0–999)');
    expect(describeCloseCode(1016).name).toBe('reserved (1016–2999)');
    expect(describeCloseCode(2999).name).toBe('reserved (1016–2999)');
    expect(describeCloseCode(3000).name).toBe('registered (3000–3999)');
    expect(describeCloseCode(3999).name).toBe('registered (3000–3999)');
    expect(describeCloseCode(4000).name).toBe('application (4000–4999)');
    expect(describeCloseCode(4999).name).toBe('application (4000–4999)');
    expect(describeCloseCode(5000).name).toBe('invalid');
    expect(describeCloseCode(-1).name).toBe('invalid');
    expect(describeCloseCode(1000.5).name).toBe('invalid');
  });

  it('explains unnamed codes by their range', () => {
    expect(describeCloseCode(999).meaning).toBe('not a valid close code');
    expect(describeCloseCode(2000).meaning).toBe('reserved for the WebSocket protocol and its extensions');
    expect(describeCloseCode(3500).meaning).toBe('registered with IANA by a library or framework');
    expect(describeCloseCode(4500).meaning).toBe('application-defined: its meaning is private to this app');
    expect(describeCloseCode(5000).meaning).toBe('not a valid close code');
  });

  it('lets the page send application codes but not reserved ones', () => {
    expect(describeCloseCode(4001)).toMatchObject({ range: 'application', pageMaySend: true, localOnly: false });
    expect(describeCloseCode(2999)).toMatchObject({ range: 'reserved', pageMaySend: false, localOnly: false });
    expect(describeCloseCode(3000)).toMatchObject({ range: 'registered', pageMaySend: true });
  });

  it('keeps the code it was asked about', () => {
    expect(describeCloseCode(4321).code).toBe(4321);
  });
});

describe('formatCloseCode', () => {
  it('formats a private application code with its range', () => {
    expect(formatCloseCode(4001)).toBe('4001 application (4000–4999)');
  });

  it('formats 1006 with its registered name', () => {
    expect(formatCloseCode(1006)).toBe('1006 Abnormal Closure');
  });

  it('formats 1000, a registered-range code and an invalid code', () => {
    expect(formatCloseCode(1000)).toBe('1000 Normal Closure');
    expect(formatCloseCode(3003)).toBe('3003 registered (3000–3999)');
    expect(formatCloseCode(1016)).toBe('1016 reserved (1016–2999)');
    expect(formatCloseCode(5000)).toBe('5000 invalid');
    expect(formatCloseCode(12)).toBe('12 unused (0–999)');
  });
});
