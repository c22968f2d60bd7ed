import type { Flag } from '../core/leak-rules';
import { liveListenerCounts, type DocumentInfo, type SocketRecord } from '../core/model';
import { closeCodeText, formatBytes, formatDuration, splitUrl } from './format';

const COLUMNS = [
  'URL',
  'State',
  'Age',
  'Protocol',
  'Messages ↑/↓',
  'Bytes ↑/↓',
  'Listeners',
  'Close code',
  'Reason',
  'Closed by',
  'Flags',
] as const;

export function SocketTable({
  sockets,
  flags,
  documents,
  now,
  selected,
  onSelect,
}: {
  sockets: readonly SocketRecord[];
  flags: ReadonlyMap<string, Flag[]>;
  documents: ReadonlyMap<string, DocumentInfo>;
  now: number;
  selected: string | null;
  onSelect: (key: string | null) => void;
}) {
  const move = (delta: number): void => {
    const i = sockets.findIndex((s) => s.key === selected);
    const next = sockets[Math.min(sockets.length - 1, Math.max(0, i + delta))];
    if (next) onSelect(next.key);
  };
  return (
    <div class="table-scroll">
      <table
        class="sockets"
        aria-label="WebSockets"
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') move(1);
          else if (e.key === 'ArrowUp') move(-1);
          else if (e.key === 'Escape') onSelect(null);
          else return;
          e.preventDefault();
        }}
      >
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sockets.map((s) => (
            <SocketRow
              key={s.key}
              socket={s}
              doc={documents.get(s.docId)}
              flags={flags.get(s.key) ?? []}
              now={now}
              selected={s.key === selected}
              onSelect={onSelect}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SocketRow({
  socket: s,
  doc,
  flags,
  now,
  selected,
  onSelect,
}: {
  socket: SocketRecord;
  doc: DocumentInfo | undefined;
  flags: Flag[];
  now: number;
  selected: boolean;
  onSelect: (key: string) => void;
}) {
  const { origin, rest } = splitUrl(s.url);
  const end = s.closed?.at ?? s.goneAt ?? now;
  const listeners = Object.entries(liveListenerCounts(s))
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  const classes = [flags.length > 0 && 'flagged', selected && 'selected', doc?.previous && 'previous']
    .filter(Boolean)
    .join(' ');
  return (
    <tr
      data-socket={s.key}
      data-frame={doc && !doc.isTop ? doc.url : undefined}
      data-previous={doc?.previous ? 'true' : undefined}
      class={classes || undefined}
      aria-selected={selected}
      onClick={() => onSelect(s.key)}
    >
      <td class="col-url" title={doc && !doc.isTop ? `${s.url}\nframe: ${doc.url}` : s.url}>
        <span class="url-origin">{origin}</span>
        <span class="url-rest">{rest}</span>
      </td>
      <td class="col-state">{s.state}</td>
      <td class="col-age">{formatDuration(end - s.createdAt)}</td>
      <td class="col-protocol">{s.protocol}</td>
      <td class="col-messages">
        {s.traffic.outCount} / {s.traffic.inCount}
      </td>
      <td class="col-bytes">
        {formatBytes(s.traffic.outBytes)} / {formatBytes(s.traffic.inBytes)}
      </td>
      <td class="col-listeners">{listeners}</td>
      <td class="col-code">{closeCodeText(s)}</td>
      <td class="col-reason">{s.closed?.reason ?? ''}</td>
      <td class="col-initiator">{s.initiator ?? ''}</td>
      <td class="col-flags">
        {flags.map((f) => (
          <span key={f.kind} class="flag" title={f.why}>
            {f.kind}
          </span>
        ))}
      </td>
    </tr>
  );
}
