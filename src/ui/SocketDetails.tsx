import { useState } from 'preact/hooks';
import { describeCloseCode } from '../core/close-codes';
import type { Flag } from '../core/leak-rules';
import { framesWithoutPreview, type SocketRecord } from '../core/model';
import { formatBytes, formatDuration } from './format';
import { StackTrace } from './StackTrace';

const TABS = ['Overview', 'Messages', 'Listeners', 'Stacks', 'Flags'] as const;
type Tab = (typeof TABS)[number];

export function SocketDetails({
  socket,
  flags,
  now,
  onClose,
}: {
  socket: SocketRecord;
  flags: Flag[];
  now: number;
  onClose: () => void;
}) {
  const [tab, setTab] = useState<Tab>(flags.length > 0 ? 'Flags' : 'Overview');
  return (
    <section class="details" aria-label="Socket details" data-details={socket.key}>
      <div class="details-tabs" role="tablist">
        <button type="button" class="tool-button" aria-label="Close details" onClick={onClose}>
          ✕
        </button>
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={t === tab}
            data-tab={t}
            class={t === tab ? 'tab active' : 'tab'}
            onClick={() => setTab(t)}
          >
            {t}
            {t === 'Flags' && flags.length > 0 ? ` (${flags.length})` : ''}
          </button>
        ))}
      </div>
      <div class="details-body" role="tabpanel" data-panel={tab}>
        {tab === 'Overview' && <Overview s={socket} now={now} />}
        {tab === 'Messages' && <Messages s={socket} />}
        {tab === 'Listeners' && <Listeners s={socket} />}
        {tab === 'Stacks' && <Stacks s={socket} />}
        {tab === 'Flags' && <Flags flags={flags} />}
      </div>
    </section>
  );
}

function Overview({ s, now }: { s: SocketRecord; now: number }) {
  const t0 = s.createdAt;
  const at = (t: number): string => `+${formatDuration(t - t0)}`;
  const steps: Array<[string, number]> = [['created', s.createdAt]];
  if (s.openedAt !== null) steps.push(['open', s.openedAt]);
  for (const c of s.closeCalls) steps.push([c.error ? `close() rejected: ${c.error.name}` : 'close() called', c.at]);
  for (const e of s.errors) steps.push(['error', e]);
  if (s.closed) steps.push(['closed', s.closed.at]);
  else if (s.goneAt !== null) steps.push(['document went away', s.goneAt]);
  steps.sort((a, b) => a[1] - b[1]);
  const code = s.closed ? describeCloseCode(s.closed.code) : null;
  return (
    <div class="overview">
      <dl>
        <dt>URL</dt>
        <dd class="url">{s.url}</dd>
        <dt>Requested protocols</dt>
        <dd>{s.protocols.join(', ') || '—'}</dd>
        <dt>Negotiated</dt>
        <dd>
          {s.protocol || '—'}
          {s.extensions ? ` (${s.extensions})` : ''}
        </dd>
        <dt>Lifetime</dt>
        <dd>{formatDuration((s.closed?.at ?? s.goneAt ?? now) - s.createdAt)}</dd>
        {code && s.closed && (
          <>
            <dt>Close code</dt>
            <dd data-field="close-code">
              {s.closed.code} {code.name} — {code.meaning}
            </dd>
            <dt>Reason</dt>
            <dd data-field="reason">{s.closed.reason || '—'}</dd>
            <dt>wasClean</dt>
            <dd>{String(s.closed.wasClean)}</dd>
          </>
        )}
        <dt>Closed by</dt>
        <dd data-field="initiator">{s.initiator ?? '—'}</dd>
      </dl>
      <ol class="timeline" aria-label="Timeline">
        {steps.map(([label, t], i) => (
          <li key={i} data-step={label}>
            <span class="time">{at(t)}</span> {label}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Messages({ s }: { s: SocketRecord }) {
  const missing = framesWithoutPreview(s);
  return (
    <div class="messages">
      <div class="messages-summary" data-field="traffic">
        ↑ {s.traffic.outCount} sent ({formatBytes(s.traffic.outBytes)}) · ↓ {s.traffic.inCount} received (
        {formatBytes(s.traffic.inBytes)})
        {missing > 0 && <span data-field="without-preview"> · {missing} without preview (sampled under load or evicted)</span>}
      </div>
      <table class="frames">
        <tbody>
          {s.frames.map((f) => (
            <tr key={f.seq} class={`frame ${f.dir}`} data-dir={f.dir}>
              <td class="dir">{f.dir === 'out' ? '↑' : '↓'}</td>
              <td class="time">{formatDuration(f.at - s.createdAt)}</td>
              <td class="size">{formatBytes(f.size)}</td>
              <td class="preview">
                {f.data === 'blob' ? '(Blob)' : f.preview}
                {f.truncated ? '…' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Listeners({ s }: { s: SocketRecord }) {
  return (
    <table class="listeners">
      <tbody>
        {s.listeners.map((l, i) => (
          <tr key={i} class={l.removedAt === null ? 'attached' : 'removed'} data-listener={l.event}>
            <td>{l.via === 'property' ? `on${l.event}` : l.event}</td>
            <td>
              {[l.capture && 'capture', l.once && 'once'].filter(Boolean).join(', ')}
            </td>
            <td>{l.removedAt === null ? 'attached' : `removed (${l.removedVia})`}</td>
            <td>
              <StackTrace label="added at" stack={l.addStack} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Stacks({ s }: { s: SocketRecord }) {
  return (
    <div class="stacks">
      <StackTrace label="created at" stack={s.createStack} />
      {s.closeCalls.map((c, i) => (
        <StackTrace key={i} label={c.error ? `close() rejected (${c.error.name}) at` : 'close() called at'} stack={c.stack} />
      ))}
    </div>
  );
}

function Flags({ flags }: { flags: Flag[] }) {
  if (flags.length === 0) return <p class="no-flags">No leak flags: this socket looks healthy.</p>;
  return (
    <ul class="flag-list">
      {flags.map((f) => (
        <li key={f.kind} data-flag={f.kind}>
          <div class="flag-head">
            <span class="flag">{f.kind}</span> <span class="why">{f.why}</span>
          </div>
          <div class="fix">Fix: {f.fix}</div>
          {f.stacks.map((st, i) => (
            <StackTrace key={i} label={st.label} stack={st.stack} />
          ))}
        </li>
      ))}
    </ul>
  );
}
