/**
 * Expressions evaluated inside the panel page (the real DevTools panel through CDP, or the
 * panel opened as a tab). They read what a person sees: the rendered rows' text.
 */
export interface PanelRow {
  key: string;
  url: string;
  state: string;
  code: string;
  reason: string;
  initiator: string;
  flags: string[];
}

export const READ_ROWS = `[...document.querySelectorAll('tr[data-socket]')].map((tr) => {
  const cell = (name) => tr.querySelector('.col-' + name)?.textContent ?? '';
  return {
    key: tr.getAttribute('data-socket'),
    url: cell('url'),
    state: cell('state'),
    code: cell('code'),
    reason: cell('reason'),
    initiator: cell('initiator'),
    flags: [...tr.querySelectorAll('.col-flags .flag')].map((f) => f.textContent),
  };
})`;

/** Resolves to the rows once `predicate(rows)` (JS source of a function) holds, else null. */
export function rowsWhen(predicate: string): string {
  return `(() => { const rows = ${READ_ROWS}; return (${predicate})(rows) ? rows : null; })()`;
}
