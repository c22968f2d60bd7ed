/**
 * The JavaScript built-ins of the hook's own realm, taken once when the hook's bundle is
 * evaluated (document_start, before any page script). The hook never looks a built-in up again:
 * a page may later replace `Reflect.apply`, `Array.prototype.push`, `Map.prototype.set`, the
 * array iterator, or put accessors on `Array.prototype[0]` / `Object.prototype.get`, and none of
 * it may run (or count calls) because the hook did something.
 *
 * Rules every file of src/instrument follows (src/instrument/invisibility.test.ts checks the
 * mechanical ones):
 * - every function is strict-mode code (a `'use strict'` directive in each top-level function;
 *   class bodies are strict anyway), so `fn.caller` and V8 `CallSite#getFunction/getThis` never
 *   hand the page a hook function or object;
 * - no iteration protocol (`for…of`, spread of arrays, array destructuring), no method called on
 *   a built-in prototype by name (`arr.push`, `map.get`, `str.slice`): call the saved ones;
 * - objects the engine reads properties from (Proxy handlers, descriptors, option
 *   dictionaries) and arrays the hook writes to have a null prototype (`bare`, `list`), so
 *   nothing is looked up on `Object.prototype` / `Array.prototype`;
 * - an argument the page may have omitted is read with `arg(args, i)`, never `args[i]`.
 */

const ReflectApply = Reflect.apply;
const ReflectSetPrototypeOf = Reflect.setPrototypeOf;
const ArrayPush = Array.prototype.push;
const StringSlice = String.prototype.slice;
const ObjectHasOwn = Object.hasOwn;
const ReflectGetOwnDescriptor = Reflect.getOwnPropertyDescriptor;

export const I = {
  apply: Reflect.apply,
  construct: Reflect.construct,
  get: Reflect.get,
  set: Reflect.set,
  getOwnDescriptor: Reflect.getOwnPropertyDescriptor,
  defineProperty: Reflect.defineProperty,
  getPrototypeOf: Reflect.getPrototypeOf,
  setPrototypeOf: Reflect.setPrototypeOf,
  isArray: Array.isArray,
  hasOwn: Object.hasOwn,
  parseJson: JSON.parse as (text: string) => unknown,
  iteratorSymbol: Symbol.iterator as typeof Symbol.iterator,
  ProxyCtor: Proxy,
  WeakMapCtor: WeakMap,
  String,
  /** `Error.isError` (ES2026): tells a real error from anything else without running page code. */
  isError: (Error as unknown as { isError?: (value: unknown) => boolean }).isError,
  stringSlice: String.prototype.slice as (this: string, start?: number, end?: number) => string,
  charCodeAt: String.prototype.charCodeAt as (this: string, index: number) => number,
  indexOf: String.prototype.indexOf as (this: string, search: string, from?: number) => number,
  lastIndexOf: String.prototype.lastIndexOf as (this: string, search: string, from?: number) => number,
  push: Array.prototype.push as (this: unknown[], ...items: unknown[]) => number,
  arraySlice: Array.prototype.slice as (this: unknown[], start?: number, end?: number) => unknown[],
  weakGet: WeakMap.prototype.get as (this: WeakMap<object, unknown>, key: object) => unknown,
  weakSet: WeakMap.prototype.set as (this: WeakMap<object, unknown>, key: object, value: unknown) => unknown,
  weakHas: WeakMap.prototype.has as (this: WeakMap<object, unknown>, key: object) => boolean,
} as const;

/** Makes `o` inherit from nothing; for objects the engine or the hook reads keys from. */
export function bare<T extends object>(o: T): T {
  'use strict';
  ReflectSetPrototypeOf(o, null);
  return o;
}

/** An empty array with a null prototype: appending never reaches `Array.prototype`. */
export function list<T>(): T[] {
  'use strict';
  const a: T[] = [];
  ReflectSetPrototypeOf(a, null);
  return a;
}

export function append<T>(a: T[], item: T): void {
  'use strict';
  ReflectApply(ArrayPush, a, [item]);
}

/** The i-th argument the page passed, without reading a missing index through the prototype. */
export function arg(args: readonly unknown[], i: number): unknown {
  'use strict';
  return i < args.length ? args[i] : undefined;
}

export function clip(text: string, max: number): string {
  'use strict';
  return text.length <= max ? text : (ReflectApply(StringSlice, text, [0, max]) as string);
}

export function isObject(value: unknown): value is object {
  'use strict';
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/**
 * Own fields of a property descriptor. The descriptor objects the engine returns inherit from
 * `Object.prototype`, so `d.get` on a data descriptor (or `'value' in d`) would reach a page's
 * accessor: only own fields are read, into a null-prototype copy.
 */
export interface OwnDescriptor {
  value?: unknown;
  writable?: boolean;
  get?: (this: unknown) => unknown;
  set?: (this: unknown, v: unknown) => void;
  enumerable?: boolean;
  configurable?: boolean;
}

export function ownDescriptor(obj: object, key: PropertyKey): OwnDescriptor | undefined {
  'use strict';
  const d = ReflectGetOwnDescriptor(obj, key);
  if (d === undefined) return undefined;
  const out: OwnDescriptor = bare({});
  if (ObjectHasOwn(d, 'value')) out.value = d.value;
  if (ObjectHasOwn(d, 'writable')) out.writable = d.writable;
  if (ObjectHasOwn(d, 'get')) out.get = d.get;
  if (ObjectHasOwn(d, 'set')) out.set = d.set;
  out.enumerable = d.enumerable;
  out.configurable = d.configurable;
  return out;
}

/** An own data property's value; undefined for accessors and absent keys. */
export function ownValue(obj: unknown, key: PropertyKey): unknown {
  'use strict';
  if (!isObject(obj)) return undefined;
  const d = ReflectGetOwnDescriptor(obj, key);
  return d !== undefined && ObjectHasOwn(d, 'value') ? d.value : undefined;
}
