/**
 * The relay's validation of what crosses from the page (docs/SECURITY.md, "What is validated").
 *
 * The field table below is written from `src/core/events.ts` and `LIMITS`, independently of the
 * valibot schemas in `hook-schema.ts`: it is the oracle both for the per-field tests and for the
 * seeded random tests, which compare `validateHookBatch` with it event by event. Every input is
 * passed through `structuredClone` first, because that is what the relay gets in Chrome (a
 * CustomEvent's detail crosses worlds as a structured clone; Firefox's Xrays show less): plain
 * data, no getters, no Proxies, no functions, but `__proto__` own keys, cycles, sparse arrays,
 * Dates, Maps, typed arrays, NaN and -0 all survive.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { HookEvent, HookEventType } from '../core/events';
import { LIMITS } from './limits';
import { PROTOCOL_VERSION } from './messages';
import { validateHookBatch } from './validate';

// ── the protocol, as a table ──────────────────────────────────────────────────────────────
type Field =
  | { kind: 'text'; max: number }
  | { kind: 'int'; min: number; max?: number }
  | { kind: 'time' }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly unknown[] }
  | { kind: 'literal'; value: string }
  | { kind: 'nullable'; of: Field }
  | { kind: 'optional'; of: Field }
  | { kind: 'list'; max: number; of: Field }
  | { kind: 'object'; fields: Record<string, Field> };

const text = (max: number): Field => ({ kind: 'text', max });
const int = (min: number, max?: number): Field => ({ kind: 'int', min, ...(max === undefined ? {} : { max }) });
const bool: Field = { kind: 'bool' };
const oneOf = (...values: unknown[]): Field => ({ kind: 'enum', values });
const errorInfo: Field = { kind: 'object', fields: { name: text(LIMITS.errorText), message: text(LIMITS.errorText) } };
const base = { seq: int(1), at: { kind: 'time' } as Field };
const onSocket = { ...base, socket: int(1) };

const SPEC: Record<HookEventType, Record<string, Field>> = {
  created: {
    ...onSocket,
    url: text(LIMITS.url),
    protocols: { kind: 'list', max: LIMITS.protocols, of: text(LIMITS.protocol) },
    stack: text(LIMITS.stack),
  },
  open: { ...onSocket, protocol: text(LIMITS.protocol), extensions: text(LIMITS.protocol) },
  listener: {
    ...onSocket,
    op: oneOf('add', 'remove'),
    event: text(LIMITS.eventType),
    listener: int(0),
    capture: bool,
    once: bool,
    via: oneOf('addEventListener', 'removeEventListener', 'property', 'once', 'signal'),
    stack: text(LIMITS.stack),
  },
  'binary-type': { ...onSocket, value: text(32) },
  'close-call': {
    ...onSocket,
    // What the page passed to close(), when a number: the core's type is `number | null`.
    code: { kind: 'nullable', of: { kind: 'number' } },
    reason: { kind: 'nullable', of: text(LIMITS.reason) },
    readyState: oneOf(0, 1, 2, 3),
    stack: text(LIMITS.stack),
    error: { kind: 'nullable', of: errorInfo },
    origin: { kind: 'optional', of: { kind: 'literal', value: 'inspector' } },
  },
  'send-rejected': { ...onSocket, error: errorInfo },
  error: { ...onSocket },
  closed: { ...onSocket, code: int(0, 65535), reason: text(LIMITS.reason), wasClean: bool },
  frame: {
    ...onSocket,
    dir: oneOf('in', 'out'),
    size: int(0),
    data: oneOf('text', 'binary', 'blob'),
    preview: text(Math.max(LIMITS.previewChars, LIMITS.previewBytes * 2)),
    truncated: bool,
  },
  traffic: { ...onSocket, inCount: int(0), inBytes: int(0), outCount: int(0), outBytes: int(0) },
  pagehide: { ...base, persisted: bool },
};
const TYPES = Object.keys(SPEC) as HookEventType[];

/** One valid event of each kind, every optional field present. */
const now = 1_700_000_000_000;
const VALID: Record<HookEventType, HookEvent> = {
  created: { seq: 1, at: now, socket: 1, type: 'created', url: 'ws://127.0.0.1:8080/ws', protocols: ['chat', 'v2'], stack: 'at f (http://x/a.js:1:2)' },
  open: { seq: 2, at: now, socket: 1, type: 'open', protocol: 'chat', extensions: 'permessage-deflate' },
  listener: { seq: 3, at: now, socket: 1, type: 'listener', op: 'add', event: 'message', listener: 0, capture: true, once: false, via: 'addEventListener', stack: '' },
  'binary-type': { seq: 4, at: now, socket: 1, type: 'binary-type', value: 'arraybuffer' },
  'close-call': { seq: 5, at: now, socket: 1, type: 'close-call', code: 1000, reason: 'bye', readyState: 1, stack: '', error: { name: 'InvalidAccessError', message: 'no' }, origin: 'inspector' },
  'send-rejected': { seq: 6, at: now, socket: 1, type: 'send-rejected', error: { name: 'InvalidStateError', message: 'still connecting' } },
  error: { seq: 7, at: now, socket: 1, type: 'error' },
  closed: { seq: 8, at: now, socket: 1, type: 'closed', code: 1006, reason: '', wasClean: false },
  frame: { seq: 9, at: now, socket: 1, type: 'frame', dir: 'in', size: 5, data: 'text', preview: 'hello', truncated: false },
  traffic: { seq: 10, at: now, socket: 1, type: 'traffic', inCount: 1, inBytes: 5, outCount: 0, outBytes: 0 },
  pagehide: { seq: 11, at: 0, type: 'pagehide', persisted: true },
};

/** Whether `value` satisfies `field`: the oracle. */
function fits(field: Field, value: unknown): boolean {
  switch (field.kind) {
    case 'text':
      return typeof value === 'string' && value.length <= field.max;
    case 'int':
      return (
        typeof value === 'number' &&
        Number.isSafeInteger(value) &&
        value >= field.min &&
        (field.max === undefined || value <= field.max)
      );
    case 'time':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'number':
      return typeof value === 'number' && !Number.isNaN(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'enum':
      return field.values.includes(value);
    case 'literal':
      return value === field.value;
    case 'nullable':
      return value === null || fits(field.of, value);
    case 'optional':
      return value === undefined || fits(field.of, value);
    case 'list':
      return Array.isArray(value) && value.length <= field.max && Array.from(value).every((v) => fits(field.of, v));
    case 'object':
      return isRecord(value) && Object.entries(field.fields).every(([k, f]) => k in value && fits(f, value[k]));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function oracle(event: unknown): boolean {
  if (!isRecord(event) || typeof event.type !== 'string' || !Object.hasOwn(SPEC, event.type)) return false;
  const spec = SPEC[event.type as HookEventType];
  return Object.entries(spec).every(([key, field]) =>
    key in event ? fits(field, event[key]) : field.kind === 'optional',
  );
}

/** Output objects: exactly the declared keys (no extras), plain prototypes, all the way down. */
function expectClean(event: HookEvent): void {
  const spec = SPEC[event.type];
  expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
  const allowed = new Set([...Object.keys(spec), 'type']);
  for (const key of Reflect.ownKeys(event)) expect(allowed.has(key as string), `key ${String(key)} of ${event.type}`).toBe(true);
  for (const [key, value] of Object.entries(event)) {
    if (isRecord(value)) {
      expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(value));
      if (!Array.isArray(value)) {
        const field = spec[key];
        const inner = field?.kind === 'nullable' ? field.of : field;
        const declared = inner?.kind === 'object' ? Object.keys(inner.fields) : [];
        expect(Reflect.ownKeys(value).filter((k) => !declared.includes(k as string))).toEqual([]);
      }
    }
  }
}

/** What the relay gets: the page's value after the structured clone between worlds. */
const deliver = (value: unknown): unknown => structuredClone(value);
const batch = (...events: unknown[]) => ({ v: PROTOCOL_VERSION, events });
const accept = (value: unknown) => validateHookBatch(deliver(value));

const PROTO_KEYS_BEFORE = Reflect.ownKeys(Object.prototype);
afterAll(() => {
  // Nothing any test parsed reached Object.prototype.
  expect(Reflect.ownKeys(Object.prototype)).toEqual(PROTO_KEYS_BEFORE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

// ── tests ─────────────────────────────────────────────────────────────────────────────────
describe('validateHookBatch: valid input', () => {
  it.each(TYPES)('accepts a %s event, as sent, with only its declared keys', (type) => {
    const result = accept(batch(VALID[type]));
    expect(result).toEqual({ events: [VALID[type]], rejected: 0 });
    expectClean(result.events[0]!);
  });

  it('accepts every kind in one batch, in order', () => {
    const all = TYPES.map((t) => VALID[t]);
    expect(accept(batch(...all))).toEqual({ events: all, rejected: 0 });
  });

  it('accepts an empty batch and counts nothing', () => {
    expect(accept(batch())).toEqual({ events: [], rejected: 0 });
  });

  it('accepts the optional and nullable fields absent or null', () => {
    const { origin: _origin, ...noOrigin } = VALID['close-call'] as Extract<HookEvent, { type: 'close-call' }>;
    const nulls = { ...noOrigin, code: null, reason: null, error: null };
    expect(accept(batch(noOrigin, nulls))).toEqual({ events: [noOrigin, nulls], rejected: 0 });
  });

  it('the table above is the validator: every valid sample satisfies the oracle', () => {
    for (const t of TYPES) expect(oracle(VALID[t]), t).toBe(true);
  });
});

describe('validateHookBatch: the envelope', () => {
  const notBatches: Array<[string, unknown]> = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 1],
    ['a string', '{"v":1,"events":[]}'],
    ['a boolean', true],
    ['an array', [PROTOCOL_VERSION, []]],
    ['a Map', new Map<string, unknown>([['v', 1], ['events', []]])],
    ['version 0', { v: 0, events: [] }],
    ['version 2', { v: PROTOCOL_VERSION + 1, events: [] }],
    ['version "1"', { v: String(PROTOCOL_VERSION), events: [] }],
    ['no version', { events: [VALID.created] }],
    ['no events', { v: PROTOCOL_VERSION }],
    ['events: null', { v: PROTOCOL_VERSION, events: null }],
    ['events: an object', { v: PROTOCOL_VERSION, events: { 0: VALID.created, length: 1 } }],
    ['events: a string', { v: PROTOCOL_VERSION, events: 'created' }],
    ['events: a typed array', { v: PROTOCOL_VERSION, events: new Uint8Array(4) }],
  ];
  it.each(notBatches)('drops %s whole and counts it once', (_name, input) => {
    expect(accept(input)).toEqual({ events: [], rejected: 1 });
  });

  it(`drops a batch over ${LIMITS.batchEvents} events whole (counted once); exactly at the cap passes`, () => {
    const at = Array.from({ length: LIMITS.batchEvents }, (_, i) => ({ ...VALID.error, seq: i + 1 }));
    const atCap = accept(batch(...at));
    expect(atCap.rejected).toBe(0);
    expect(atCap.events).toHaveLength(LIMITS.batchEvents);
    expect(accept(batch(...at, VALID.error))).toEqual({ events: [], rejected: 1 });
  });

  it('ignores extra keys on the envelope', () => {
    expect(accept({ v: PROTOCOL_VERSION, events: [VALID.open], extra: 'x', kind: 'attach' })).toEqual({
      events: [VALID.open],
      rejected: 0,
    });
  });
});

describe('validateHookBatch: one event at a time', () => {
  it('drops one bad event among good ones and counts 1; the good ones pass in order', () => {
    const bad = { ...VALID.frame, size: -1 };
    expect(accept(batch(VALID.created, bad, VALID.open))).toEqual({ events: [VALID.created, VALID.open], rejected: 1 });
  });

  // Read as the relay reads an Xray-wrapped page object in Firefox: no structured clone first.
  it('takes an event type only from an own data property, never inherited or from a getter', () => {
    const { type: _type, ...rest } = VALID.error;
    const inherited = Object.assign(Object.create({ type: 'error' }) as object, rest);
    const behindGetter = Object.defineProperty({ ...rest }, 'type', { get: () => 'error', enumerable: true });
    expect(validateHookBatch(batch(inherited, behindGetter, VALID.error))).toEqual({ events: [VALID.error], rejected: 2 });
  });

  const notEvents: Array<[string, unknown]> = [
    ['null', null],
    ['a number', 7],
    ['a string', 'created'],
    ['an array', [VALID.created]],
    ['an empty object', {}],
    ['an unknown type', { ...VALID.error, type: 'opened' }],
    ['type "__proto__"', { ...VALID.error, type: '__proto__' }],
    ['type "constructor"', { ...VALID.error, type: 'constructor' }],
    ['type "toString"', { ...VALID.error, type: 'toString' }],
    ['a type in capitals', { ...VALID.error, type: 'ERROR' }],
    ['a type that is not a string', { ...VALID.error, type: ['error'] }],
    ['a Date', new Date(0)],
  ];
  it.each(notEvents)('rejects %s', (_name, event) => {
    expect(accept(batch(event))).toEqual({ events: [], rejected: 1 });
  });

  for (const type of TYPES) {
    for (const [key, field] of Object.entries(SPEC[type])) {
      const valid = VALID[type] as unknown as Record<string, unknown>;
      if (field.kind !== 'optional') {
        it(`${type}: rejects the event without ${key}`, () => {
          const { [key]: _dropped, ...rest } = valid;
          expect(accept(batch(rest))).toEqual({ events: [], rejected: 1 });
        });
      }
      it(`${type}.${key}: rejects wrong types and out-of-range values, accepts the edges`, () => {
        const { good, bad } = probes(field);
        // The probes and the oracle agree, so neither can silently be wrong.
        for (const value of bad) expect(fits(field, value), `oracle on bad ${show(value)}`).toBe(false);
        for (const value of good) expect(fits(field, value), `oracle on good ${show(value)}`).toBe(true);
        for (const value of bad) {
          const result = accept(batch({ ...valid, [key]: value }));
          expect(result, `${type}.${key} = ${show(value)}`).toEqual({ events: [], rejected: 1 });
        }
        for (const value of good) {
          const result = accept(batch({ ...valid, [key]: value }));
          expect(result.rejected, `${type}.${key} = ${show(value)}`).toBe(0);
          expect((result.events[0] as unknown as Record<string, unknown>)[key]).toEqual(value);
        }
      });
    }
  }

  it('strips extra keys, on the event and inside nested objects', () => {
    const event = { ...VALID['send-rejected'], extra: '<img src=x>', error: { name: 'E', message: 'm', stack: 'secret', cause: 1 } };
    const [out] = accept(batch(event)).events;
    expect(out).toEqual({ ...VALID['send-rejected'], error: { name: 'E', message: 'm' } });
    expectClean(out!);
  });

  it('a 5 MB string in any text field is rejected, quickly', () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const events = [
      { ...VALID.created, url: huge },
      { ...VALID.created, stack: huge },
      { ...VALID.created, protocols: [huge] },
      { ...VALID.frame, preview: huge },
      { ...VALID.closed, reason: huge },
      { ...VALID.listener, event: huge },
      { ...VALID['send-rejected'], error: { name: huge, message: '' } },
    ];
    const t0 = performance.now();
    expect(accept(batch(...events))).toEqual({ events: [], rejected: events.length });
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('validateHookBatch: __proto__ and constructor keys', () => {
  const created = JSON.stringify(VALID.created).slice(1, -1);
  const json =
    `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"v":${PROTOCOL_VERSION},"events":[` +
    `{"__proto__":{"polluted":1,"type":"error"},"constructor":{"prototype":{"polluted":1}},${created}},` +
    `{"__proto__":{"polluted":1},"seq":2,"at":1,"socket":1,"type":"send-rejected","error":{"__proto__":{"polluted":1},"name":"E","message":"m"}}` +
    `]}`;

  it('JSON.parse keeps them as own keys (the test is real)', () => {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(Object.hasOwn(deliver(parsed) as object, '__proto__')).toBe(true);
  });

  it('parses them as data: nothing polluted, outputs have only declared keys and a plain prototype', () => {
    const result = accept(JSON.parse(json));
    expect(result.rejected).toBe(0);
    expect(result.events).toEqual([VALID.created, { seq: 2, at: 1, socket: 1, type: 'send-rejected', error: { name: 'E', message: 'm' } }]);
    for (const e of result.events) {
      expectClean(e);
      expect(Object.hasOwn(e, '__proto__')).toBe(false);
      expect(Object.hasOwn(e, 'constructor')).toBe(false);
      expect((e as unknown as Record<string, unknown>).polluted).toBeUndefined();
    }
    const error = (result.events[1] as Extract<HookEvent, { type: 'send-rejected' }>).error;
    expect(Object.getPrototypeOf(error)).toBe(Object.prototype);
    expect((error as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an event whose only fields sit in a "__proto__" key is rejected', () => {
    const hidden = JSON.parse(`{"__proto__":${JSON.stringify(VALID.created)}}`) as unknown;
    expect(accept(batch(hidden))).toEqual({ events: [], rejected: 1 });
  });
});

describe('validateHookBatch: seeded random input', () => {
  // Runs are reproducible: a failure prints its seed and index.
  const SEEDS = [1, 0xc0ffee, 20_260_101];

  it.each(SEEDS)('seed %i: 5,000 random values as events never throw; every reject is counted; verdicts match the oracle', (seed) => {
    const rnd = prng(seed);
    const events: unknown[] = [];
    for (let i = 0; i < 5000; i++) events.push(deliver(randomEvent(rnd)));
    let result: ReturnType<typeof validateHookBatch> | undefined;
    expect(() => (result = validateHookBatch({ v: PROTOCOL_VERSION, events }))).not.toThrow();
    const expected = events.filter(oracle);
    expect(result!.events.length + result!.rejected).toBe(events.length);
    expect(result!.rejected).toBe(events.length - expected.length);
    // Accepted events are the oracle's, in order, and clean.
    expect(result!.events.length).toBe(expected.length);
    result!.events.forEach((e, i) => {
      expectClean(e);
      const original = expected[i] as Record<string, unknown>;
      for (const key of Object.keys(e)) expect((e as unknown as Record<string, unknown>)[key], `seed ${seed}`).toEqual(original[key]);
    });
    // Some of each: the generator is not trivially all-good or all-bad.
    expect(expected.length).toBeGreaterThan(200);
    expect(result!.rejected).toBeGreaterThan(200);
  });

  it.each(SEEDS)('seed %i: 5,000 random values as whole batches never throw and count 1 per bad envelope', (seed) => {
    const rnd = prng(seed ^ 0x5eed);
    for (let i = 0; i < 5000; i++) {
      const input = deliver(randomEnvelope(rnd));
      let result: ReturnType<typeof validateHookBatch> | undefined;
      expect(() => (result = validateHookBatch(input)), `seed ${seed} #${i}`).not.toThrow();
      const envelopeOk =
        isRecord(input) && input.v === PROTOCOL_VERSION && Array.isArray(input.events) && input.events.length <= LIMITS.batchEvents;
      if (!envelopeOk) expect(result, `seed ${seed} #${i}`).toEqual({ events: [], rejected: 1 });
      else {
        const events = input.events as unknown[];
        expect(result!.events.length + result!.rejected).toBe(events.length);
        expect(result!.events.length).toBe(Array.from(events).filter(oracle).length);
      }
    }
  });
});

// ── helpers ───────────────────────────────────────────────────────────────────────────────
function show(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `string(${value.length})` : JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 60)}…` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Values that must fail, and edge values that must pass, for one field. */
function probes(field: Field): { good: unknown[]; bad: unknown[] } {
  // One value of each type a structured clone can deliver; `except` keeps those of the field's own type out.
  const wrongTypes: Record<string, unknown> = {
    undefined: undefined,
    null: null,
    boolean: true,
    string: '1',
    number: 1,
    object: {},
    array: [],
    date: new Date(0),
    bigint: 1n,
    bytes: new Uint8Array(1),
  };
  const except = (...kinds: string[]) => Object.entries(wrongTypes).filter(([k]) => !kinds.includes(k)).map(([, v]) => v);
  switch (field.kind) {
    case 'text':
      return {
        good: ['', 'x'.repeat(field.max), '<img src=x onerror="alert(1)">'],
        bad: [...except('string'), 'x'.repeat(field.max + 1), new String('x')],
      };
    case 'int': {
      const good = [field.min, field.min + 1, field.max ?? Number.MAX_SAFE_INTEGER];
      const bad = [
        ...except('number'),
        field.min - 1,
        -1,
        field.min + 0.5,
        NaN,
        Infinity,
        -Infinity,
        Number.MAX_SAFE_INTEGER + 1,
        1e300,
        '1',
        new Number(1),
      ];
      if (field.max !== undefined) bad.push(field.max + 1);
      if (field.min <= 1 && (field.max ?? 1) >= 1) good.push(1);
      return { good, bad: bad.filter((b) => !good.some((g) => Object.is(g, b))) };
    }
    case 'time':
      return { good: [0, 0.5, 1, now, Number.MAX_VALUE], bad: [...except('number'), -1, -0.001, NaN, Infinity, -Infinity, '0'] };
    case 'number':
      // close(code): the page may pass any number; NaN is not one the schema keeps (see the e2e test).
      return { good: [1000, 1000.5, -1, 0, Infinity], bad: [...except('null', 'number'), '1000', NaN, new Number(1000)] };
    case 'bool':
      return { good: [true, false], bad: [...except('boolean'), 0, 1, 'true', 'false', new Boolean(false)] };
    case 'enum':
      return {
        good: [...field.values],
        bad: [...except(...field.values.map((v) => typeof v)), ...field.values.map((v) => (typeof v === 'string' ? v.toUpperCase() : String(v))), '__proto__', 'constructor', 4, -1, 0.5],
      };
    case 'literal':
      return { good: [field.value], bad: [...except('undefined'), 'Inspector', 'page', ''] };
    case 'nullable': {
      const inner = probes(field.of);
      return { good: [null, ...inner.good], bad: inner.bad.filter((b) => b !== null) };
    }
    case 'optional': {
      const inner = probes(field.of);
      return { good: inner.good, bad: inner.bad.filter((b) => b !== undefined) };
    }
    case 'list': {
      const each = probes(field.of);
      return {
        good: [[], Array.from({ length: field.max }, () => 'p'), [each.good[1]]],
        bad: [...except('array'), Array.from({ length: field.max + 1 }, () => 'p'), ...each.bad.filter((b) => b !== undefined).map((b) => ['ok', b]), 'chat'],
      };
    }
    case 'object': {
      const valid = Object.fromEntries(Object.keys(field.fields).map((k) => [k, 'x']));
      const bad: unknown[] = [...except('object'), 'Error: x'];
      for (const [k, f] of Object.entries(field.fields)) {
        const { [k]: _omit, ...without } = valid;
        bad.push(without);
        for (const b of probes(f).bad) if (b !== undefined) bad.push({ ...valid, [k]: b });
      }
      return { good: [valid, { name: '', message: '' }], bad };
    }
  }
}

/** mulberry32: small, fast, good enough, and seedable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  "{{constructor.constructor('alert(1)')()}}",
  '__proto__',
  'constructor',
  'prototype',
  '',
];

function randomValue(rnd: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const r = rnd();
  if (r < 0.12) return pick([0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, 65535, 65536, 1e308, -1e-308, now]);
  if (r < 0.2) return Math.floor(rnd() * 100) - 5;
  if (r < 0.32) return pick(PAYLOADS);
  if (r < 0.38) {
    const caps = [32, LIMITS.protocol, LIMITS.reason, LIMITS.previewChars, LIMITS.url, LIMITS.stack];
    return 'y'.repeat(pick(caps) + pick([-1, 0, 1]));
  }
  if (r < 0.44) return pick([true, false, null, undefined]);
  if (r < 0.47) return pick([1n, -1n, 2n ** 70n]);
  if (r < 0.5) return pick(TYPES);
  if (r < 0.53) return pick([new Date(now), /x/g, new Map([['type', 'created']]), new Set([1]), new ArrayBuffer(8), new Uint8Array([1, 2]), new Error('e'), new String('s'), new Number(1), new Boolean(true)]);
  if (depth > 3) return null;
  if (r < 0.7) {
    const n = Math.floor(rnd() * 5);
    const a: unknown[] = [];
    for (let i = 0; i < n; i++) a.push(randomValue(rnd, depth + 1));
    if (rnd() < 0.1) a.length = 1000; // sparse tail
    return a;
  }
  const o: Record<string, unknown> = {};
  const keys = ['type', 'seq', 'at', 'socket', 'url', 'name', 'message', 'code', '__proto__', 'constructor', 'x'];
  const n = Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) {
    Object.defineProperty(o, pick(keys), { value: randomValue(rnd, depth + 1), enumerable: true, configurable: true, writable: true });
  }
  if (rnd() < 0.05) o.self = o; // a cycle: structured clone keeps it
  return o;
}

/** A valid event, mutated: a field replaced, removed or added; sometimes left alone. */
function randomEvent(rnd: () => number): unknown {
  const r = rnd();
  if (r < 0.15) return randomValue(rnd);
  const type = TYPES[Math.floor(rnd() * TYPES.length)]!;
  const event: Record<string, unknown> = { ...(VALID[type] as unknown as Record<string, unknown>) };
  const keys = Object.keys(SPEC[type]).concat('type');
  const mutations = Math.floor(rnd() * 3);
  for (let m = 0; m < mutations; m++) {
    const key = keys[Math.floor(rnd() * keys.length)]!;
    const what = rnd();
    if (what < 0.2) delete event[key];
    else if (what < 0.9) Object.defineProperty(event, key, { value: randomValue(rnd), enumerable: true, configurable: true, writable: true });
    else Object.defineProperty(event, rnd() < 0.5 ? '__proto__' : 'extra', { value: randomValue(rnd), enumerable: true, configurable: true, writable: true });
  }
  return event;
}

function randomEnvelope(rnd: () => number): unknown {
  const r = rnd();
  if (r < 0.3) return randomValue(rnd);
  const events: unknown[] = [];
  const n = Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) events.push(randomEvent(rnd));
  const env: Record<string, unknown> = { v: rnd() < 0.8 ? PROTOCOL_VERSION : randomValue(rnd), events: rnd() < 0.85 ? events : randomValue(rnd) };
  if (rnd() < 0.2) Object.defineProperty(env, '__proto__', { value: { v: PROTOCOL_VERSION, events: [] }, enumerable: true });
  if (rnd() < 0.1) delete env.v;
  return env;
}
