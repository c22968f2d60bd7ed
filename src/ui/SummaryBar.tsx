import type { Flag } from '../core/leak-rules';
import type { SocketRecord } from '../core/model';
import { FLAG_INFO } from './flag-info';
import { summarize } from './list-model';
import type { Diagnostics } from './store';

/**
 * The status bar: how many sockets, how many shown, live/closed/flagged and by flag kind, and the
 * diagnostics a developer should know of: page input the relay rejected, messages counted whose
 * previews were sampled away or evicted to stay within budget, and messages lost in transit.
 */
export function SummaryBar({
  sockets,
  shown,
  flags,
  diagnostics,
}: {
  sockets: readonly SocketRecord[];
  shown: number;
  flags: ReadonlyMap<string, readonly Flag[]>;
  diagnostics: Diagnostics;
}) {
  const s = summarize(sockets, flags);
  return (
    <div class="summary" role="status" aria-label="Summary">
      <span data-summary="total">{s.total} sockets</span>
      {shown !== s.total && <span data-summary="shown">{shown} shown</span>}
      <span data-summary="open">{s.live} live</span>
      <span data-summary="closed">{s.closed} closed</span>
      <span data-summary="flagged" class={s.flagged > 0 ? 'summary-flagged' : undefined}>
        {s.flagged} flagged
      </span>
      {s.byKind.map(([kind, n]) => (
        <span key={kind} class={`summary-flag ${FLAG_INFO[kind].severity}`} data-summary-flag={kind} title={FLAG_INFO[kind].summary}>
          {n} {kind}
        </span>
      ))}
      <span class="spacer" />
      {diagnostics.withoutPreview > 0 && (
        <span
          data-summary="without-preview"
          title="Messages counted exactly whose payload previews were not kept: sampled while the page sent faster than the extension could take, or evicted (oldest first) to stay within the memory budget"
        >
          {diagnostics.withoutPreview} messages without preview
        </span>
      )}
      {diagnostics.rejected > 0 && (
        <span
          data-summary="rejected"
          class="summary-rejected"
          title="Messages from the page that failed validation (wrong shape, type, size or protocol version) and were dropped"
        >
          {diagnostics.rejected} page messages rejected
        </span>
      )}
      {diagnostics.lost > 0 && (
        <span
          data-summary="lost"
          class="summary-rejected"
          title="Messages from the extension's relays that arrived but could not be unpacked: the events in them are missing from this list"
        >
          {diagnostics.lost} messages lost in transit
        </span>
      )}
    </div>
  );
}
