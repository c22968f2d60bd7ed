import type { SortKey } from './list-model';

export interface Column {
  /** Class of the cell (tests and the bench read cells by it). */
  readonly cls: string;
  readonly title: string;
  /** Header hover text: what the column shows. */
  readonly description: string;
  readonly sort: SortKey;
  /** Grid track size. */
  readonly width: string;
  readonly numeric?: boolean;
  /** Kept when the details pane takes half of a wide panel. */
  readonly compact?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { cls: 'col-url', title: 'URL', description: 'Socket URL (host and path emphasised)', sort: 'url', width: 'minmax(220px, 1fr)', compact: true },
  { cls: 'col-state', title: 'State', description: 'connecting, open, closing or closed', sort: 'state', width: '84px', compact: true },
  { cls: 'col-age', title: 'Age', description: 'Time since it was created; for a closed socket, how long it lived', sort: 'age', width: '66px', numeric: true },
  { cls: 'col-protocol', title: 'Protocol', description: 'Subprotocol negotiated with the server', sort: 'protocol', width: '74px' },
  { cls: 'col-messages', title: 'Msgs ↑ / ↓', description: 'Messages sent / received', sort: 'messages', width: '82px', numeric: true },
  { cls: 'col-bytes', title: 'Bytes ↑ / ↓', description: 'Bytes sent / received', sort: 'bytes', width: '116px', numeric: true },
  { cls: 'col-listeners', title: 'Listeners', description: 'Listeners attached now, by event type', sort: 'listeners', width: '128px' },
  { cls: 'col-code', title: 'Close code', description: 'Close code and its registered name', sort: 'code', width: '158px', compact: true },
  { cls: 'col-reason', title: 'Reason', description: 'Close reason', sort: 'reason', width: '110px' },
  { cls: 'col-initiator', title: 'Closed by', description: 'Who ended it: page, server, network, unload or inspector (this panel)', sort: 'initiator', width: '74px' },
  { cls: 'col-flags', title: 'Flags', description: 'Leak and close problems; details in the Flags tab', sort: 'flags', width: 'minmax(150px, 0.6fr)', compact: true },
];

export function gridTemplate(compact: boolean): string {
  return COLUMNS.filter((c) => !compact || c.compact)
    .map((c) => c.width)
    .join(' ');
}
