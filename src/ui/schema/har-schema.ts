import * as v from 'valibot';

/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as a validator: the required fields
 * of the log, pages and entries, plus Chrome's WebSocket extension (`_resourceType`,
 * `_webSocketMessages`). Used by the tests to check what the panel exports.
 */

const isoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'an ISO 8601 date-time'),
);
const nameValue = v.object({ name: v.string(), value: v.string(), comment: v.optional(v.string()) });
const int = v.pipe(v.number(), v.safeInteger());
const timing = v.pipe(v.number(), v.finite(), v.check((n) => n >= 0 || n === -1, 'a duration ≥ 0, or -1'));

const HarRequest = v.object({
  method: v.string(),
  url: v.string(),
  httpVersion: v.string(),
  cookies: v.array(v.object({ name: v.string(), value: v.string() })),
  headers: v.array(nameValue),
  queryString: v.array(nameValue),
  postData: v.optional(v.object({ mimeType: v.string() })),
  headersSize: int,
  bodySize: int,
});

const HarResponse = v.object({
  status: int,
  statusText: v.string(),
  httpVersion: v.string(),
  cookies: v.array(v.object({ name: v.string(), value: v.string() })),
  headers: v.array(nameValue),
  content: v.object({
    size: int,
    compression: v.optional(int),
    mimeType: v.string(),
    text: v.optional(v.string()),
    encoding: v.optional(v.string()),
  }),
  redirectURL: v.string(),
  headersSize: int,
  bodySize: int,
});

const HarTimings = v.object({
  blocked: v.optional(timing),
  dns: v.optional(timing),
  connect: v.optional(timing),
  send: v.pipe(v.number(), v.minValue(0)),
  wait: v.pipe(v.number(), v.minValue(0)),
  receive: v.pipe(v.number(), v.minValue(0)),
  ssl: v.optional(timing),
});

export const HarWebSocketMessageSchema = v.object({
  type: v.picklist(['send', 'receive']),
  time: v.pipe(v.number(), v.finite(), v.minValue(0)),
  opcode: v.picklist([1, 2]),
  data: v.string(),
});

const HarEntry = v.pipe(
  v.looseObject({
    pageref: v.optional(v.string()),
    startedDateTime: isoDate,
    time: v.pipe(v.number(), v.minValue(0)),
    request: HarRequest,
    response: HarResponse,
    cache: v.object({ beforeRequest: v.optional(v.unknown()), afterRequest: v.optional(v.unknown()) }),
    timings: HarTimings,
    serverIPAddress: v.optional(v.string()),
    connection: v.optional(v.string()),
    _resourceType: v.optional(v.string()),
    _webSocketMessages: v.optional(v.array(HarWebSocketMessageSchema)),
  }),
  // "time: Total elapsed time of the request in milliseconds. This is the sum of all timings
  // available in the timings object (i.e. not including -1 values)."
  v.check((e) => {
    const t = e.timings;
    const sum = [t.blocked, t.dns, t.connect, t.send, t.wait, t.receive]
      .filter((x): x is number => x !== undefined && x !== -1)
      .reduce((a, b) => a + b, 0);
    return Math.abs(sum - e.time) < 0.001;
  }, 'entry.time is the sum of its timings'),
  v.check((e) => e._resourceType !== 'websocket' || e._webSocketMessages !== undefined, 'a websocket entry has _webSocketMessages'),
);

export const HarSchema = v.object({
  log: v.object({
    version: v.literal('1.2'),
    creator: v.object({ name: v.string(), version: v.string() }),
    browser: v.optional(v.object({ name: v.string(), version: v.string() })),
    pages: v.optional(
      v.array(
        v.object({
          startedDateTime: isoDate,
          id: v.string(),
          title: v.string(),
          pageTimings: v.object({ onContentLoad: v.optional(v.number()), onLoad: v.optional(v.number()) }),
        }),
      ),
    ),
    entries: v.array(HarEntry),
    comment: v.optional(v.string()),
  }),
});

/** Issues as "path: message" lines; empty when the HAR is valid (pagerefs must name a page). */
export function harProblems(har: unknown): string[] {
  const r = v.safeParse(HarSchema, har);
  if (!r.success) return r.issues.map((i) => `${v.getDotPath(i) ?? 'log'}: ${i.message}`);
  const pages = new Set((r.output.log.pages ?? []).map((p) => p.id));
  return r.output.log.entries.flatMap((e, i) =>
    e.pageref !== undefined && !pages.has(e.pageref) ? [`log.entries.${i}.pageref: no page ${e.pageref}`] : [],
  );
}
