import { useState } from 'preact/hooks';
import { classifyPayload, hexDump, payloadForCopy } from '../../core/message-view';
import type { FrameRecord } from '../../core/model';
import { copyText } from '../clipboard';
import { CopyIcon } from '../icons';
import { formatBytes } from '../format';
import { JsonTree } from './JsonTree';

/** Hex dump lines shown at most: the hook's previews are capped well below this anyway. */
const MAX_HEX_LINES = 4096;

/** One message's payload: JSON as a tree, binary as hex + ASCII, text as text; and Copy. */
export function PayloadView({ frame }: { frame: FrameRecord }) {
  const payload = classifyPayload(frame);
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const [raw, setRaw] = useState(false);
  return (
    <div class="payload" data-payload={payload.kind} aria-label="Message payload">
      <div class="payload-bar">
        <span class="muted">
          {frame.dir === 'out' ? 'sent' : 'received'} · {payload.kind} · {formatBytes(frame.size)}
          {frame.truncated ? ` · preview truncated to ${frame.preview.length} ${frame.data === 'binary' ? 'hex digits' : 'characters'}` : ''}
        </span>
        {payload.kind === 'json' && (
          <label class="check">
            <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.currentTarget.checked)} data-action="raw-json" />
            raw
          </label>
        )}
        {payload.kind !== 'blob' && (
          <button
            type="button"
            class="tool-button"
            data-action="copy-payload"
            title="Copy payload"
            aria-label="Copy payload"
            onClick={() => void copyText(payloadForCopy(frame)).then((ok) => setCopied(ok ? 'ok' : 'failed'))}
          >
            <CopyIcon />
            <span class="tool-label">{copied === 'ok' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}</span>
          </button>
        )}
      </div>
      {payload.kind === 'json' && (raw ? <pre class="payload-text">{JSON.stringify(payload.value, null, 2)}</pre> : <JsonTree value={payload.value} />)}
      {payload.kind === 'text' && (
        <pre class="payload-text">
          {payload.text}
          {payload.truncated ? '…' : ''}
        </pre>
      )}
      {payload.kind === 'binary' && (
        <pre class="hex-dump" data-field="hex">
          {hexDump(payload.bytes)
            .slice(0, MAX_HEX_LINES)
            .map((l) => `${l.offset}  ${l.hex.padEnd(49)}  ${l.ascii}\n`)
            .join('')}
          {payload.truncated ? '…\n' : ''}
        </pre>
      )}
      {payload.kind === 'blob' && <p class="muted">A Blob: its bytes are not read by the inspector (that would change the page's timing).</p>}
    </div>
  );
}
