import type { ListenerRecord, SocketRecord } from '../../core/model';
import { formatOffset } from '../format';
import { StackTrace } from '../StackTrace';

/**
 * Every listener the page added and removed, in order; those still attached are highlighted
 * (after the close they are what "listeners left" is about).
 */
export function ListenersTab({ s }: { s: SocketRecord }) {
  if (s.listeners.length === 0) return <p class="muted">The page attached no listeners to this socket.</p>;
  const attached = s.listeners.filter((l) => l.removedAt === null).length;
  return (
    <div class="listeners-tab">
      <p class="muted" data-field="listener-summary">
        {attached} live, {s.listeners.length - attached} removed.
      </p>
      <table class="listeners">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Options</th>
            <th scope="col">Added</th>
            <th scope="col">Status</th>
            <th scope="col">Stack</th>
          </tr>
        </thead>
        <tbody>
          {s.listeners.map((l, i) => (
            <tr key={i} class={l.removedAt === null ? 'attached' : 'removed'} data-attached={l.removedAt === null ? 'true' : 'false'}>
              <td class="event">{l.via === 'property' ? `on${l.event}` : l.event}</td>
              <td class="options">{options(l)}</td>
              <td class="time">{formatOffset(l.addedAt, s.createdAt)}</td>
              <td class="status" title={l.removedAt === null ? 'still attached to the socket' : removal(l)}>
                {l.removedAt === null ? 'attached' : `removed (${l.removedVia ?? ''}) at ${formatOffset(l.removedAt, s.createdAt)}`}
              </td>
              <td>
                <StackTrace label="added at" stack={l.addStack} />
                {l.removedAt !== null && l.removeStack !== '' && <StackTrace label="removed at" stack={l.removeStack} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function options(l: ListenerRecord): string {
  const parts: string[] = [];
  if (l.via === 'property') parts.push('property');
  if (l.capture) parts.push('capture');
  if (l.once) parts.push('once');
  return parts.join(', ') || '—';
}

const REMOVED_BY: Readonly<Record<string, string>> = {
  removeEventListener: 'removeEventListener',
  property: 'on* property replaced',
  once: 'once: after its first call',
  signal: 'its AbortSignal aborted',
};

function removal(l: ListenerRecord): string {
  return l.removedVia === null ? '' : (REMOVED_BY[l.removedVia] ?? l.removedVia);
}
