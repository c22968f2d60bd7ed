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
  /** The iframe's URL for a socket of an iframe, else null. */
  frame: string | null;
  previous: boolean;
}

/**
 * The list is virtualised: only the rows in view are in the DOM. Reading "every row" therefore
 * scrolls the list from top to bottom, as a person would, collecting each row once (by key),
 * and puts the scroll position back. Two animation frames per step let the list redraw.
 */
const SCROLL_LIST = `async (visit) => {
  const scroller = document.querySelector('.list-scroll');
  if (!scroller) return;
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  if (visit() === true || scroller.scrollHeight <= scroller.clientHeight + 1) return;
  const saved = scroller.scrollTop;
  const step = Math.max(22, scroller.clientHeight - 48);
  for (let top = 0; ; top += step) {
    scroller.scrollTop = top;
    await frame();
    if (visit() === true) return;
    if (top + scroller.clientHeight >= scroller.scrollHeight) break;
  }
  scroller.scrollTop = saved;
  await frame();
}`;

export const READ_ROWS = `(async () => {
  const seen = new Map();
  const read = () => {
    for (const tr of document.querySelectorAll('tr[data-socket]')) {
      const cell = (name) => tr.querySelector('.col-' + name)?.textContent ?? '';
      seen.set(tr.getAttribute('data-socket'), {
        index: Number(tr.getAttribute('aria-rowindex')),
        row: {
          key: tr.getAttribute('data-socket'),
          url: cell('url'),
          state: cell('state'),
          code: cell('code'),
          reason: cell('reason'),
          initiator: cell('initiator'),
          flags: [...tr.querySelectorAll('.col-flags .flag')].map((f) => f.textContent),
          frame: tr.getAttribute('data-frame'),
          previous: tr.getAttribute('data-previous') === 'true',
        },
      });
    }
  };
  await (${SCROLL_LIST})(read);
  return [...seen.values()].sort((a, b) => a.index - b.index).map((x) => x.row);
})()`;

/** Resolves to the rows once \`predicate(rows)\` (JS source of a function) holds, else null. */
export function rowsWhen(predicate: string): string {
  return `(async () => { const rows = await ${READ_ROWS}; return (${predicate})(rows) ? rows : null; })()`;
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

/**
 * Selects the row whose URL contains \`urlPart\` (scrolling the list to it), opens a details tab,
 * and returns the tab's text; null until the pane shows that socket's tab.
 */
export function detailsTab(urlPart: string, tab: string): string {
  return `(async () => {
    const find = () => [...document.querySelectorAll('tr[data-socket]')].find((tr) => tr.querySelector('.col-url').textContent.includes(${JSON.stringify(urlPart)}));
    let row = find();
    if (!row) {
      await (${SCROLL_LIST})(() => { row = find(); if (row) row.click(); return row !== undefined; });
      row = find();
    }
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
