import type { SocketRecord } from '../../core/model';
import { formatOffset } from '../format';
import { StackTrace } from '../StackTrace';

/** Where the socket was created and where close() was called (each call, rejected ones too). */
export function StacksTab({ s }: { s: SocketRecord }) {
  return (
    <div class="stacks">
      <StackTrace label="new WebSocket() at" stack={s.createStack} />
      {s.closeCalls.length === 0 && <p class="muted" data-field="no-close-call">close() was never called.</p>}
      {s.closeCalls.map((c, i) => (
        <StackTrace
          key={i}
          label={`${c.origin === 'inspector' ? `close() from this panel at ${formatOffset(c.at, s.createdAt)}` : c.error ? `close() rejected (${c.error.name}) at ${formatOffset(c.at, s.createdAt)}, for close(${argText(c.code, c.reason)})` : `close(${argText(c.code, c.reason)}) at ${formatOffset(c.at, s.createdAt)}`}`}
          stack={c.stack}
        />
      ))}
    </div>
  );
}

function argText(code: number | null, reason: string | null): string {
  return [code, reason === null ? null : JSON.stringify(reason)].filter((x) => x !== null).join(', ');
}
