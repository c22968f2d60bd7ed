import { acceptedCloseCall, closeCallArgs, type SocketRecord } from './model';

/** A stretch of the socket's life in one readyState. */
export interface TimelinePhase {
  readonly state: 'connecting' | 'open' | 'closing';
  readonly from: number;
  readonly to: number;
  /** The phase has not ended: `to` is now. */
  readonly ongoing: boolean;
}

export type MarkerKind = 'created' | 'open' | 'listener-added' | 'listener-removed' | 'close-call' | 'close-rejected' | 'error' | 'send-rejected' | 'closed' | 'gone';

export interface TimelineMarker {
  readonly kind: MarkerKind;
  readonly at: number;
  readonly label: string;
}

export interface Timeline {
  readonly start: number;
  readonly end: number;
  readonly phases: readonly TimelinePhase[];
  /** In time order; ties keep the order of the socket's life (created first, closed last). */
  readonly markers: readonly TimelineMarker[];
}

/**
 * The socket's life as phases (connecting → open → closing) and markers for what happened in
 * them: listener changes, errors, close() calls. A socket still alive ends at `now`; one whose
 * document went away ends there.
 */
export function buildTimeline(s: SocketRecord, now: number): Timeline {
  const end = s.closed?.at ?? s.goneAt ?? Math.max(now, s.createdAt);
  const ended = s.closed !== null || s.goneAt !== null;
  const closeCall = acceptedCloseCall(s);
  const phases: TimelinePhase[] = [];
  const push = (state: TimelinePhase['state'], from: number, to: number | null): void => {
    phases.push({ state, from, to: to ?? end, ongoing: to === null && !ended });
  };
  const closingFrom = closeCall !== undefined && closeCall.at <= end ? closeCall.at : null;
  if (s.openedAt !== null) {
    push('connecting', s.createdAt, s.openedAt);
    if (closingFrom !== null && closingFrom >= s.openedAt) {
      push('open', s.openedAt, closingFrom);
      push('closing', closingFrom, null);
    } else {
      push('open', s.openedAt, null);
    }
  } else if (closingFrom !== null) {
    push('connecting', s.createdAt, closingFrom);
    push('closing', closingFrom, null);
  } else {
    push('connecting', s.createdAt, null);
  }

  const markers: TimelineMarker[] = [{ kind: 'created', at: s.createdAt, label: 'created' }];
  if (s.openedAt !== null) markers.push({ kind: 'open', at: s.openedAt, label: s.protocol ? `open (${s.protocol})` : 'open' });
  for (const l of s.listeners) {
    const name = l.via === 'property' ? `on${l.event}` : l.event;
    markers.push({ kind: 'listener-added', at: l.addedAt, label: `+ ${name} listener` });
    if (l.removedAt !== null) markers.push({ kind: 'listener-removed', at: l.removedAt, label: `− ${name} listener` });
  }
  for (const c of s.closeCalls) {
    const args = closeCallArgs(c);
    markers.push(
      c.error
        ? { kind: 'close-rejected', at: c.at, label: `close() rejected: ${c.error.name}, for close(${args})` }
        : { kind: 'close-call', at: c.at, label: c.origin === 'inspector' ? `close(${args}) from this panel` : `close(${args}) called` },
    );
  }
  for (const at of s.errors) markers.push({ kind: 'error', at, label: 'error event' });
  for (const r of s.sendRejections) markers.push({ kind: 'send-rejected', at: r.at, label: `send() rejected: ${r.error.name}` });
  if (s.closed) markers.push({ kind: 'closed', at: s.closed.at, label: `closed ${s.closed.code}${s.closed.wasClean ? '' : ' (not clean)'}` });
  else if (s.goneAt !== null) markers.push({ kind: 'gone', at: s.goneAt, label: 'document went away' });
  const order = (k: MarkerKind): number => (k === 'created' ? 0 : k === 'closed' || k === 'gone' ? 2 : 1);
  const sorted = markers
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.at - b.m.at || order(a.m.kind) - order(b.m.kind) || a.i - b.i)
    .map((x) => x.m);
  return { start: s.createdAt, end, phases, markers: sorted };
}

/** Where an instant falls on the timeline, 0–1. A zero-length life puts everything at 0. */
export function timelinePosition(t: Timeline, at: number): number {
  const span = t.end - t.start;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (at - t.start) / span));
}
