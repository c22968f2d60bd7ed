import type { FlagKind } from '../core/leak-rules';

/**
 * How the list shows a flag: leaks (resources the page holds on to) in the error colour,
 * warnings (closes that went wrong) in the warning colour, each with a one-line hover text.
 * The full sentence and the fix are in the Flags tab, from the core's rules.
 */
export const FLAG_INFO: Readonly<Record<FlagKind, { readonly severity: 'leak' | 'warning'; readonly summary: string }>> = {
  'never closed': { severity: 'leak', summary: 'The page went away while it was open, and never called close()' },
  abandoned: { severity: 'leak', summary: 'Open, with no message listener and no traffic: nothing uses it' },
  duplicate: { severity: 'leak', summary: 'Another socket to this URL from the same code was open at the same time' },
  'listeners left': { severity: 'leak', summary: 'Closed, but the page never removed its listeners' },
  'close timeout': { severity: 'warning', summary: 'close() was called and the close event did not follow in time' },
  'abnormal close': { severity: 'warning', summary: 'Closed without a close frame, or after an error' },
  'close rejected': { severity: 'warning', summary: 'close() threw: bad code or reason' },
};

export function flagClass(kind: FlagKind): string {
  return `flag flag-${FLAG_INFO[kind].severity}`;
}
