import { Component } from 'preact';
import type { Flag } from '../core/leak-rules';
import { liveListenerCounts, type DocumentInfo, type SocketRecord } from '../core/model';
import { FLAG_INFO, flagClass } from './flag-info';
import { closeCodeText, formatBytes, formatDuration, urlParts } from './format';
import { endOf } from './list-model';

export interface SocketRowProps {
  readonly socket: SocketRecord;
  /** The record is mutated in place: its version tells a changed row from an unchanged one. */
  readonly version: number;
  readonly doc: DocumentInfo | undefined;
  /** doc.previous, as a value: the document is mutated in place when the tab navigates. */
  readonly previous: boolean;
  readonly flags: readonly Flag[];
  /** Flag kinds joined: flags are rebuilt every redraw, their kinds rarely change. */
  readonly flagKinds: string;
  /** The clock, for the age of a socket still alive; 0 for one that ended (its age is fixed). */
  readonly now: number;
  readonly selected: boolean;
  readonly index: number;
  readonly start: number;
  readonly onSelect: (key: string) => void;
}

/**
 * One socket of the list. Rows re-render only when their socket changed (version), their flags
 * changed, they were (de)selected or moved, or, for a live socket, when the clock ticked.
 */
export class SocketRow extends Component<SocketRowProps> {
  override shouldComponentUpdate(next: SocketRowProps): boolean {
    const p = this.props;
    return (
      p.socket !== next.socket ||
      p.version !== next.version ||
      p.flagKinds !== next.flagKinds ||
      p.now !== next.now ||
      p.selected !== next.selected ||
      p.index !== next.index ||
      p.start !== next.start ||
      p.doc !== next.doc ||
      p.previous !== next.previous
    );
  }

  override render() {
    const { socket: s, doc, flags, now, selected, index, start, onSelect } = this.props;
    const url = urlParts(s.url);
    const listeners = Object.entries(liveListenerCounts(s));
    const inFrame = doc !== undefined && !doc.isTop;
    const classes = ['socket-row', flags.length > 0 && 'flagged', selected && 'selected', doc?.previous && 'previous', inFrame && 'in-frame'];
    return (
      <tr
        id={`socket-row-${index}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={selected}
        data-socket={s.key}
        data-frame={inFrame ? doc.url : undefined}
        data-previous={doc?.previous ? 'true' : undefined}
        class={classes.filter(Boolean).join(' ')}
        style={{ transform: `translateY(${start}px)` }}
        onClick={() => onSelect(s.key)}
      >
        <td role="gridcell" class="col-url" title={inFrame ? `${s.url}\nfrom iframe ${doc.url}` : s.url}>
          <span class="url-scheme">{url.scheme}</span>
          <span class="url-host">{url.host}</span>
          <span class="url-path">{url.path}</span>
          <span class="url-query">{url.query}</span>
        </td>
        <td role="gridcell" class="col-state" data-state={s.state}>
          {s.state}
        </td>
        <td role="gridcell" class="col-age">
          {formatDuration(endOf(s, now) - s.createdAt)}
        </td>
        <td role="gridcell" class="col-protocol">
          {s.protocol}
        </td>
        <td role="gridcell" class="col-messages">
          {s.traffic.outCount} / {s.traffic.inCount}
        </td>
        <td role="gridcell" class="col-bytes">
          {formatBytes(s.traffic.outBytes)} / {formatBytes(s.traffic.inBytes)}
        </td>
        <td role="gridcell" class="col-listeners" title={listeners.map(([t, n]) => `${t}: ${n}`).join('\n')}>
          {listeners.map(([type, n], i) => (
            <span key={type} class="listener-count">
              {i > 0 ? ' · ' : ''}
              {type} {n}
            </span>
          ))}
        </td>
        <td role="gridcell" class={`col-code${s.closed && s.closed.code !== 1000 ? ' code-unusual' : ''}`}>
          {closeCodeText(s)}
        </td>
        <td role="gridcell" class="col-reason" title={s.closed?.reason || undefined}>
          {s.closed?.reason ?? ''}
        </td>
        <td role="gridcell" class="col-initiator">
          {s.initiator ?? ''}
        </td>
        <td role="gridcell" class="col-flags">
          {flags.map((f) => (
            <span key={f.kind} class={flagClass(f.kind)} title={FLAG_INFO[f.kind].summary}>
              {f.kind}
            </span>
          ))}
        </td>
      </tr>
    );
  }
}
