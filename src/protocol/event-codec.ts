import type { HookEvent } from '../core/events';

/** A JSON value as an event field holds it. */
export type FieldValue = string | number | boolean | null | readonly FieldValue[] | { readonly [key: string]: FieldValue };

/**
 * Hook events as they travel between extension contexts. Every event becomes a row: the index
 * of its key list in `shapes`, then its values in that order; a `stack` value is an index into
 * `stacks`.
 */
export interface EncodedEvents {
  readonly shapes: readonly (readonly string[])[];
  readonly stacks: readonly string[];
  readonly rows: readonly (readonly FieldValue[])[];
}

/**
 * Extension messaging serialises every message to JSON on each hop (relay → background →
 * panel), so a message costs what it weighs. Events of one kind share their keys, and a page's
 * sockets are made, listened to and closed from a handful of call sites, so the same keys and
 * stack texts would otherwise repeat thousands of times in a replayed history: sending each
 * key list and each stack once makes it several times lighter.
 */
export function encodeEvents(events: readonly HookEvent[]): EncodedEvents {
  const shapeIndex = new Map<string, number>();
  const shapes: string[][] = [];
  const stackIndex = new Map<string, number>();
  const stacks: string[] = [];
  const rows = events.map((e): FieldValue[] => {
    const fields = e as unknown as Readonly<Record<string, FieldValue | undefined>>;
    // As JSON would: a key whose value is undefined is left out.
    const keys = Object.keys(fields).filter((key) => fields[key] !== undefined);
    const id = keys.join(',');
    let shape = shapeIndex.get(id);
    if (shape === undefined) {
      shape = shapes.length;
      shapes.push(keys);
      shapeIndex.set(id, shape);
    }
    const row: FieldValue[] = [shape];
    for (const key of keys) {
      const value = fields[key] ?? null;
      if (key !== 'stack' || typeof value !== 'string') {
        row.push(value);
        continue;
      }
      let i = stackIndex.get(value);
      if (i === undefined) {
        i = stacks.length;
        stacks.push(value);
        stackIndex.set(value, i);
      }
      row.push(i);
    }
    return row;
  });
  return { shapes, stacks, rows };
}

/**
 * The events as the relay validated them. A row whose shape is unknown is skipped; a stack
 * index outside the table reads as no stack ('').
 */
export function decodeEvents(encoded: EncodedEvents): HookEvent[] {
  const out: HookEvent[] = [];
  for (const row of encoded.rows) {
    const shape = typeof row[0] === 'number' ? encoded.shapes[row[0]] : undefined;
    if (shape === undefined) continue;
    const event: Record<string, FieldValue> = {};
    shape.forEach((key, i) => {
      if (key === '__proto__') return;
      const value = row[i + 1] ?? null;
      event[key] = key === 'stack' ? stackAt(encoded.stacks, value) : value;
    });
    out.push(event as unknown as HookEvent);
  }
  return out;
}

function stackAt(stacks: readonly string[], index: FieldValue): string {
  const stack = typeof index === 'number' && Number.isInteger(index) ? stacks[index] : undefined;
  return typeof stack === 'string' ? stack : '';
}
