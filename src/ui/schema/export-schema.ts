import * as v from 'valibot';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  IMPORT_LIMITS as L,
  ImportError,
  restoreSession,
  type RestoredSession,
  type SessionExport,
} from '../../core/export';
import { FLAG_KINDS } from '../../core/leak-rules';

/**
 * Validation of an imported session file (untrusted: whoever sent it chose every byte),
 * written from the core's export types and checked against them at compile time below.
 * `v.object` keeps only the declared keys, so extra keys and `__proto__` go nowhere.
 */

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const time = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max));
const errorInfo = v.object({ name: text(L.text), message: text(L.text) });

const DocumentSchema = v.object({
  docId: text(256),
  frameId: v.pipe(v.number(), v.safeInteger()),
  url: text(L.url),
  isTop: v.boolean(),
  timeOrigin: time,
  activatedAt: time,
  goneAt: v.nullable(time),
  previous: v.boolean(),
});

const SocketSchema = v.object({
  key: text(512),
  docId: text(256),
  id: v.pipe(count, v.minValue(1)),
  url: text(L.url),
  protocols: list(text(L.text), L.protocols),
  createdAt: time,
  createStack: text(L.stack),
  state: v.picklist(['connecting', 'open', 'closing', 'closed']),
  openedAt: v.nullable(time),
  protocol: text(L.text),
  extensions: text(L.text),
  binaryType: text(32),
  closeCalls: list(
    v.object({
      at: time,
      code: v.nullable(v.number()),
      reason: v.nullable(text(L.text)),
      readyState: v.picklist([0, 1, 2, 3]),
      stack: text(L.stack),
      error: v.nullable(errorInfo),
      origin: v.optional(v.literal('inspector')),
    }),
    L.closeCallsPerSocket,
  ),
  closed: v.nullable(
    v.object({
      at: time,
      code: v.pipe(count, v.maxValue(65535)),
      reason: text(L.text),
      wasClean: v.boolean(),
    }),
  ),
  errors: list(time, L.errorsPerSocket),
  sendRejections: list(v.object({ at: time, error: errorInfo }), L.errorsPerSocket),
  initiator: v.nullable(v.picklist(['page', 'server', 'network', 'unload', 'inspector'])),
  listeners: list(
    v.object({
      event: text(L.eventType),
      listener: count,
      capture: v.boolean(),
      once: v.boolean(),
      via: v.picklist(['addEventListener', 'property']),
      addedAt: time,
      addStack: text(L.stack),
      removedAt: v.nullable(time),
      removedVia: v.nullable(v.picklist(['addEventListener', 'removeEventListener', 'property', 'once', 'signal'])),
      removeStack: text(L.stack),
    }),
    L.listenersPerSocket,
  ),
  traffic: v.object({ inCount: count, inBytes: count, outCount: count, outBytes: count }),
  lastActivityAt: v.nullable(time),
  frames: list(
    v.object({
      seq: count,
      at: time,
      dir: v.picklist(['in', 'out']),
      size: count,
      data: v.picklist(['text', 'binary', 'blob']),
      preview: text(L.preview),
      truncated: v.boolean(),
    }),
    L.framesPerSocket,
  ),
  framesEvicted: count,
  goneAt: v.nullable(time),
  flags: list(v.object({ kind: v.picklist(FLAG_KINDS), why: text(L.text), fix: text(L.text) }), FLAG_KINDS.length),
});

export const SessionExportSchema = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(EXPORT_VERSION),
  exportedAt: time,
  tool: v.object({ name: text(256), version: text(64) }),
  settings: v.object({
    abandonedAfterMs: v.pipe(v.number(), v.finite(), v.minValue(0)),
    closeTimeoutMs: v.pipe(v.number(), v.finite(), v.minValue(0)),
  }),
  documents: list(DocumentSchema, L.documents),
  sockets: list(SocketSchema, L.sockets),
});

// Compile-time proof that the schema and the core's export type agree, both ways.
type SchemaOutput = v.InferOutput<typeof SessionExportSchema>;
type Assert<T extends true> = T;
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
export type SchemaYieldsExports = Assert<SchemaOutput extends SessionExport ? true : false>;
export type SchemaCoversExports = Assert<SessionExport extends DeepReadonly<SchemaOutput> ? true : false>;

export type ImportResult =
  | { readonly ok: true; readonly file: SessionExport; readonly session: RestoredSession }
  | { readonly ok: false; readonly error: string };

/** Parses and validates an export file's text; never throws. */
export function parseSessionExport(textContent: string): ImportResult {
  if (textContent.length > L.fileBytes) return { ok: false, error: `the file is larger than ${L.fileBytes / 1024 / 1024} MB` };
  let json: unknown;
  try {
    json = JSON.parse(textContent);
  } catch (e) {
    return { ok: false, error: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof json !== 'object' || json === null || format !== EXPORT_FORMAT) {
    return { ok: false, error: `not a WebSocket Lifecycle Inspector session (expected "format": "${EXPORT_FORMAT}")` };
  }
  const version = (json as { version?: unknown }).version;
  if (version !== EXPORT_VERSION) {
    return { ok: false, error: `unsupported version ${JSON.stringify(version)} (this panel reads version ${EXPORT_VERSION})` };
  }
  const parsed = v.safeParse(SessionExportSchema, json, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    return { ok: false, error: `${path ?? 'file'}: ${issue?.message ?? 'invalid'}` };
  }
  try {
    return { ok: true, file: parsed.output, session: restoreSession(parsed.output) };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, error: e.message };
    throw e;
  }
}
