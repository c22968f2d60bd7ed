import { parseStack } from '../core/stack';
import { useOpenSource } from './open-source';

/** A call stack as frames; a frame with a location opens it in the Sources panel. */
export function StackTrace({ stack, label }: { stack: string; label: string }) {
  const openSource = useOpenSource();
  const frames = parseStack(stack);
  return (
    <div class="stack">
      <div class="stack-label">{label}</div>
      {frames.length === 0 ? (
        <div class="stack-empty">(no stack: the page overrides Error.prepareStackTrace, or none was recorded)</div>
      ) : (
        <ol class="stack-frames">
          {frames.map((f, i) => (
            <li key={i}>
              <span class="fn">{f.fn || '(anonymous)'}</span>{' '}
              {f.url ? (
                <button
                  type="button"
                  class="source-link"
                  title={`Open ${f.url}:${f.line}:${f.column} in Sources`}
                  onClick={() => openSource(f.url, f.line, f.column)}
                >
                  {f.url}:{f.line}:{f.column}
                </button>
              ) : (
                <span class="raw">{f.raw}</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
