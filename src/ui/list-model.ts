import type { Flag, FlagKind } from '../core/leak-rules';
import { liveListenerCounts, type DocumentInfo, type SocketRecord, type SocketState } from '../core/model';

/** What the filter bar selects. */
export interface ListFilter {
  /** Case-insensitive substring of the URL. */
  readonly text: string;
  /** A state, 'live' (connecting, open or closing) or 'all'. */
  readonly state: SocketState | 'live' | 'all';
  readonly flaggedOnly: boolean;
  readonly flagKind: FlagKind | 'any';
}

export const EMPTY_FILTER: ListFilter = { text: '', state: 'all', flaggedOnly: false, flagKind: 'any' };

export function isFiltering(f: ListFilter): boolean {
  return f.text.trim() !== '' || f.state !== 'all' || f.flaggedOnly || f.flagKind !== 'any';
}

export type SortKey =
  | 'url'
  | 'state'
  | 'age'
  | 'protocol'
  | 'messages'
  | 'bytes'
  | 'listeners'
  | 'code'
  | 'reason'
  | 'initiator'
  | 'flags';

export interface ListSort {
  readonly key: SortKey;
  readonly dir: 'asc' | 'desc';
}

export type ListRow =
  | {
      readonly kind: 'group';
      readonly docId: string;
      readonly label: string;
      readonly url: string;
      readonly count: number;
      readonly flagged: number;
      readonly collapsed: boolean;
    }
  | { readonly kind: 'socket'; readonly socket: SocketRecord; readonly doc: DocumentInfo | undefined };

export function filterSockets(
  sockets: readonly SocketRecord[],
  flags: ReadonlyMap<string, readonly Flag[]>,
  filter: ListFilter,
): readonly SocketRecord[] {
  if (!isFiltering(filter)) return sockets;
  const text = filter.text.trim().toLowerCase();
  return sockets.filter((s) => {
    if (text !== '' && !s.url.toLowerCase().includes(text)) return false;
    if (filter.state === 'live' ? s.state === 'closed' : filter.state !== 'all' && s.state !== filter.state) return false;
    const f = flags.get(s.key);
    if (filter.flaggedOnly && !f) return false;
    if (filter.flagKind !== 'any' && !f?.some((x) => x.kind === filter.flagKind)) return false;
    return true;
  });
}

const STATE_ORDER: Record<SocketState, number> = { connecting: 0, open: 1, closing: 2, closed: 3 };

/** The value a column sorts by; numbers sort numerically, strings by locale. */
export function sortValue(
  s: SocketRecord,
  key: SortKey,
  flags: ReadonlyMap<string, readonly Flag[]>,
  now: number,
): number | string | null {
  switch (key) {
    case 'url':
      return s.url;
    case 'state':
      return STATE_ORDER[s.state];
    case 'age':
      return endOf(s, now) - s.createdAt;
    case 'protocol':
      return s.protocol || null;
    case 'messages':
      return s.traffic.inCount + s.traffic.outCount;
    case 'bytes':
      return s.traffic.inBytes + s.traffic.outBytes;
    case 'listeners':
      return Object.values(liveListenerCounts(s)).reduce((a, b) => a + b, 0);
    case 'code':
      return s.closed?.code ?? null;
    case 'reason':
      return s.closed?.reason || null;
    case 'initiator':
      return s.initiator;
    case 'flags':
      return flags.get(s.key)?.length ?? 0;
  }
}

/** When the socket stopped living: its close, its document going away, or still alive (now). */
export function endOf(s: SocketRecord, now: number): number {
  return s.closed?.at ?? s.goneAt ?? now;
}

/**
 * Sorted by a column (stable; ties keep creation order), or in creation order without one.
 * Empty values (no close code yet, no protocol) go last either way.
 */
export function sortSockets(
  sockets: readonly SocketRecord[],
  sort: ListSort | null,
  flags: ReadonlyMap<string, readonly Flag[]>,
  now: number,
): readonly SocketRecord[] {
  if (sort === null) return sockets;
  const sign = sort.dir === 'asc' ? 1 : -1;
  const keyed = sockets.map((s, i) => ({ s, i, v: sortValue(s, sort.key, flags, now) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
    return c !== 0 ? c * sign : a.i - b.i;
  });
  return keyed.map((k) => k.s);
}

/** Group by frame only when the list holds sockets of an iframe: a single page needs no headers. */
export function shouldGroup(
  sockets: readonly SocketRecord[],
  documents: ReadonlyMap<string, DocumentInfo>,
  groupByFrame: boolean,
): boolean {
  return groupByFrame && sockets.some((s) => documents.get(s.docId)?.isTop === false);
}

export function groupLabel(doc: DocumentInfo | undefined): string {
  if (!doc) return 'Unknown document';
  if (doc.isTop) return doc.previous ? 'Previous page' : 'Top frame';
  return doc.previous ? 'iframe (previous page)' : 'iframe';
}

/**
 * The rows the list draws: sockets, under a header per document when grouping applies: the
 * current top page first, then frames, then previous pages, in report order within each. A collapsed group keeps its
 * header and hides its sockets.
 */
export function buildRows(
  sockets: readonly SocketRecord[],
  documents: ReadonlyMap<string, DocumentInfo>,
  flags: ReadonlyMap<string, readonly Flag[]>,
  group: boolean,
  collapsed: ReadonlySet<string>,
): ListRow[] {
  if (!group) return sockets.map((s) => ({ kind: 'socket', socket: s, doc: documents.get(s.docId) }));
  const byDoc = new Map<string, SocketRecord[]>();
  for (const s of sockets) {
    const list = byDoc.get(s.docId);
    if (list) list.push(s);
    else byDoc.set(s.docId, [s]);
  }
  const index = new Map([...documents.keys()].map((k, i) => [k, i]));
  const rank = (docId: string): number => {
    const doc = documents.get(docId);
    const tier = !doc ? 3 : doc.previous ? 2 : doc.isTop ? 0 : 1;
    return tier * 1_000_000 + (index.get(docId) ?? 0);
  };
  const order = [...byDoc.keys()].sort((a, b) => rank(a) - rank(b));
  const rows: ListRow[] = [];
  for (const docId of order) {
    const list = byDoc.get(docId) ?? [];
    const doc = documents.get(docId);
    const isCollapsed = collapsed.has(docId);
    rows.push({
      kind: 'group',
      docId,
      label: groupLabel(doc),
      url: doc?.url ?? '',
      count: list.length,
      flagged: list.filter((s) => flags.has(s.key)).length,
      collapsed: isCollapsed,
    });
    if (!isCollapsed) for (const s of list) rows.push({ kind: 'socket', socket: s, doc });
  }
  return rows;
}

export interface Summary {
  readonly total: number;
  readonly live: number;
  readonly closed: number;
  readonly flagged: number;
  readonly byKind: ReadonlyArray<readonly [FlagKind, number]>;
}

export function summarize(sockets: readonly SocketRecord[], flags: ReadonlyMap<string, readonly Flag[]>): Summary {
  let closed = 0;
  for (const s of sockets) if (s.state === 'closed') closed++;
  const byKind = new Map<FlagKind, number>();
  for (const list of flags.values()) for (const f of list) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  return { total: sockets.length, live: sockets.length - closed, closed, flagged: flags.size, byKind: [...byKind] };
}
