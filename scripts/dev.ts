/**
 * `npm run dev`: rebuild dist/chrome and dist/firefox on every change, for loading unpacked.
 * After a rebuild, reload the extension (chrome://extensions ↻, or about:debugging → Reload)
 * and the inspected page: content scripts are injected when a page loads.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const targets = ['chrome', 'firefox'] as const;
const children: ChildProcess[] = targets.map((target) =>
  spawn('npx', ['vite', 'build', '--watch', '--mode', target], { stdio: 'inherit' }),
);

const stop = (): void => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) {
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
