import { describe, expect, it } from 'vitest';
import type { HookEvent } from '../core/events';
import { encodeEvents } from './event-codec';
import { isPacked, packEvents, unpackEvents } from './event-pack';

const events: HookEvent[] = Array.from({ length: 3000 }, (_, i): HookEvent => ({
  type: 'listener',
  seq: i + 1,
  at: 1_796_309_368_477.3 + i * 0.2,
  socket: 1 + (i % 50),
  op: 'add',
  event: i % 2 ? 'message' : 'close',
  listener: i + 1,
  capture: false,
  once: false,
  via: 'property',
  stack: `at connect (https://app.example/app.js:${i % 7}:5)`,
}));

describe('packEvents / unpackEvents', () => {
  it('gives back exactly what was packed, through JSON as on a port', async () => {
    const encoded = encodeEvents(events);
    const packed = JSON.parse(JSON.stringify(await packEvents(encoded))) as { gzip: string };
    expect(isPacked(packed)).toBe(true);
    expect(await unpackEvents(packed)).toEqual(encoded);
  });

  it('is several times lighter than the encoded events', async () => {
    const encoded = encodeEvents(events);
    const packed = await packEvents(encoded);
    expect(packed.gzip.length * 4).toBeLessThan(JSON.stringify(encoded).length);
  });

  it('tells packed events from encoded ones', () => {
    expect(isPacked(encodeEvents(events.slice(0, 3)))).toBe(false);
  });

  it('rejects text that is not base64, not gzip, or not encoded events', async () => {
    await expect(unpackEvents({ gzip: '%%%' })).rejects.toThrow();
    await expect(unpackEvents({ gzip: btoa('not gzip') })).rejects.toThrow();
    const notEvents = await packEvents({ shapes: 1 } as never);
    await expect(unpackEvents(notEvents)).rejects.toThrow(TypeError);
  });
});
