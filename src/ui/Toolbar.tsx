import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { FLAG_KINDS, type FlagKind } from '../core/leak-rules';
import { ClearIcon, ExportIcon, GearIcon, ImportIcon } from './icons';
import type { ListFilter } from './list-model';
import { clampSetting, type PanelSettings } from './settings';
import type { PanelState } from './store';

const STATES: ReadonlyArray<[ListFilter['state'], string]> = [
  ['all', 'All states'],
  ['live', 'Live'],
  ['connecting', 'Connecting'],
  ['open', 'Open'],
  ['closing', 'Closing'],
  ['closed', 'Closed'],
];

export interface ToolbarProps {
  readonly state: PanelState;
  readonly filter: ListFilter;
  readonly filterRef: RefObject<HTMLInputElement | null>;
  readonly onFilter: (f: ListFilter) => void;
  /** Escape in the filter box: back to the list. */
  readonly onFilterDone: () => void;
  readonly onClear: () => void;
  readonly onSettings: (patch: Partial<PanelSettings>) => void;
  readonly onExportJson: () => void;
  readonly onExportHar: () => void;
  readonly onImport: (file: File) => void;
}

/**
 * The Network panel's toolbar, for sockets: clear, preserve log, filter, export/import, and a
 * settings row (thresholds of the leak rules, preview size) behind the gear.
 */
export function Toolbar(props: ToolbarProps) {
  const { state, filter, filterRef, onFilter, onFilterDone, onClear, onSettings, onExportJson, onExportHar, onImport } = props;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const live = state.imported === null;
  return (
    <>
      <div class="toolbar" role="toolbar" aria-label="Socket list controls">
        <button type="button" class="tool-button" data-action="clear" onClick={onClear} title="Clear" aria-label="Clear" disabled={!live}>
          <ClearIcon />
        </button>
        <span class="divider" />
        <Check
          name="preserve-log"
          label="Preserve log"
          title="Keep the sockets of previous pages when the tab navigates or reloads"
          checked={state.settings.preserveLog}
          onChange={(preserveLog) => onSettings({ preserveLog })}
        />
        <Check
          name="group-by-frame"
          label="Group by frame"
          title="Show the sockets of each frame under a header"
          checked={state.settings.groupByFrame}
          onChange={(groupByFrame) => onSettings({ groupByFrame })}
        />
        <span class="divider" />
        <button type="button" class="tool-button" data-action="import" title="Import a session (JSON)" aria-label="Import a session" onClick={() => fileRef.current?.click()}>
          <ImportIcon />
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          class="file-input"
          data-action="import-file"
          aria-label="Session file to import"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onImport(file);
          }}
        />
        <button type="button" class="tool-button" data-action="export-json" title="Export the session as JSON" aria-label="Export as JSON" onClick={onExportJson}>
          <ExportIcon />
          <span class="tool-label">JSON</span>
        </button>
        <button type="button" class="tool-button" data-action="export-har" title="Export as HAR (with _webSocketMessages, like Chrome)" aria-label="Export as HAR" onClick={onExportHar}>
          <ExportIcon />
          <span class="tool-label">HAR</span>
        </button>
        <span class="spacer" />
        <span class={`status ${!live ? 'imported' : state.connected ? 'ok' : 'down'}`} role="status" data-status>
          {!live ? 'imported file' : state.connected ? 'recording' : 'reconnecting…'}
        </span>
        <button
          type="button"
          class={`tool-button${settingsOpen ? ' toggled' : ''}`}
          data-action="settings"
          title="Settings"
          aria-label="Settings"
          aria-expanded={settingsOpen}
          aria-controls="settings-bar"
          onClick={() => setSettingsOpen(!settingsOpen)}
        >
          <GearIcon />
        </button>
      </div>
      <div class="toolbar filter-bar" role="search" aria-label="Filter sockets">
        <input
          ref={filterRef}
          type="search"
          class="filter-text"
          data-filter="text"
          placeholder="Filter URL  ( / )"
          aria-label="Filter by URL"
          value={filter.text}
          onInput={(e) => onFilter({ ...filter, text: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              if (filter.text !== '') onFilter({ ...filter, text: '' });
              else onFilterDone();
            } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
              e.preventDefault();
              onFilterDone();
            }
          }}
        />
        <select
          data-filter="state"
          aria-label="Filter by state"
          value={filter.state}
          onChange={(e) => onFilter({ ...filter, state: e.currentTarget.value as ListFilter['state'] })}
        >
          {STATES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select
          data-filter="flag"
          aria-label="Filter by flag"
          value={filter.flagKind}
          onChange={(e) => onFilter({ ...filter, flagKind: e.currentTarget.value as FlagKind | 'any' })}
        >
          <option value="any">Any flag</option>
          {FLAG_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <Check name="flagged-only" label="Flagged only" checked={filter.flaggedOnly} onChange={(flaggedOnly) => onFilter({ ...filter, flaggedOnly })} />
      </div>
      <div class="toolbar settings-bar" id="settings-bar" hidden={!settingsOpen} aria-label="Settings">
        <SecondsSetting
          name="abandoned-after"
          label="Abandoned after"
          title="An open socket with no message listener and no traffic for this long is flagged abandoned"
          ms={state.settings.abandonedAfterMs}
          onChange={(ms) => onSettings({ abandonedAfterMs: clampSetting('abandonedAfterMs', ms) })}
        />
        <SecondsSetting
          name="close-timeout"
          label="Close timeout"
          title="close() called and no close event for this long is flagged close timeout"
          ms={state.settings.closeTimeoutMs}
          onChange={(ms) => onSettings({ closeTimeoutMs: clampSetting('closeTimeoutMs', ms) })}
        />
        <label title="Characters of each message shown in the Messages list">
          Preview
          <input
            type="number"
            min="16"
            max="8192"
            step="16"
            class="number"
            data-setting="preview-chars"
            value={state.settings.previewChars}
            onChange={(e) => onSettings({ previewChars: Math.round(clampSetting('previewChars', Number(e.currentTarget.value))) })}
          />
          chars
        </label>
      </div>
    </>
  );
}

function Check({ name, label, title, checked, onChange }: { name: string; label: string; title?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label class="check" title={title}>
      <input type="checkbox" data-setting={name} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      {label}
    </label>
  );
}

function SecondsSetting({ name, label, title, ms, onChange }: { name: string; label: string; title: string; ms: number; onChange: (ms: number) => void }) {
  return (
    <label title={title}>
      {label}
      <input
        type="number"
        min="0.1"
        step="0.1"
        class="number"
        data-setting={name}
        value={Math.round(ms / 100) / 10}
        onChange={(e) => onChange(Number(e.currentTarget.value) * 1000)}
      />
      s
    </label>
  );
}
