import type { Flag } from '../core/leak-rules';
import type { SocketRecord } from '../core/model';
import { closeCodeText, formatDuration, splitUrl } from './format';

const COLUMNS = ['URL', 'State', 'Age', 'Close code', 'Reason', 'Closed by', 'Flags'] as const;

export function SocketTable({
  sockets,
  flags,
  now,
}: {
  sockets: readonly SocketRecord[];
  flags: ReadonlyMap<string, Flag[]>;
  now: number;
}) {
  return (
    <table class="sockets" aria-label="WebSockets">
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
          <SocketRow key={s.key} socket={s} flags={flags.get(s.key) ?? []} now={now} />
        ))}
      </tbody>
    </table>
  );
}

function SocketRow({ socket: s, flags, now }: { socket: SocketRecord; flags: Flag[]; now: number }) {
  const { origin, rest } = splitUrl(s.url);
  const end = s.closed?.at ?? s.goneAt ?? now;
  return (
    <tr data-socket={s.key} class={flags.length > 0 ? 'flagged' : undefined}>
      <td class="col-url" title={s.url}>
        <span class="url-origin">{origin}</span>
        <span class="url-rest">{rest}</span>
      </td>
      <td class="col-state">{s.state}</td>
      <td class="col-age">{formatDuration(end - s.createdAt)}</td>
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
