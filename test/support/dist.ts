import { resolve } from 'node:path';

/**
 * Where the built extension is: `dist/<target>`, or `$WSLI_DIST/<target>` when set (the build
 * honours the same variable), so parallel work can build and test without clobbering `dist/`.
 */
export function distDir(target: 'chrome' | 'firefox'): string {
  return resolve(process.env.WSLI_DIST ?? 'dist', target);
}
