import { buildTimeline, timelinePosition } from '../../core/timeline';
import type { SocketRecord } from '../../core/model';
import { formatDuration, formatOffset } from '../format';

/**
 * The socket's life as a bar (connecting, open, closing, in proportion, with a tick per event)
 * over a list of what happened when. The list is the accessible form; the bar is for the eye.
 */
export function Timeline({ s, now }: { s: SocketRecord; now: number }) {
  const t = buildTimeline(s, now);
  const pct = (at: number): string => `${(timelinePosition(t, at) * 100).toFixed(2)}%`;
  return (
    <div class="timeline" data-field="timeline">
      <div class="timeline-bar" aria-hidden="true">
        {t.phases.map((p) => (
          <div
            key={p.state}
            class={`phase phase-${p.state}${p.ongoing ? ' ongoing' : ''}`}
            style={{ left: pct(p.from), width: `calc(${pct(p.to)} - ${pct(p.from)})` }}
            title={`${p.state}: ${formatDuration(p.to - p.from)}`}
          />
        ))}
        {t.markers.map((m, i) => (
          <div key={i} class={`tick tick-${m.kind}`} style={{ left: pct(m.at) }} title={`${formatOffset(m.at, t.start)} ${m.label}`} />
        ))}
      </div>
      <ol class="phases" aria-label="Phases">
        {t.phases.map((p) => (
          <li key={p.state} class={`phase-label phase-${p.state}`} data-phase={p.state}>
            {p.state} {formatDuration(p.to - p.from)}
            {p.ongoing ? ' so far' : ''}
          </li>
        ))}
        {s.closed && (
          <li class="phase-label phase-closed" data-phase="closed">
            closed
          </li>
        )}
      </ol>
      <ol class="timeline-events" aria-label="Timeline">
        {t.markers.map((m, i) => (
          <li key={i} class={`event event-${m.kind}`} data-step={m.kind}>
            <span class="time">{formatOffset(m.at, t.start)}</span> <span class="event-label">{m.label}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
