import { useEffect, useState } from 'preact/hooks';
import type { Flag } from '../core/leak-rules';
import type { SocketRecord } from '../core/model';
import { SocketTable } from './SocketTable';
import type { PanelState, PanelStore } from './store';

export function App({ store }: { store: PanelStore }) {
  const [state, setState] = useState<PanelState>(() => store.snapshot());
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setState(store.snapshot()));
    const timer = setInterval(() => store.tick(), 1000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [store]);

  return (
    <div class="app">
      <Toolbar state={state} onClear={() => store.clear()} />
      {state.sockets.length === 0 ? (
        <EmptyState connected={state.connected} />
      ) : (
        <SocketTable sockets={state.sockets} flags={state.flags} now={state.now} />
      )}
      <SummaryBar sockets={state.sockets} flags={state.flags} rejected={state.rejected} />
    </div>
  );
}

function Toolbar({ state, onClear }: { state: PanelState; onClear: () => void }) {
  return (
    <div class="toolbar" role="toolbar" aria-label="Socket list controls">
      <button type="button" class="tool-button" onClick={onClear} title="Clear" aria-label="Clear">
        ⊘
      </button>
      <span class={`status ${state.connected ? 'ok' : 'down'}`} role="status">
        {state.connected ? 'recording' : 'reconnecting…'}
      </span>
    </div>
  );
}

function EmptyState({ connected }: { connected: boolean }) {
  return (
    <div class="empty" role="note">
      <p>No WebSockets yet.</p>
      <p>
        Sockets this page opens appear here as they are created, with their whole life: open,
        listeners, messages, close. Sockets opened before the extension was installed or enabled
        are not seen: reload the page to capture them.
      </p>
      {!connected && <p>Connecting to the extension…</p>}
    </div>
  );
}

function SummaryBar({
  sockets,
  flags,
  rejected,
}: {
  sockets: readonly SocketRecord[];
  flags: ReadonlyMap<string, Flag[]>;
  rejected: number;
}) {
  const open = sockets.filter((s) => s.state === 'open' || s.state === 'connecting').length;
  const closed = sockets.filter((s) => s.state === 'closed').length;
  return (
    <div class="summary" role="status" aria-label="Summary">
      <span data-summary="total">{sockets.length} sockets</span>
      <span data-summary="open">{open} open</span>
      <span data-summary="closed">{closed} closed</span>
      <span data-summary="flagged">{flags.size} flagged</span>
      {rejected > 0 && <span data-summary="rejected">{rejected} rejected page messages</span>}
    </div>
  );
}
