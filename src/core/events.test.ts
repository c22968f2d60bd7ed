import { describe, expect, it } from 'vitest';
import { isLifecycleEvent, type HookEvent } from './events';

const base = { seq: 1, at: 1000, socket: 1 };

const samples: Record<HookEvent['type'], HookEvent> = {
  created: { ...base, type: 'created', url: 'ws://x/', protocols: [], stack: '' },
  open: { ...base, type: 'open', protocol: '', extensions: '' },
  listener: {
    ...base,
    type: 'listener',
    op: 'add',
    event: 'message',
    listener: 1,
    capture: false,
    once: false,
    via: 'addEventListener',
    stack: '',
  },
  'binary-type': { ...base, type: 'binary-type', value: 'arraybuffer' },
  'close-call': { ...base, type: 'close-call', code: 1000, reason: null, readyState: 1, stack: '', error: null },
  'send-rejected': { ...base, type: 'send-rejected', error: { name: 'InvalidStateError', message: 'x' } },
  error: { ...base, type: 'error' },
  closed: { ...base, type: 'closed', code: 1000, reason: '', wasClean: true },
  frame: { ...base, type: 'frame', dir: 'in', size: 1, data: 'text', preview: 'a', truncated: false },
  traffic: { ...base, type: 'traffic', inCount: 1, inBytes: 1, outCount: 0, outBytes: 0 },
  pagehide: { seq: 1, at: 1000, type: 'pagehide', persisted: false },
};

describe('isLifecycleEvent', () => {
  it('treats frames and traffic totals as the only sampled (non-lifecycle) kinds', () => {
    expect(isLifecycleEvent(samples.frame)).toBe(false);
    expect(isLifecycleEvent(samples.traffic)).toBe(false);
  });

  it.each(
    (Object.keys(samples) as HookEvent['type'][]).filter((t) => t !== 'frame' && t !== 'traffic'),
  )('keeps %s as a lifecycle event', (type) => {
    expect(isLifecycleEvent(samples[type])).toBe(true);
  });
});
