import { closeCallArgs, type SocketRecord } from '../../core/model';
import { formatOffset } from '../format';
import { StackTrace } from '../StackTrace';

/** Where the socket was created and where close() was called (each call, rejected ones too). */
export function StacksTab({ s }: { s: SocketRecord }) {
  return (
    <div class="stacks">
      <StackTrace label="new WebSocket() at" stack={s.createStack} />
      {s.closeCalls.length === 0 && <p class="muted" data-field="no-close-call">close() was never called.</p>}
      {s.closeCalls.map((c, i) => {
        const at = formatOffset(c.at, s.createdAt);
        const label =
          c.origin === 'inspector'
            ? `close() from this panel at ${at}`
            : c.error
              ? `close() rejected (${c.error.name}) at ${at}, for close(${closeCallArgs(c)})`
              : `close(${closeCallArgs(c)}) at ${at}`;
        return <StackTrace key={i} label={label} stack={c.stack} />;
      })}
    </div>
  );
}
