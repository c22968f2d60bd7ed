import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { manifestFor, type ManifestSource, type Target } from './scripts/manifest';

/** `vite build --mode chrome|firefox` writes dist/<target>/, loadable unpacked. */
export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  const source = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as ManifestSource;
  return {
    plugins: [
      preact(),
      // crxjs's manifest type knows Chrome keys only; the Firefox keys are checked by web-ext lint.
      crx({ manifest: manifestFor(source, target) as unknown as ManifestV3Export, browser: target }),
    ],
    build: {
      // WSLI_DIST lets parallel work build elsewhere (test/support/dist.ts reads the same).
      outDir: `${process.env.WSLI_DIST ?? 'dist'}/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      // Keep output readable: extension stores review it, and stacks in the panel point into it.
      minify: false,
      sourcemap: false,
      rollupOptions: {
        // Reached only from devtools.panels.create(), so crxjs cannot find it by itself.
        input: { panel: 'extension/panel/panel.html' },
      },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
