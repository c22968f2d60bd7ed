import { useState } from 'preact/hooks';
import { jsonEntries, jsonSummary, type JsonValue } from '../../core/message-view';

/** Children shown per container before a "show more" button: keeps huge arrays cheap. */
const PAGE = 200;

/** A JSON value as a collapsible tree, like the console's object view. Text only. */
export function JsonTree({ value }: { value: JsonValue }) {
  return (
    <ul class="json-tree" role="tree" aria-label="JSON">
      <JsonNode name={null} value={value} depth={0} />
    </ul>
  );
}

function JsonNode({ name, value, depth }: { name: string | null; value: JsonValue; depth: number }) {
  const container = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < 2);
  const [limit, setLimit] = useState(PAGE);
  const key = name === null ? null : <span class="json-key">{name}: </span>;
  if (!container) {
    return (
      <li role="treeitem" class="json-leaf">
        {key}
        <span class={`json-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>
      </li>
    );
  }
  const entries = open ? jsonEntries(value) : [];
  return (
    <li role="treeitem" aria-expanded={open} class="json-branch">
      <button type="button" class="json-toggle" onClick={() => setOpen(!open)} aria-label={open ? 'Collapse' : 'Expand'}>
        <span class={`chevron-text${open ? ' open' : ''}`}>▸</span>
        {key}
        <span class="json-summary">{jsonSummary(value)}</span>
      </button>
      {open && (
        <ul role="group">
          {entries.slice(0, limit).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > limit && (
            <li>
              <button type="button" class="text-button" onClick={() => setLimit(limit + PAGE)}>
                Show {Math.min(PAGE, entries.length - limit)} more of {entries.length - limit}
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}
