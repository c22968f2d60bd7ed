import { describe, expect, it } from 'vitest';
import type { HookEvent } from './events';
import { EXPORT_FORMAT, exportSession, ImportError, restoreSession, serializeSession, type SessionExport } from './export';
import { DEFAULT_LEAK_SETTINGS, evaluateFlags } from './leak-rules';
import { Session } from './session';

const T0 = 1_700_000_000_000;
const tool = { name: 'WebSocket Lifecycle Inspector', version: '0.1.0' };

function recorded(): Session {
  const s = new Session();
  s.addDocument({ docId: 'top', frameId: 0, url: 'http://a.test/', isTop: true, timeOrigin: T0 });
  s.addDocument({ docId: 'frame', frameId: 2, url: 'http://b.test/w', isTop: false, timeOrigin: T0 + 1 });
  let seq = 0;
  const ev = (e: Record<string, unknown>): HookEvent => ({ seq: ++seq, ...e }) as unknown as HookEvent;
  s.apply('top', [
    ev({ type: 'created', socket: 1, at: T0 + 10, url: 'ws://a.test/feed', protocols: ['v1'], stack: 'at x (http://a.test/app.js:1:2)' }),
    ev({ type: 'listener', socket: 1, at: T0 + 11, op: 'add', event: 'message', listener: 1, capture: false, once: false, via: 'addEventListener', stack: '' }),
    ev({ type: 'open', socket: 1, at: T0 + 20, protocol: 'v1', extensions: '' }),
    ev({ type: 'frame', socket: 1, at: T0 + 30, dir: 'out', size: 7, data: 'text', preview: '{"a":1}', truncated: false }),
    ev({ type: 'frame', socket: 1, at: T0 + 40, dir: 'in', size: 2, data: 'binary', preview: '00ff', truncated: false }),
    ev({ type: 'close-call', socket: 1, at: T0 + 50, code: 1, reason: null, readyState: 1, stack: '', error: { name: 'InvalidAccessError', message: 'bad code' } }),
    ev({ type: 'closed', socket: 1, at: T0 + 60, code: 1006, reason: '', wasClean: false }),
  ]);
  seq = 0;
  s.apply('frame', [ev({ type: 'created', socket: 1, at: T0 + 15, url: 'ws://b.test/x', protocols: [], stack: '' })]);
  return s;
}

function exported(s: Session): SessionExport {
  const sockets = [...s.sockets.values()];
  return exportSession({
    documents: s.documents.values(),
    sockets,
    flags: evaluateFlags(sockets, T0 + 100),
    exportedAt: T0 + 100,
    settings: DEFAULT_LEAK_SETTINGS,
    tool,
  });
}

describe('exportSession', () => {
  it('writes a versioned file with every document, socket and derived flag', () => {
    const file = exported(recorded());
    expect(file).toMatchObject({ format: EXPORT_FORMAT, version: 1, exportedAt: T0 + 100, tool });
    expect(file.documents.map((d) => d.docId)).toEqual(['top', 'frame']);
    expect(file.sockets.map((s) => s.key)).toEqual(['top/1', 'frame/1']);
    const feed = file.sockets[0]!;
    expect(feed.frames).toHaveLength(2);
    expect(feed.flags.map((f) => f.kind)).toEqual(['listeners left', 'abnormal close', 'close rejected']);
    expect(feed).not.toHaveProperty('version');
  });

  it('is a copy: later changes to the live session do not reach it', () => {
    const s = recorded();
    const file = exported(s);
    s.sockets.get('top/1')!.frames.length = 0;
    expect(file.sockets[0]!.frames).toHaveLength(2);
  });
});

describe('restoreSession', () => {
  it('round-trips through JSON to the same records', () => {
    const s = recorded();
    const sockets = [...s.sockets.values()];
    const text = serializeSession({
      documents: s.documents.values(),
      sockets,
      flags: new Map(),
      exportedAt: T0,
      settings: DEFAULT_LEAK_SETTINGS,
      tool,
    });
    const back = restoreSession(JSON.parse(text) as SessionExport);
    expect(back.documents).toEqual([...s.documents.values()]);
    expect(back.sockets).toEqual(sockets.map((r) => ({ ...r, version: 0 })));
  });

  it('rebuilds keys from docId and id instead of trusting the file', () => {
    const file = exported(recorded());
    const forged = { ...file, sockets: file.sockets.map((s) => ({ ...s, key: 'evil' })) };
    expect(restoreSession(forged).sockets.map((s) => s.key)).toEqual(['top/1', 'frame/1']);
  });

  it('rejects sockets listed twice, unknown documents and documents listed twice', () => {
    const file = exported(recorded());
    const first = file.sockets[0]!;
    expect(() => restoreSession({ ...file, sockets: [first, first] })).toThrow(ImportError);
    expect(() => restoreSession({ ...file, sockets: [{ ...first, docId: 'nope' }] })).toThrow(/does not list/);
    expect(() => restoreSession({ ...file, documents: [file.documents[0]!, file.documents[0]!] })).toThrow(/twice/);
  });
});
