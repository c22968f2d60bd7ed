import type { HookEvent } from '../core/events';

/** A JSON value as an event field holds it. */
export type FieldValue = string | number | boolean | null | readonly FieldValue[] | { readonly [key: string]: FieldValue };

export interface EncodedShape {
  readonly keys: readonly string[];
  /**
   * How each key's value is written in a row, one letter per key:
   *   s  an index into `strings`
   *   d  `seq`: the difference from the previous row's seq
   *   t  `at`: the difference from the previous row's at, in whole microseconds
   *   v  the value itself
   */
  readonly kinds: string;
}

/**
 * Hook events as they travel between extension contexts. Every event becomes a row: the index
 * of its shape, then its values in the shape's key order.
 */
export interface EncodedEvents {
  readonly shapes: readonly EncodedShape[];
  readonly strings: readonly string[];
  readonly rows: readonly (readonly FieldValue[])[];
}

/**
 * Extension messaging copies and serialises every message on each hop (relay → background →
 * panel), so a message costs what it weighs: a 2,000-socket history weighed 1.8 MB as plain
 * events and took ~50 ms a hop. Events of one kind share their keys, and a page's sockets are
 * made, listened to and closed from a handful of call sites with a handful of event names, so
 * each key list and each distinct string (type, event name, URL, stack) is sent once. Events go
 * in seq order, so seq and at are sent as differences: a digit or four instead of up to
 * eighteen characters. Times keep whole microseconds; browsers give pages no finer clock
 * (performance.now() is coarsened to 5–100 µs), so what is dropped is floating-point noise.
 */
export function encodeEvents(events: readonly HookEvent[]): EncodedEvents {
  const shapeIndex = new Map<string, number>();
  const shapes: EncodedShape[] = [];
  // Events of one type nearly always have one shape: try the type's last one before the map.
  const lastShapeOfType = new Map<unknown, number>();
  const stringIndex = new Map<string, number>();
  const strings: string[] = [];
  let previousSeq = 0;
  let previousAt = 0;

  const intern = (value: string): number => {
    let i = stringIndex.get(value);
    if (i === undefined) {
      i = strings.length;
      strings.push(value);
      stringIndex.set(value, i);
    }
    return i;
  };

  const shapeOf = (type: unknown, keys: string[], kinds: string): number => {
    const last = lastShapeOfType.get(type);
    if (last !== undefined && sameShape(shapes[last], keys, kinds)) return last;
    // Keys are the schema's own names (validation dropped any other): none holds a NUL.
    const id = `${kinds}\u0000${keys.join('\u0000')}`;
    let shape = shapeIndex.get(id);
    if (shape === undefined) {
      shape = shapes.length;
      shapes.push({ keys, kinds });
      shapeIndex.set(id, shape);
    }
    lastShapeOfType.set(type, shape);
    return shape;
  };

  const rows = events.map((e): FieldValue[] => {
    const fields = e as unknown as Readonly<Record<string, FieldValue | undefined>>;
    const row: FieldValue[] = [0];
    const keys: string[] = [];
    let kinds = '';
    for (const key of Object.keys(fields)) {
      const value = fields[key];
      // As JSON would: a key whose value is undefined is left out.
      if (value === undefined) continue;
      keys.push(key);
      if (typeof value === 'string') {
        kinds += 's';
        row.push(intern(value));
      } else if (key === 'seq' && typeof value === 'number' && Number.isSafeInteger(value)) {
        kinds += 'd';
        row.push(value - previousSeq);
        previousSeq = value;
      } else if (key === 'at' && typeof value === 'number' && Number.isSafeInteger(Math.round(value * 1000))) {
        const us = Math.round(value * 1000);
        kinds += 't';
        row.push(us - previousAt);
        previousAt = us;
      } else {
        kinds += 'v';
        row.push(value);
      }
    }
    row[0] = shapeOf(fields.type, keys, kinds);
    return row;
  });
  return { shapes, strings, rows };
}

function sameShape(shape: EncodedShape | undefined, keys: readonly string[], kinds: string): boolean {
  if (shape === undefined || shape.kinds !== kinds || shape.keys.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (shape.keys[i] !== keys[i]) return false;
  return true;
}

/**
 * The events as the relay validated them. A row whose shape is unknown, or whose seq or at
 * difference is not a number, is skipped; a string index outside the table reads as ''.
 */
export function decodeEvents(encoded: EncodedEvents): HookEvent[] {
  const out: HookEvent[] = [];
  const { shapes, strings } = encoded;
  let previousSeq = 0;
  let previousAtUs = 0;
  for (const row of encoded.rows) {
    const shape = typeof row[0] === 'number' ? shapes[row[0]] : undefined;
    if (shape === undefined) continue;
    const event: Record<string, FieldValue> = {};
    let ok = true;
    // A skipped row leaves the running seq and time as they were.
    let seq = previousSeq;
    let atUs = previousAtUs;
    for (let i = 0; i < shape.keys.length && ok; i++) {
      const key = shape.keys[i] as string;
      const value = row[i + 1] ?? null;
      let decoded: FieldValue = value;
      switch (shape.kinds[i]) {
        case 's': {
          const s = typeof value === 'number' ? strings[value] : undefined;
          decoded = typeof s === 'string' ? s : '';
          break;
        }
        case 'd':
          ok = typeof value === 'number';
          seq += ok ? (value as number) : 0;
          decoded = seq;
          break;
        case 't':
          ok = typeof value === 'number';
          atUs += ok ? (value as number) : 0;
          decoded = atUs / 1000;
          break;
      }
      if (key !== '__proto__') event[key] = decoded;
    }
    if (!ok) continue;
    previousSeq = seq;
    previousAtUs = atUs;
    out.push(event as unknown as HookEvent);
  }
  return out;
}
