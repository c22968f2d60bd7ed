import { formatCloseCode } from './close-codes';
import type { ListenerRecord, SocketRecord } from './model';
import { acceptedCloseCall, liveListeners } from './model';
import { callSite } from './stack';

/** The names used in the panel and in exports, exactly. */
export const FLAG_KINDS = [
  'never closed',
  'abandoned',
  'duplicate',
  'listeners left',
  'close timeout',
  'abnormal close',
  'close rejected',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface FlagStack {
  readonly label: string;
  readonly stack: string;
}

export interface Flag {
  readonly kind: FlagKind;
  /** One sentence: why this socket carries the flag. */
  readonly why: string;
  /** What to change in the page's code. */
  readonly fix: string;
  readonly stacks: readonly FlagStack[];
}

export interface LeakSettings {
  /** Open, unlistened and silent for this long ⇒ abandoned. */
  readonly abandonedAfterMs: number;
  /** close() called and no close event for this long ⇒ close timeout. */
  readonly closeTimeoutMs: number;
}

export const DEFAULT_LEAK_SETTINGS: LeakSettings = { abandonedAfterMs: 10_000, closeTimeoutMs: 10_000 };

const created = (s: SocketRecord): FlagStack => ({ label: 'created at', stack: s.createStack });
const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

export function neverClosed(s: SocketRecord): Flag | null {
  if (s.goneAt === null || acceptedCloseCall(s)) return null;
  return {
    kind: 'never closed',
    why: 'The page went away while this socket was still connecting or open, and close() was never called on it.',
    fix: 'Close the socket in the cleanup that runs when its owner goes away (component unmount, pagehide, route change).',
    stacks: [created(s)],
  };
}

export function abandoned(s: SocketRecord, now: number, settings: LeakSettings): Flag | null {
  if (s.state !== 'open' || s.goneAt !== null) return null;
  const listening = liveListeners(s).some((l) => l.event === 'message');
  if (listening) return null;
  const idleSince = s.lastActivityAt ?? s.openedAt ?? s.createdAt;
  const idle = now - idleSince;
  if (idle < settings.abandonedAfterMs) return null;
  const lastRemoved = s.listeners
    .filter((l) => l.event === 'message' && l.removedAt !== null)
    .reduce<ListenerRecord | null>((last, l) => (last === null || (l.removedAt ?? 0) > (last.removedAt ?? 0) ? l : last), null);
  return {
    kind: 'abandoned',
    why: `Open with no message listener left and no traffic for ${seconds(idle)}: nothing can use it and nothing will close it.`,
    fix: 'Call close() when the socket is no longer needed, in the same place its listeners are removed.',
    stacks: [
      created(s),
      ...(lastRemoved ? [{ label: 'last message listener removed at', stack: lastRemoved.removeStack }] : []),
    ],
  };
}

/** Sockets to one URL from one call site, alive at the same time: the classic reconnect leak. */
export function duplicates(sockets: readonly SocketRecord[], now: number): Map<string, Flag> {
  const groups = new Map<string, SocketRecord[]>();
  for (const s of sockets) {
    const site = callSite(s.createStack);
    if (site === null) continue;
    const key = `${s.docId}\n${s.url}\n${site}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const flags = new Map<string, Flag>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const s of group) {
      const overlapping = group.filter((o) => o !== s && overlaps(s, o, now));
      if (overlapping.length === 0) continue;
      flags.set(s.key, {
        kind: 'duplicate',
        why: `${overlapping.length + 1} sockets to ${s.url} created from the same call site were open at the same time.`,
        fix: 'Close the previous socket (or reuse it) before creating a new one, e.g. in the reconnect path.',
        stacks: [created(s), ...overlapping.slice(0, 2).map((o) => ({ label: `also created (#${o.id}) at`, stack: o.createStack }))],
      });
    }
  }
  return flags;
}

/**
 * From creation until the page let go of it: its close() (made while connecting or open), the
 * close event, or its document going away, whichever came first. A reconnect that closes the
 * old socket and at once opens a new one is the fix, not the leak, even though the old one's
 * closing handshake is still under way.
 */
function aliveSpan(s: SocketRecord, now: number): readonly [number, number] {
  const call = acceptedCloseCall(s);
  const ends = [
    call && call.readyState <= 1 ? call.at : Infinity,
    s.closed?.at ?? Infinity,
    s.goneAt ?? Infinity,
  ];
  const end = Math.min(...ends);
  if (end !== Infinity) return [s.createdAt, end];
  return [s.createdAt, s.state === 'closed' ? s.createdAt : now];
}

function overlaps(a: SocketRecord, b: SocketRecord, now: number): boolean {
  const [a0, a1] = aliveSpan(a, now);
  const [b0, b1] = aliveSpan(b, now);
  return a0 < b1 && b0 < a1;
}

export function listenersLeft(s: SocketRecord): Flag | null {
  if (s.state !== 'closed' || s.goneAt !== null) return null;
  const left = liveListeners(s);
  if (left.length === 0) return null;
  const names = [...new Set(left.map((l) => (l.via === 'property' ? `on${l.event}` : l.event)))].join(', ');
  return {
    kind: 'listeners left',
    why: `Closed, but ${left.length} listener${left.length === 1 ? '' : 's'} the page added (${names}) ${left.length === 1 ? 'was' : 'were'} never removed.`,
    fix: 'Remove listeners in the same cleanup that closes the socket (or pass an AbortSignal and abort it there).',
    stacks: left.slice(0, 3).map((l) => ({ label: `${l.via === 'property' ? 'on' + l.event + ' set' : l.event + ' listener added'} at`, stack: l.addStack })),
  };
}

export function closeTimeout(s: SocketRecord, now: number, settings: LeakSettings): Flag | null {
  const call = acceptedCloseCall(s);
  if (!call) return null;
  const end = s.closed?.at ?? s.goneAt ?? now;
  const waited = end - call.at;
  if (waited < settings.closeTimeoutMs) return null;
  return {
    kind: 'close timeout',
    why: s.closed
      ? `close() was called, but the close event took ${seconds(waited)} to arrive.`
      : `close() was called ${seconds(waited)} ago and no close event has arrived: the server never answered the closing handshake.`,
    fix: 'Check that the server answers close frames; do not rely on the close event for cleanup that must happen now.',
    stacks: [{ label: 'close() called at', stack: call.stack }],
  };
}

export function abnormalClose(s: SocketRecord): Flag | null {
  if (!s.closed) return null;
  if (s.closed.code !== 1006 && s.errors.length === 0) return null;
  const why =
    s.closed.code === 1006
      ? `Closed with ${formatCloseCode(1006)}: no close frame was received (network drop, server vanished or handshake failed).`
      : `Closed with ${formatCloseCode(s.closed.code)} after an error event.`;
  return {
    kind: 'abnormal close',
    why,
    fix: 'Handle error/close events: reconnect with backoff or tell the user; check the server logs for why it dropped.',
    stacks: [created(s)],
  };
}

export function closeRejected(s: SocketRecord): Flag | null {
  const rejected = s.closeCalls.filter((c) => c.error !== null);
  const first = rejected[0];
  if (!first?.error) return null;
  return {
    kind: 'close rejected',
    why: `close(${closeArgs(first.code, first.reason)}) threw ${first.error.name}: ${sentence(first.error.message)} The socket stayed as it was.`,
    fix: 'Use 1000 or a code in 3000–4999, and a reason of at most 123 UTF-8 bytes.',
    stacks: rejected.slice(0, 3).map((c) => ({ label: 'rejected close() at', stack: c.stack })),
  };
}

function closeArgs(code: number | null, reason: string | null): string {
  const parts = [code === null ? (reason === null ? '' : 'undefined') : String(code)];
  if (reason !== null) parts.push(JSON.stringify(reason.length > 20 ? `${reason.slice(0, 20)}…` : reason));
  return parts.filter((p) => p !== '').join(', ');
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Every flag of every socket, keyed by socket key; sockets without flags are absent. */
export function evaluateFlags(
  sockets: readonly SocketRecord[],
  now: number,
  settings: LeakSettings = DEFAULT_LEAK_SETTINGS,
): Map<string, Flag[]> {
  const dup = duplicates(sockets, now);
  const out = new Map<string, Flag[]>();
  for (const s of sockets) {
    const flags = [
      neverClosed(s),
      abandoned(s, now, settings),
      dup.get(s.key) ?? null,
      listenersLeft(s),
      closeTimeout(s, now, settings),
      abnormalClose(s),
      closeRejected(s),
    ].filter((f): f is Flag => f !== null);
    if (flags.length > 0) out.set(s.key, flags);
  }
  return out;
}
