import { ChevronIcon } from './icons';
import type { ListRow } from './list-model';
import { plural } from './format';

type Group = Extract<ListRow, { kind: 'group' }>;

/** A frame's header in the grouped list; clicking it folds the frame's sockets away. */
export function GroupRow({ row, index, start, onToggle }: { row: Group; index: number; start: number; onToggle: (docId: string) => void }) {
  return (
    <tr
      role="row"
      aria-rowindex={index + 2}
      aria-expanded={!row.collapsed}
      class="group-row"
      data-group={row.docId}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onToggle(row.docId)}
    >
      <td role="rowheader" class="group-cell" title={row.url}>
        <ChevronIcon open={!row.collapsed} />
        <span class="group-label">{row.label}</span>
        <span class="group-url">{row.url}</span>
        <span class="group-count">
          {plural(row.count, 'socket')}
          {row.flagged > 0 ? ` · ${row.flagged} flagged` : ''}
        </span>
      </td>
    </tr>
  );
}
