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

/** Sets a toolbar setting (number input) the way a person does: type, then commit. */
export function setSetting(name: string, value: string): string {
  return `(() => {
    const input = document.querySelector('[data-setting="${name}"]');
    if (!input) return false;
    input.value = ${JSON.stringify(value)};
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  })()`;
}

/** Clicks a toolbar checkbox until it has the wanted state. */
export function setCheckbox(name: string, checked: boolean): string {
  return `(() => {
    const box = document.querySelector('[data-setting="${name}"]');
    if (!box) return false;
    if (box.checked !== ${checked}) box.click();
    return true;
  })()`;
}

/** Selects the row whose URL contains `urlPart`, opens a details tab, returns its text. */
export function detailsTab(urlPart: string, tab: string): string {
  return `(() => {
    const row = [...document.querySelectorAll('tr[data-socket]')].find((tr) => tr.querySelector('.col-url').textContent.includes(${JSON.stringify(urlPart)}));
    if (!row) return null;
    if (row.getAttribute('aria-selected') !== 'true') row.click();
    const button = document.querySelector('.details [data-tab="${tab}"]');
    if (!button) return null;
    if (button.getAttribute('aria-selected') !== 'true') button.click();
    // Until the details pane shows the selected row, its text belongs to the previous one.
    if (document.querySelector('.details')?.getAttribute('data-details') !== row.getAttribute('data-socket')) return null;
    const body = document.querySelector('.details-body[data-panel="${tab}"]');
    return body ? body.textContent : null;
  })()`;
}
