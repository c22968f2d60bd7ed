import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Flag } from '../core/leak-rules';
import { COLUMNS, gridTemplate } from './columns';
import { GroupRow } from './GroupRow';
import type { ListRow, ListSort, SortKey } from './list-model';
import { SocketRow } from './SocketRow';
import { useVirtualizer } from './virtual';

export const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 24;

export interface SocketTableProps {
  readonly rows: readonly ListRow[];
  readonly flags: ReadonlyMap<string, readonly Flag[]>;
  readonly now: number;
  readonly selected: string | null;
  readonly sort: ListSort | null;
  readonly compact: boolean;
  readonly tableRef: RefObject<HTMLTableElement | null>;
  readonly onSelect: (key: string | null) => void;
  readonly onSort: (key: SortKey) => void;
  readonly onToggleGroup: (docId: string) => void;
  /** Enter on a row: move into the details. */
  readonly onOpen: () => void;
}

/**
 * The socket list: a table whose rows are virtualised (only those in view, plus a few, are in
 * the DOM), so thousands of sockets scroll smoothly. The header stays put; the body's rows are
 * positioned by the virtualiser. Keyboard: arrows, Page Up/Down, Home/End move the selection;
 * Enter opens the details, Escape closes them; Left/Right collapse and expand a frame group.
 */
export function SocketTable(props: SocketTableProps) {
  const { rows, flags, now, selected, sort, compact, tableRef, onSelect, onSort, onToggleGroup, onOpen } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (i) => rowKey(rows[i], i),
    initialRect: { width: 1024, height: 600 },
  });
  const selectedIndex = selected === null ? -1 : rows.findIndex((r) => r.kind === 'socket' && r.socket.key === selected);

  // Keep the selection in view when it moves (keyboard, or a new filter).
  const lastScrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (selectedIndex < 0 || lastScrolledTo.current === selected) return;
    lastScrolledTo.current = selected;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selected, selectedIndex, virtualizer]);

  const socketIndexes = (): number[] => rows.flatMap((r, i) => (r.kind === 'socket' ? [i] : []));
  const moveTo = (index: number): void => {
    const row = rows[index];
    if (row?.kind === 'socket') onSelect(row.socket.key);
  };
  const move = (delta: number): void => {
    const ids = socketIndexes();
    if (ids.length === 0) return;
    const at = ids.indexOf(selectedIndex);
    const next = at < 0 ? (delta > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + delta));
    const target = ids[next];
    if (target !== undefined) moveTo(target);
  };
  const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);

  const onKeyDown = (e: KeyboardEvent): void => {
    const groupOfSelection = (): string | null => {
      const row = rows[selectedIndex];
      return row?.kind === 'socket' ? row.socket.docId : null;
    };
    switch (e.key) {
      case 'ArrowDown':
        move(1);
        break;
      case 'ArrowUp':
        move(-1);
        break;
      case 'PageDown':
        move(page);
        break;
      case 'PageUp':
        move(-page);
        break;
      case 'Home':
        move(-rows.length);
        break;
      case 'End':
        move(rows.length);
        break;
      case 'Enter':
        if (selectedIndex >= 0) onOpen();
        else move(1);
        break;
      case 'Escape':
        if (selected === null) return;
        onSelect(null);
        break;
      case 'ArrowLeft': {
        const docId = groupOfSelection();
        if (docId === null || !rows.some((r) => r.kind === 'group' && r.docId === docId)) return;
        onSelect(null);
        onToggleGroup(docId);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div class="list-scroll" ref={scrollRef}>
      <table
        ref={tableRef}
        class={`sockets${compact ? ' compact' : ''}`}
        role="grid"
        aria-label="WebSockets"
        aria-rowcount={rows.length + 1}
        aria-multiselectable="false"
        aria-activedescendant={selectedIndex >= 0 && items.some((i) => i.index === selectedIndex) ? `socket-row-${selectedIndex}` : undefined}
        tabIndex={0}
        style={{ '--cols': gridTemplate(compact) }}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr role="row" aria-rowindex={1}>
            {COLUMNS.map((c) => {
              const active = sort?.key === c.sort;
              return (
                <th
                  key={c.cls}
                  role="columnheader"
                  scope="col"
                  class={`${c.cls}${c.numeric ? ' numeric' : ''}${active ? ` sorted ${sort.dir}` : ''}`}
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  title={`${c.description}. Click to sort.`}
                >
                  <button type="button" class="sort-button" data-sort={c.sort} tabIndex={-1} onClick={() => onSort(c.sort)}>
                    {c.title}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody style={{ height: `${virtualizer.getTotalSize() - HEADER_HEIGHT}px` }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const start = item.start - HEADER_HEIGHT;
            if (row.kind === 'group') {
              return <GroupRow key={item.key} row={row} index={item.index} start={start} onToggle={onToggleGroup} />;
            }
            const s = row.socket;
            const f = flags.get(s.key) ?? NO_FLAGS;
            return (
              <SocketRow
                key={item.key}
                socket={s}
                version={s.version}
                doc={row.doc}
                previous={row.doc?.previous === true}
                flags={f}
                flagKinds={f.map((x) => x.kind).join('|')}
                now={s.state === 'closed' ? 0 : now}
                selected={s.key === selected}
                index={item.index}
                start={start}
                onSelect={onSelect}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const NO_FLAGS: readonly Flag[] = [];

function rowKey(row: ListRow | undefined, i: number): string {
  if (!row) return `#${i}`;
  return row.kind === 'group' ? `group:${row.docId}` : row.socket.key;
}
