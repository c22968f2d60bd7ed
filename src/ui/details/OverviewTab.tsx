import { describeCloseCode } from '../../core/close-codes';
import type { Flag } from '../../core/leak-rules';
import type { DocumentInfo, SocketRecord } from '../../core/model';
import { flagClass } from '../flag-info';
import { formatBytes, formatClock, formatDuration } from '../format';
import { CloseSocketForm } from './CloseSocketForm';
import { Timeline } from './Timeline';

const INITIATOR_TEXT: Readonly<Record<string, string>> = {
  page: 'the page called close()',
  server: 'the server sent a close frame',
  network: 'the connection dropped without a close frame',
  unload: 'the page or frame went away while it was open',
  inspector: 'closed from this panel',
};

export interface OverviewTabProps {
  readonly s: SocketRecord;
  readonly doc: DocumentInfo | undefined;
  readonly flags: readonly Flag[];
  readonly now: number;
  readonly canClose: boolean;
  readonly onRequestClose: (code: number, reason: string) => void;
}

export function OverviewTab({ s, doc, flags, now, canClose, onRequestClose }: OverviewTabProps) {
  const code = s.closed ? describeCloseCode(s.closed.code) : null;
  return (
    <div class="overview">
      {flags.length > 0 && (
        <p class="overview-flags">
          {flags.map((f) => (
            <span key={f.kind} class={flagClass(f.kind)} title={f.why}>
              {f.kind}
            </span>
          ))}
        </p>
      )}
      <Timeline s={s} now={now} />
      <dl class="facts">
        <dt>URL</dt>
        <dd class="url" data-field="url">
          {s.url}
        </dd>
        <dt>Frame</dt>
        <dd data-field="frame">
          {doc ? `${doc.isTop ? 'top' : 'iframe'}${doc.previous ? ' (previous page)' : ''} — ${doc.url}` : '—'}
        </dd>
        <dt>State</dt>
        <dd data-field="state">{s.state}</dd>
        <dt>Created</dt>
        <dd>{formatClock(s.createdAt)}</dd>
        <dt>Time to open</dt>
        <dd>{s.openedAt === null ? '—' : formatDuration(s.openedAt - s.createdAt)}</dd>
        <dt>Lifetime</dt>
        <dd>{formatDuration((s.closed?.at ?? s.goneAt ?? now) - s.createdAt)}</dd>
        <dt>Requested protocols</dt>
        <dd>{s.protocols.join(', ') || '—'}</dd>
        <dt>Negotiated</dt>
        <dd data-field="protocol">
          {s.protocol || '—'}
          {s.extensions ? ` · ${s.extensions}` : ''}
        </dd>
        <dt>binaryType</dt>
        <dd>{s.binaryType}</dd>
        <dt>Traffic</dt>
        <dd data-field="traffic">
          ↑ {s.traffic.outCount} ({formatBytes(s.traffic.outBytes)}) · ↓ {s.traffic.inCount} ({formatBytes(s.traffic.inBytes)})
        </dd>
        {code && s.closed && (
          <>
            <dt>Close code</dt>
            <dd data-field="close-code">
              <b>
                {s.closed.code} {code.name}
              </b>{' '}
              — <span data-field="close-meaning">{code.meaning}</span>
            </dd>
            <dt>Reason</dt>
            <dd data-field="reason">{s.closed.reason === '' ? '(none)' : s.closed.reason}</dd>
            <dt>wasClean</dt>
            <dd data-field="was-clean">{String(s.closed.wasClean)}</dd>
          </>
        )}
        <dt>Closed by</dt>
        <dd data-field="initiator">{s.initiator === null ? '—' : `${s.initiator}: ${INITIATOR_TEXT[s.initiator] ?? ''}`}</dd>
      </dl>
      {canClose && <CloseSocketForm onRequestClose={onRequestClose} />}
    </div>
  );
}
