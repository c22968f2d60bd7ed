import type { PanelSettings, PanelState } from './store';

export interface ListFilter {
  readonly text: string;
  readonly flaggedOnly: boolean;
}

export function Toolbar({
  state,
  filter,
  onFilter,
  onClear,
  onSettings,
}: {
  state: PanelState;
  filter: ListFilter;
  onFilter: (f: ListFilter) => void;
  onClear: () => void;
  onSettings: (patch: Partial<PanelSettings>) => void;
}) {
  const seconds = (ms: number): number => Math.round(ms / 100) / 10;
  return (
    <div class="toolbar" role="toolbar" aria-label="Socket list controls">
      <button type="button" class="tool-button" data-action="clear" onClick={onClear} title="Clear" aria-label="Clear">
        ⊘
      </button>
      <input
        type="search"
        class="filter-text"
        placeholder="Filter URL"
        aria-label="Filter by URL"
        value={filter.text}
        onInput={(e) => onFilter({ ...filter, text: e.currentTarget.value })}
      />
      <label>
        <input
          type="checkbox"
          data-setting="flagged-only"
          checked={filter.flaggedOnly}
          onChange={(e) => onFilter({ ...filter, flaggedOnly: e.currentTarget.checked })}
        />
        Flagged only
      </label>
      <label>
        <input
          type="checkbox"
          data-setting="preserve-log"
          checked={state.settings.preserveLog}
          onChange={(e) => onSettings({ preserveLog: e.currentTarget.checked })}
        />
        Preserve log
      </label>
      <label title="An open socket with no message listener and no traffic for this long is flagged abandoned">
        Abandoned after
        <input
          type="number"
          min="0.1"
          step="0.1"
          class="seconds"
          data-setting="abandoned-after"
          value={seconds(state.settings.abandonedAfterMs)}
          onChange={(e) => onSettings({ abandonedAfterMs: Math.max(100, Number(e.currentTarget.value) * 1000) })}
        />
        s
      </label>
      <label title="close() called and no close event for this long is flagged close timeout">
        Close timeout
        <input
          type="number"
          min="0.1"
          step="0.1"
          class="seconds"
          data-setting="close-timeout"
          value={seconds(state.settings.closeTimeoutMs)}
          onChange={(e) => onSettings({ closeTimeoutMs: Math.max(100, Number(e.currentTarget.value) * 1000) })}
        />
        s
      </label>
      <span class={`status ${state.connected ? 'ok' : 'down'}`} role="status">
        {state.connected ? 'recording' : 'reconnecting…'}
      </span>
    </div>
  );
}
