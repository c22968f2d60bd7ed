import { useState } from 'preact/hooks';
import { closeRequestProblem } from '../close-request';

/**
 * Close the live socket as the page would, with a chosen code and reason, to see how the page
 * reacts (does it reconnect? does it clean up?). Arguments close() would reject are refused
 * here, with the reason, so the page never sees an exception it did not cause.
 */
export function CloseSocketForm({ onRequestClose }: { onRequestClose: (code: number, reason: string) => void }) {
  const [code, setCode] = useState('4000');
  const [reason, setReason] = useState('closed from DevTools');
  const [sent, setSent] = useState(false);
  const problem = closeRequestProblem(Number(code), reason);
  const submit = (): void => {
    if (problem !== null || sent) return;
    onRequestClose(Number(code), reason);
    setSent(true);
  };
  return (
    <div
      role="form"
      class="close-form"
      aria-label="Close this socket"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <span class="close-form-title">Close from DevTools</span>
      <label>
        code
        <input type="number" class="number" data-close="code" value={code} min="1000" max="4999" onInput={(e) => setCode(e.currentTarget.value)} />
      </label>
      <label>
        reason
        <input type="text" class="reason" data-close="reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="button" class="push-button" data-action="close-socket" disabled={problem !== null || sent} onClick={submit}>
        {sent ? 'Closing…' : 'Close socket'}
      </button>
      {problem !== null && (
        <span class="form-error" role="alert" data-field="close-problem">
          {problem}
        </span>
      )}
    </div>
  );
}
