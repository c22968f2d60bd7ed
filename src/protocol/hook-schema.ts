import * as v from 'valibot';
import type { HookEvent, HookEventType } from '../core/events';
import { LIMITS } from './limits';

/**
 * Runtime validators for what crosses from the page to the relay, written from the core's
 * event types and checked against them at compile time below. `v.object` returns a fresh
 * object holding only the declared keys, so extra keys and `__proto__` tricks go nowhere.
 */

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const seq = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const socket = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const readyState = v.picklist([0, 1, 2, 3]);
const errorInfo = v.object({ name: text(LIMITS.errorText), message: text(LIMITS.errorText) });

const base = { seq, at: time };
const onSocket = { ...base, socket };

const EVENT_SCHEMAS = [
  v.object({
    ...onSocket,
    type: v.literal('created'),
    url: text(LIMITS.url),
    protocols: v.pipe(v.array(text(LIMITS.protocol)), v.maxLength(LIMITS.protocols)),
    stack: text(LIMITS.stack),
  }),
  v.object({
    ...onSocket,
    type: v.literal('open'),
    protocol: text(LIMITS.protocol),
    extensions: text(LIMITS.protocol),
  }),
  v.object({
    ...onSocket,
    type: v.literal('listener'),
    op: v.picklist(['add', 'remove']),
    event: text(LIMITS.eventType),
    listener: count,
    capture: v.boolean(),
    once: v.boolean(),
    via: v.picklist(['addEventListener', 'removeEventListener', 'property', 'once', 'signal']),
    stack: text(LIMITS.stack),
  }),
  v.object({ ...onSocket, type: v.literal('binary-type'), value: text(32) }),
  v.object({
    ...onSocket,
    type: v.literal('close-call'),
    code: v.nullable(v.number()),
    reason: v.nullable(text(LIMITS.reason)),
    readyState,
    stack: text(LIMITS.stack),
    error: v.nullable(errorInfo),
    origin: v.optional(v.literal('inspector')),
  }),
  v.object({ ...onSocket, type: v.literal('send-rejected'), error: errorInfo }),
  v.object({ ...onSocket, type: v.literal('error') }),
  v.object({
    ...onSocket,
    type: v.literal('closed'),
    code: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(65535)),
    reason: text(LIMITS.reason),
    wasClean: v.boolean(),
  }),
  v.object({
    ...onSocket,
    type: v.literal('frame'),
    dir: v.picklist(['in', 'out']),
    size: count,
    data: v.picklist(['text', 'binary', 'blob']),
    preview: text(Math.max(LIMITS.previewChars, LIMITS.previewBytes * 2)),
    truncated: v.boolean(),
  }),
  v.object({
    ...onSocket,
    type: v.literal('traffic'),
    inCount: count,
    inBytes: count,
    outCount: count,
    outBytes: count,
  }),
  v.object({ ...base, type: v.literal('pagehide'), persisted: v.boolean() }),
] as const;

type EventSchema = (typeof EVENT_SCHEMAS)[number];

/**
 * Each event type's schema, looked up by the event's own `type` (not a `v.variant`, which tries
 * the options in turn and builds a full issue (message included) for each type it is not, which
 * made a frame, the ninth option and nearly every event of a busy page, cost eight of them.
 */
export const SCHEMA_BY_TYPE: ReadonlyMap<string, EventSchema> = new Map(
  EVENT_SCHEMAS.map((schema): [string, EventSchema] => [schema.entries.type.literal, schema]),
);

// Compile-time proof that the schema and the core's types agree, both ways.
type SchemaEvent = v.InferOutput<EventSchema>;
type Assert<T extends true> = T;
export type SchemaYieldsHookEvents = Assert<[SchemaEvent] extends [HookEvent] ? true : false>;
export type SchemaCoversEveryType = Assert<[HookEventType] extends [SchemaEvent['type']] ? true : false>;
