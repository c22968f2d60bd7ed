import { useMemo, useRef, useState } from 'preact/hooks';
import { compileMatcher, filterFrames, type DirectionFilter, type MessageFilter, NO_MESSAGE_FILTER } from '../../core/message-view';
import { framesWithoutPreview, type FrameRecord, type SocketRecord } from '../../core/model';
import { formatBytes, formatOffset } from '../format';
import { useVirtualizer } from '../virtual';
import { PayloadView } from './PayloadView';

const ROW_HEIGHT = 20;

export interface MessagesTabProps {
  readonly s: SocketRecord;
  /** Frames are appended to the record in place: the version says when they changed. */
  readonly version: number;
  readonly previewChars: number;
}

/**
 * The messages of one socket, like the Network panel's Messages tab: a virtualised list (half
 * a million rows scroll as smoothly as ten), filtered by text or regex and direction; the
 * selected message's payload below it.
 */
export function MessagesTab({ s, version, previewChars }: MessagesTabProps) {
  const [filter, setFilter] = useState<MessageFilter>(NO_MESSAGE_FILTER);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const matcher = compileMatcher(filter.text, filter.regex);
  // s.frames grows in place: version is what changes when it does.
  const frames = useMemo(() => filterFrames(s.frames, filter), [s, version, filter]);
  const virtualizer = useVirtualizer({
    count: frames.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => frames[i]?.seq ?? i,
    initialRect: { width: 600, height: 300 },
  });
  const selected = selectedSeq === null ? undefined : s.frames.find((f) => f.seq === selectedSeq);
  const missing = framesWithoutPreview(s);

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = selected ? frames.indexOf(selected) : -1;
    const next = Math.min(frames.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
    const f = frames[next];
    if (f) {
      setSelectedSeq(f.seq);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    }
  };

  return (
    <div class="messages">
      <div class="messages-bar" role="search" aria-label="Filter messages">
        <input
          type="search"
          class={`filter-text${matcher.ok ? '' : ' invalid'}`}
          data-filter="message-text"
          placeholder={filter.regex ? 'Filter (regular expression)' : 'Filter'}
          aria-label="Filter messages"
          aria-invalid={!matcher.ok}
          title={matcher.ok ? undefined : matcher.error}
          value={filter.text}
          onInput={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
        />
        <label class="check">
          <input type="checkbox" data-filter="message-regex" checked={filter.regex} onChange={(e) => setFilter({ ...filter, regex: e.currentTarget.checked })} />
          Regex
        </label>
        <select
          data-filter="message-dir"
          aria-label="Direction"
          value={filter.dir}
          onChange={(e) => setFilter({ ...filter, dir: e.currentTarget.value as DirectionFilter })}
        >
          <option value="all">All</option>
          <option value="out">Sent</option>
          <option value="in">Received</option>
        </select>
        <span class="muted" data-field="traffic">
          ↑ {s.traffic.outCount} sent ({formatBytes(s.traffic.outBytes)}) · ↓ {s.traffic.inCount} received ({formatBytes(s.traffic.inBytes)})
          {frames.length !== s.frames.length && ` · ${frames.length} shown`}
        </span>
        {missing > 0 && (
          <span class="muted warn" data-field="without-preview" title="Counted exactly; previews sampled under load or evicted to stay within the memory budget">
            · {missing} without preview
          </span>
        )}
        {!matcher.ok && (
          <span class="form-error" role="alert">
            {matcher.error}
          </span>
        )}
      </div>
      <div class="frames-scroll" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown} aria-label="Messages">
        {frames.length === 0 ? (
          <p class="muted empty-frames">{s.frames.length === 0 ? (missing > 0 ? 'No previews kept.' : 'No messages yet.') : 'No message matches the filter.'}</p>
        ) : (
          <table class="frames" role="grid" aria-rowcount={frames.length}>
            <tbody style={{ height: `${virtualizer.getTotalSize()}px` }}>
              {virtualizer.getVirtualItems().map((item) => {
                const f = frames[item.index];
                if (!f) return null;
                return (
                  <FrameRow
                    key={item.key}
                    f={f}
                    t0={s.createdAt}
                    start={item.start}
                    previewChars={previewChars}
                    selected={f.seq === selectedSeq}
                    onSelect={setSelectedSeq}
                  />
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {selected && <PayloadView key={selected.seq} frame={selected} />}
    </div>
  );
}

function FrameRow({
  f,
  t0,
  start,
  previewChars,
  selected,
  onSelect,
}: {
  f: FrameRecord;
  t0: number;
  start: number;
  previewChars: number;
  selected: boolean;
  onSelect: (seq: number) => void;
}) {
  const text = f.data === 'blob' ? '(Blob)' : f.preview.slice(0, previewChars);
  const cut = f.truncated || (f.data !== 'blob' && f.preview.length > previewChars);
  return (
    <tr
      class={`frame ${f.dir}${selected ? ' selected' : ''}`}
      data-dir={f.dir}
      aria-selected={selected}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onSelect(f.seq)}
    >
      <td class="dir" title={f.dir === 'out' ? 'sent' : 'received'}>
        {f.dir === 'out' ? '↑' : '↓'}
      </td>
      <td class={`preview ${f.data}`} title={f.data === 'text' ? undefined : `${f.data === 'binary' ? 'binary, as hex' : 'Blob'}`}>
        {text}
        {cut ? '…' : ''}
      </td>
      <td class="size">{formatBytes(f.size)}</td>
      <td class="time">{formatOffset(f.at, t0)}</td>
    </tr>
  );
}
