import {
  abandoned,
  abnormalClose,
  closeRejected,
  closeTimeout,
  duplicates,
  listenersLeft,
  neverClosed,
  type Flag,
  type LeakSettings,
} from '../core/leak-rules';
import type { SocketRecord } from '../core/model';

/**
 * The core's leak rules, evaluated for the panel once per redraw and cheaply enough for
 * thousands of sockets: the per-socket rules are small and run every time (some depend on the
 * clock); the "duplicate" rule, which compares sockets to each other and parses their creation
 * stacks, runs again only when a socket was added or removed or changed its lifecycle
 * (a close() call, the close, its document going away), and only over sockets that share a
 * document and URL with another one. Between such changes its result cannot change: it depends
 * on creation and end times only, and on `now` only for sockets that have not ended yet, whose
 * overlap with any other existing socket is decided as soon as the clock has passed the latest
 * creation time (the page's clock may run a little ahead of the panel's).
 */
export class FlagEvaluator {
  #lifecycle: Array<{ s: SocketRecord; calls: number; closedAt: number | null; goneAt: number | null }> = [];
  #duplicates = new Map<string, Flag>();
  /** The latest creation time seen: until the clock passes it, overlaps are not yet decided. */
  #latestCreation = -Infinity;
  /** How often the duplicate rule ran (for tests). */
  duplicateRuns = 0;

  evaluate(sockets: readonly SocketRecord[], now: number, settings: LeakSettings): Map<string, Flag[]> {
    if (this.#lifecycleChanged(sockets) || now <= this.#latestCreation) {
      this.#duplicates = duplicatesAmongCandidates(sockets, now);
      this.duplicateRuns++;
    }
    const out = new Map<string, Flag[]>();
    for (const s of sockets) {
      const flags: Flag[] = [];
      push(flags, neverClosed(s));
      push(flags, abandoned(s, now, settings));
      push(flags, this.#duplicates.get(s.key) ?? null);
      push(flags, listenersLeft(s));
      push(flags, closeTimeout(s, now, settings));
      push(flags, abnormalClose(s));
      push(flags, closeRejected(s));
      if (flags.length > 0) out.set(s.key, flags);
    }
    return out;
  }

  /** Forget everything (the session was cleared or replaced). */
  reset(): void {
    this.#lifecycle = [];
    this.#duplicates = new Map();
    this.#latestCreation = -Infinity;
  }

  #lifecycleChanged(sockets: readonly SocketRecord[]): boolean {
    const prev = this.#lifecycle;
    let changed = prev.length !== sockets.length;
    if (!changed) {
      for (let i = 0; i < sockets.length; i++) {
        const s = sockets[i];
        const p = prev[i];
        if (!s || !p || p.s !== s || p.calls !== s.closeCalls.length || p.closedAt !== (s.closed?.at ?? null) || p.goneAt !== s.goneAt) {
          changed = true;
          break;
        }
      }
    }
    if (changed) {
      this.#lifecycle = sockets.map((s) => ({ s, calls: s.closeCalls.length, closedAt: s.closed?.at ?? null, goneAt: s.goneAt }));
      this.#latestCreation = sockets.reduce((t, s) => Math.max(t, s.createdAt), -Infinity);
    }
    return changed;
  }
}

function push(flags: Flag[], flag: Flag | null): void {
  if (flag !== null) flags.push(flag);
}

/** The core's duplicate rule, given only sockets that share a document and URL with another. */
function duplicatesAmongCandidates(sockets: readonly SocketRecord[], now: number): Map<string, Flag> {
  const byTarget = new Map<string, SocketRecord[]>();
  for (const s of sockets) {
    const key = `${s.docId}\n${s.url}`;
    const group = byTarget.get(key);
    if (group) group.push(s);
    else byTarget.set(key, [s]);
  }
  const candidates: SocketRecord[] = [];
  for (const group of byTarget.values()) if (group.length > 1) candidates.push(...group);
  return candidates.length === 0 ? new Map() : duplicates(candidates, now);
}
