import * as v from 'valibot';
import type { HookEvent } from '../core/events';
import { SCHEMA_BY_TYPE } from './hook-schema';
import { LIMITS } from './limits';
import { PROTOCOL_VERSION } from './messages';

export const HookBatchSchema = v.object({
  v: v.literal(PROTOCOL_VERSION),
  events: v.pipe(v.array(v.unknown()), v.maxLength(LIMITS.batchEvents)),
});

/** A rejected event is only counted, so stop at its first issue. */
const EVENT_CONFIG = { abortEarly: true } as const;

/** An event's own `type`, or '' (a `type` inherited or behind a getter does not count). */
function typeOf(raw: object): string {
  const d = Object.getOwnPropertyDescriptor(raw, 'type');
  return d !== undefined && typeof d.value === 'string' ? d.value : '';
}

export interface ValidatedBatch {
  readonly events: HookEvent[];
  /** Events in the batch that failed validation and were dropped. */
  readonly rejected: number;
}

/**
 * Validates a batch from the page. A malformed envelope rejects the whole batch (counted as
 * one); a malformed event is dropped on its own so one bad event cannot hide good ones.
 */
export function validateHookBatch(input: unknown): ValidatedBatch {
  const envelope = v.safeParse(HookBatchSchema, input);
  if (!envelope.success) return { events: [], rejected: 1 };
  const events: HookEvent[] = [];
  let rejected = 0;
  for (const raw of envelope.output.events) {
    const schema = typeof raw === 'object' && raw !== null ? SCHEMA_BY_TYPE.get(typeOf(raw)) : undefined;
    const parsed = schema === undefined ? undefined : v.safeParse(schema, raw, EVENT_CONFIG);
    if (parsed?.success) events.push(parsed.output);
    else rejected++;
  }
  return { events, rejected };
}
