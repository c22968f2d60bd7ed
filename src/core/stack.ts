/**
 * Stack text as V8 (Chrome) and SpiderMonkey (Firefox) write it, parsed into frames the panel
 * can link to sources. Unknown lines are kept as text-only frames rather than dropped.
 */

export interface StackFrame {
  /** Function name as the engine printed it; '' for anonymous/top-level code. */
  readonly fn: string;
  readonly url: string;
  /** 1-based, as engines print them; 0 when the line had no location. */
  readonly line: number;
  readonly column: number;
  /** The original line, for frames that could not be parsed. */
  readonly raw: string;
}

// "    at fn (url:1:2)", "    at url:1:2", "    at async fn (url:1:2)", "    at new X (url:1:2)"
const V8_FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?\s*$/;
// "fn@url:1:2", "@url:1:2", "fn/<@url:1:2"
const GECKO_FRAME = /^(.*?)@(.*?):(\d+):(\d+)\s*$/;

export function parseStackLine(raw: string): StackFrame | null {
  const line = raw.trimEnd();
  if (line.trim() === '') return null;
  const m = V8_FRAME.exec(line) ?? GECKO_FRAME.exec(line);
  if (!m) return { fn: '', url: '', line: 0, column: 0, raw: line.trim() };
  return {
    fn: m[1] ?? '',
    url: m[2] ?? '',
    line: Number(m[3]),
    column: Number(m[4]),
    raw: line.trim(),
  };
}

/** Frames of a stack text, without V8's leading "Error" message line. */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    if (/^\s*at /.test(line) || GECKO_FRAME.test(line)) {
      const f = parseStackLine(line);
      if (f) frames.push(f);
    }
  }
  return frames;
}

/**
 * Keeps the frames after the last one for which `isOwn` holds: the caller's code starts below
 * the hook's own frames. Output uses the engine's own line format.
 */
export function stripOwnFrames(stack: string, isOwn: (url: string) => boolean): string {
  const lines = stack.split('\n').filter((l) => /^\s*at /.test(l) || GECKO_FRAME.test(l));
  let lastOwn = -1;
  lines.forEach((l, i) => {
    const f = parseStackLine(l);
    if (f && f.url !== '' && isOwn(f.url)) lastOwn = i;
  });
  return lines
    .slice(lastOwn + 1)
    .map((l) => l.trim())
    .join('\n');
}

/** "url:line:col" of the first frame with a location: where the page made the call. */
export function callSite(stack: string): string | null {
  const first = parseStack(stack).find((f) => f.url !== '');
  return first ? `${first.url}:${first.line}:${first.column}` : null;
}
