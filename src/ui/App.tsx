import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Flag } from '../core/leak-rules';
import type { SocketRecord } from '../core/model';
import { SocketDetails } from './SocketDetails';
import { SocketTable } from './SocketTable';
import type { PanelState, PanelStore } from './store';
import { Toolbar, type ListFilter } from './Toolbar';

export function App({ store }: { store: PanelStore }) {
  const [state, setState] = useState<PanelState>(() => store.snapshot());
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState<ListFilter>({ text: '', flaggedOnly: false });

  useEffect(() => {
    const unsubscribe = store.subscribe(() => setState(store.snapshot()));
    const timer = setInterval(() => store.tick(), 1000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [store]);

  const visible = useMemo(() => applyFilter(state.sockets, state.flags, filter), [state, filter]);
  const selectedSocket = selected === null ? undefined : state.sockets.find((s) => s.key === selected);

  return (
    <div class="app">
      <Toolbar
        state={state}
        filter={filter}
        onFilter={setFilter}
        onClear={() => {
          setSelected(null);
          store.clear();
        }}
        onSettings={(patch) => store.updateSettings(patch)}
      />
      <div class={`main ${selectedSocket ? 'with-details' : ''}`}>
        {state.sockets.length === 0 ? (
          <EmptyState connected={state.connected} />
        ) : (
          <SocketTable
            sockets={visible}
            flags={state.flags}
            documents={state.documents}
            now={state.now}
            selected={selected}
            onSelect={setSelected}
          />
        )}
        {selectedSocket && (
          <SocketDetails
            socket={selectedSocket}
            flags={state.flags.get(selectedSocket.key) ?? []}
            now={state.now}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
      <SummaryBar sockets={state.sockets} flags={state.flags} rejected={state.rejected} />
    </div>
  );
}

function applyFilter(
  sockets: readonly SocketRecord[],
  flags: ReadonlyMap<string, Flag[]>,
  filter: ListFilter,
): SocketRecord[] {
  const text = filter.text.trim().toLowerCase();
  return sockets.filter(
    (s) => (text === '' || s.url.toLowerCase().includes(text)) && (!filter.flaggedOnly || flags.has(s.key)),
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
  const byKind = new Map<string, number>();
  for (const list of flags.values()) for (const f of list) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  return (
    <div class="summary" role="status" aria-label="Summary">
      <span data-summary="total">{sockets.length} sockets</span>
      <span data-summary="open">{open} open</span>
      <span data-summary="closed">{closed} closed</span>
      <span data-summary="flagged">{flags.size} flagged</span>
      {[...byKind].map(([kind, n]) => (
        <span key={kind} class="summary-flag" data-summary-flag={kind}>
          {n} {kind}
        </span>
      ))}
      {rejected > 0 && <span data-summary="rejected">{rejected} page messages rejected</span>}
    </div>
  );
}
