/**
 * The session export file (`docs/EXPORT.md`): a versioned, self-describing JSON document with
 * every document and socket of a session, as the panel saves it and reads it back to inspect
 * offline. Pure: serialising, and turning a validated file back into session records. The
 * runtime validation of an untrusted file (valibot) is at the boundary where the file enters,
 * `src/ui/schema/export-schema.ts`, checked against these types at compile time.
 */
import type { FlagKind, LeakSettings } from './leak-rules';
import type { DocumentInfo, SocketRecord } from './model';

export const EXPORT_FORMAT = 'wsli-session';
export const EXPORT_VERSION = 1;

/** A flag as it was when the file was written: informative; an import evaluates flags anew. */
export interface ExportedFlag {
  readonly kind: FlagKind;
  readonly why: string;
  readonly fix: string;
}

export type ExportedDocument = DocumentInfo;

/** A socket record as the session holds it (without the view's `version`), plus its flags. */
export type ExportedSocket = Omit<SocketRecord, 'version'> & { readonly flags: readonly ExportedFlag[] };

export interface SessionExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  /** Epoch milliseconds; "now" for the age and time-based flags of an imported session. */
  readonly exportedAt: number;
  readonly tool: { readonly name: string; readonly version: string };
  /** The thresholds the flags were evaluated with. */
  readonly settings: LeakSettings;
  readonly documents: readonly ExportedDocument[];
  readonly sockets: readonly ExportedSocket[];
}

/**
 * Caps on an imported file. Imported files are untrusted input: whoever sent it chose every
 * byte. The caps are above what the extension itself records (see src/protocol/limits.ts and
 * the session's frames-per-socket limit), so every export can be imported again.
 */
export const IMPORT_LIMITS = {
  fileBytes: 256 * 1024 * 1024,
  documents: 10_000,
  sockets: 20_000,
  framesPerSocket: 20_000,
  framesTotal: 1_000_000,
  listenersPerSocket: 10_000,
  closeCallsPerSocket: 1_000,
  errorsPerSocket: 10_000,
  protocols: 64,
  url: 8_192,
  stack: 16_384,
  text: 4_096,
  preview: 8_192,
  eventType: 256,
} as const;

export interface ExportInput {
  readonly documents: Iterable<DocumentInfo>;
  readonly sockets: Iterable<SocketRecord>;
  readonly flags: ReadonlyMap<string, readonly ExportedFlag[]>;
  readonly exportedAt: number;
  readonly settings: LeakSettings;
  readonly tool: { readonly name: string; readonly version: string };
}

/** A plain snapshot of the session, ready for JSON.stringify. */
export function exportSession(input: ExportInput): SessionExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: input.exportedAt,
    tool: { name: input.tool.name, version: input.tool.version },
    settings: { abandonedAfterMs: input.settings.abandonedAfterMs, closeTimeoutMs: input.settings.closeTimeoutMs },
    documents: [...input.documents].map(copyDocument),
    sockets: [...input.sockets].map((s) => ({
      ...copyRecord(s),
      flags: (input.flags.get(s.key) ?? []).map((f) => ({ kind: f.kind, why: f.why, fix: f.fix })),
    })),
  };
}

export function serializeSession(input: ExportInput): string {
  return JSON.stringify(exportSession(input));
}

export class ImportError extends Error {
  override readonly name = 'ImportError';
}

export interface RestoredSession {
  readonly documents: DocumentInfo[];
  readonly sockets: SocketRecord[];
}

/**
 * Session records from a validated export. Keys are rebuilt from docId and id (a file cannot
 * make two sockets share one), every socket must belong to a listed document, and the total
 * of frame previews is capped.
 */
export function restoreSession(data: SessionExport): RestoredSession {
  const documents = new Map<string, DocumentInfo>();
  for (const d of data.documents) {
    if (documents.has(d.docId)) throw new ImportError(`document ${JSON.stringify(d.docId)} is listed twice`);
    documents.set(d.docId, copyDocument(d));
  }
  const sockets = new Map<string, SocketRecord>();
  let frames = 0;
  for (const [i, s] of data.sockets.entries()) {
    if (!documents.has(s.docId)) {
      throw new ImportError(`sockets[${i}] belongs to document ${JSON.stringify(s.docId)}, which the file does not list`);
    }
    const key = `${s.docId}/${s.id}`;
    if (sockets.has(key)) throw new ImportError(`sockets[${i}]: socket ${s.id} of document ${JSON.stringify(s.docId)} is listed twice`);
    frames += s.frames.length;
    if (frames > IMPORT_LIMITS.framesTotal) {
      throw new ImportError(`more than ${IMPORT_LIMITS.framesTotal} messages in the file`);
    }
    sockets.set(key, { ...copyRecord({ ...s, key }), version: 0 });
  }
  return { documents: [...documents.values()], sockets: [...sockets.values()] };
}

function copyDocument(d: DocumentInfo): DocumentInfo {
  return {
    docId: d.docId,
    frameId: d.frameId,
    url: d.url,
    isTop: d.isTop,
    timeOrigin: d.timeOrigin,
    activatedAt: d.activatedAt,
    goneAt: d.goneAt,
    previous: d.previous,
  };
}

/** A deep copy of the record's data, without the view's `version` (and without extra keys). */
function copyRecord(s: Omit<SocketRecord, 'version'>): Omit<SocketRecord, 'version'> {
  return {
    key: s.key,
    docId: s.docId,
    id: s.id,
    url: s.url,
    protocols: [...s.protocols],
    createdAt: s.createdAt,
    createStack: s.createStack,
    state: s.state,
    openedAt: s.openedAt,
    protocol: s.protocol,
    extensions: s.extensions,
    binaryType: s.binaryType,
    closeCalls: s.closeCalls.map((c) => ({
      at: c.at,
      code: c.code,
      reason: c.reason,
      readyState: c.readyState,
      stack: c.stack,
      error: c.error ? { name: c.error.name, message: c.error.message } : null,
      ...(c.origin ? { origin: c.origin } : {}),
    })),
    closed: s.closed ? { at: s.closed.at, code: s.closed.code, reason: s.closed.reason, wasClean: s.closed.wasClean } : null,
    errors: [...s.errors],
    sendRejections: s.sendRejections.map((r) => ({ at: r.at, error: { name: r.error.name, message: r.error.message } })),
    initiator: s.initiator,
    listeners: s.listeners.map((l) => ({
      event: l.event,
      listener: l.listener,
      capture: l.capture,
      once: l.once,
      via: l.via,
      addedAt: l.addedAt,
      addStack: l.addStack,
      removedAt: l.removedAt,
      removedVia: l.removedVia,
      removeStack: l.removeStack,
    })),
    traffic: { inCount: s.traffic.inCount, inBytes: s.traffic.inBytes, outCount: s.traffic.outCount, outBytes: s.traffic.outBytes },
    lastActivityAt: s.lastActivityAt,
    frames: s.frames.map((f) => ({
      seq: f.seq,
      at: f.at,
      dir: f.dir,
      size: f.size,
      data: f.data,
      preview: f.preview,
      truncated: f.truncated,
    })),
    framesEvicted: s.framesEvicted,
    goneAt: s.goneAt,
  };
}
