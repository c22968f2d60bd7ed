import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { SocketDetails } from './details/SocketDetails';
import { EmptyState } from './EmptyState';
import { ImportBanner } from './ImportBanner';
import { buildRows, EMPTY_FILTER, filterSockets, isFiltering, shouldGroup, sortSockets, type ListFilter, type ListSort, type SortKey } from './list-model';
import { SocketTable } from './SocketTable';
import type { PanelState, PanelStore } from './store';
import { SummaryBar } from './SummaryBar';
import { Toolbar } from './Toolbar';
import { useImportExport } from './use-import-export';

/**
 * The panel: toolbar, socket list, details of the selected socket beside it (as in the Network
 * panel), summary bar. Selection and sort live here; the recording lives in the store.
 */
export function App({ store }: { store: PanelStore }) {
  const [state, setState] = useState<PanelState>(() => store.snapshot());
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState<ListFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<ListSort | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const filterRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const detailsRef = useRef<HTMLElement>(null);
  const io = useImportExport(store);

  useEffect(() => {
    const unsubscribe = store.subscribe(() => setState(store.snapshot()));
    const timer = setInterval(() => store.tick(), 1000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [store]);

  // "/" and Ctrl/Cmd+F focus the filter, as in DevTools; Escape in it hands focus back to the list.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
      if ((e.key === 'f' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !inField)) {
        e.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const filtered = useMemo(() => filterSockets(state.sockets, state.flags, filter), [state, filter]);
  const sorted = useMemo(() => sortSockets(filtered, sort, state.flags, state.now), [filtered, sort, state]);
  const grouped = shouldGroup(state.sockets, state.documents, state.settings.groupByFrame);
  const rows = useMemo(
    () => buildRows(sorted, state.documents, state.flags, grouped, collapsed),
    [sorted, state.documents, state.flags, grouped, collapsed],
  );
  const selectedSocket = selected === null ? undefined : state.sockets.find((s) => s.key === selected);

  const onSort = (key: SortKey): void =>
    setSort((cur) => (cur?.key !== key ? { key, dir: 'asc' } : cur.dir === 'asc' ? { key, dir: 'desc' } : null));
  const onToggleGroup = (docId: string): void =>
    setCollapsed((cur) => {
      const next = new Set(cur);
      if (!next.delete(docId)) next.add(docId);
      return next;
    });
  const closeDetails = (): void => {
    setSelected(null);
    tableRef.current?.focus();
  };

  return (
    <div class="app">
      <Toolbar
        state={state}
        filter={filter}
        filterRef={filterRef}
        onFilter={setFilter}
        onFilterDone={() => tableRef.current?.focus()}
        onClear={() => {
          setSelected(null);
          store.clear();
        }}
        onSettings={(patch) => store.updateSettings(patch)}
        onExportJson={io.exportJson}
        onExportHar={io.exportHar}
        onImport={io.importFile}
      />
      {io.message && (
        <div class={`notice ${io.message.kind}`} role={io.message.kind === 'error' ? 'alert' : 'status'} data-notice={io.message.kind}>
          {io.message.text}
          <button type="button" class="notice-dismiss" aria-label="Dismiss" onClick={io.dismiss}>
            ×
          </button>
        </div>
      )}
      {state.imported && <ImportBanner info={state.imported} onClose={() => store.closeImport()} />}
      <div class={`main${selectedSocket ? ' with-details' : ''}`}>
        {state.sockets.length === 0 ? (
          <EmptyState connected={state.connected} imported={state.imported !== null} />
        ) : rows.length === 0 ? (
          <div class="empty" role="note" data-empty="filtered">
            <p>No socket matches the filter.</p>
            {isFiltering(filter) && (
              <button type="button" class="text-button" onClick={() => setFilter(EMPTY_FILTER)}>
                Clear the filter
              </button>
            )}
          </div>
        ) : (
          <SocketTable
            rows={rows}
            flags={state.flags}
            now={state.now}
            selected={selected}
            sort={sort}
            compact={selectedSocket !== undefined}
            tableRef={tableRef}
            onSelect={setSelected}
            onSort={onSort}
            onToggleGroup={onToggleGroup}
            onOpen={() => detailsRef.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus()}
          />
        )}
        {selectedSocket && (
          <SocketDetails
            key={selectedSocket.key}
            detailsRef={detailsRef}
            socket={selectedSocket}
            version={selectedSocket.version}
            doc={state.documents.get(selectedSocket.docId)}
            flags={state.flags.get(selectedSocket.key) ?? []}
            now={state.now}
            settings={state.settings}
            canClose={store.canClose(selectedSocket.key)}
            onRequestClose={(code, reason) => store.requestClose(selectedSocket.key, code, reason)}
            onClose={closeDetails}
          />
        )}
      </div>
      <SummaryBar sockets={state.sockets} shown={filtered.length} flags={state.flags} diagnostics={state.diagnostics} />
    </div>
  );
}
