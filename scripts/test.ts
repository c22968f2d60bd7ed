/**
 * `npm test`: typecheck, build both targets, unit tests (vitest), real-browser tests
 * (Playwright: Chromium and Firefox), then one closing line that totals every suite:
 * "N passed, N failed". Exits non-zero if anything failed or if no test ran at all.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

const REPORTS = '.tmp';
const VITEST_JSON = `${REPORTS}/vitest.json`;
const PLAYWRIGHT_JSON = `${REPORTS}/playwright.json`;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** vitest's JSON reporter (Jest-compatible): numPassedTests / numFailedTests / numPendingTests. */
function vitestTotals(report: unknown): Totals | null {
  const r = report as { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number } | null;
  if (!r || typeof r.numPassedTests !== 'number') return null;
  return { passed: r.numPassedTests, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
}

/** Playwright's JSON reporter: stats.expected (passed), unexpected (failed), flaky, skipped. */
function playwrightTotals(report: unknown): Totals | null {
  const stats = (report as { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } } | null)?.stats;
  if (!stats || typeof stats.expected !== 'number') return null;
  return { passed: stats.expected, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0), skipped: stats.skipped ?? 0 };
}

async function main(): Promise<void> {
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  const steps: Array<[string, number]> = [];

  steps.push(['typecheck', await run('npx', ['tsc', '-p', '.'])]);
  steps.push(['core purity (no DOM / browser types)', await run('npx', ['tsc', '-p', 'src/core'])]);
  const build = await run('npm', ['run', 'build', '--silent']);
  steps.push(['build', build]);

  await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`]);
  const unit = vitestTotals(readJson(VITEST_JSON));

  let e2e: Totals | null = null;
  if (build === 0) {
    await run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON });
    e2e = playwrightTotals(readJson(PLAYWRIGHT_JSON));
  }

  const total: Totals = { passed: 0, failed: 0, skipped: 0 };
  const lines: string[] = [];
  for (const [name, code] of steps) {
    if (code !== 0) total.failed++;
    lines.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${name}`);
  }
  for (const [name, t] of [['unit (vitest)', unit], ['e2e (playwright)', e2e]] as const) {
    if (t === null) {
      total.failed++;
      lines.push(`FAIL ${name}: no report (the runner crashed or did not run)`);
      continue;
    }
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
    lines.push(`${t.failed === 0 ? 'ok  ' : 'FAIL'} ${name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  }
  if (total.passed === 0) {
    total.failed++;
    lines.push('FAIL no test ran');
  }
  console.log(`\n${lines.join('\n')}`);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed === 0 ? 0 : 1);
}

void main();
