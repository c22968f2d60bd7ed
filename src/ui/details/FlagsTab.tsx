import type { Flag } from '../../core/leak-rules';
import { flagClass } from '../flag-info';
import { StackTrace } from '../StackTrace';

/** Each flag: why, in a sentence, the fix, and the stacks that show where. */
export function FlagsTab({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return <p class="no-flags">No leak flags: this socket looks healthy.</p>;
  return (
    <ul class="flag-list">
      {flags.map((f) => (
        <li key={f.kind} data-flag={f.kind}>
          <div class="flag-head">
            <span class={flagClass(f.kind)}>{f.kind}</span> <span class="why">{f.why}</span>
          </div>
          <div class="fix">
            <b>Fix:</b> {f.fix}
          </div>
          {f.stacks.map((st, i) => (
            <StackTrace key={i} label={st.label} stack={st.stack} />
          ))}
        </li>
      ))}
    </ul>
  );
}
