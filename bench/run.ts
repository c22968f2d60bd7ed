/**
 * `npm run bench` — the performance benchmark (the README says how it compares and where results go).
 *
 *   npx tsx bench/run.ts [--quick] [--rounds=N] [--only=closed,open,scale,latency] [--profile]
 *                        [--markdown=FILE]
 *
 * Uses the built extension in distDir('chrome') (dist/chrome, or $WSLI_DIST/chrome). Prints the
 * machine, the browser and every figure with its goal, and writes bench/results/<time>.json and
 * bench/results/latest.json. Never part of `npm test`: timings are not assertions.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium } from '../test/support/browsers';
import { distDir } from '../test/support/dist';
import { detailsTab } from '../test/support/panel-dom';
import { CONFIG_LABEL, launch, serviceWorkerTarget, showPanel, waitQuiet, type BenchBrowser, type ConfigName } from './lib/browsers';
import { heapAfterGc, pageTarget, sleep, type HeapUsage, type Target } from './lib/cdp';
import { PROBE } from './lib/panel-probe';
import { machine, markdown, printReport, verdict, type Figure, type Machine } from './lib/report';
import { max, median, min, quantile } from './lib/stats';

// ── parameters ─────────────────────────────────────────────────────────────────────────────

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
const option = (name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

if (flag('help')) {
  console.log(
    'usage: tsx bench/run.ts [--quick] [--rounds=N] [--only=closed,open,scale,latency] [--profile] [--markdown=FILE]',
  );
  process.exit(0);
}

const QUICK = flag('quick');
const SECTIONS = new Set((option('only') ?? 'closed,open,scale,latency').split(',').map((s) => s.trim()));
const PROFILE = flag('profile');
const MARKDOWN = option('markdown');

const P = {
  /** Measured rounds per configuration; one warm-up round more is run first and discarded. */
  rounds: Number(option('rounds') ?? (QUICK ? 2 : 7)),
  size: 64,
  ping: QUICK ? 500 : 5_000,
  burst: QUICK ? 5_000 : 50_000,
  openClose: QUICK ? 30 : 300,
  scale: {
    sockets: QUICK ? 200 : 2_000,
    pushSockets: QUICK ? 2 : 10,
    perPush: QUICK ? 5_000 : 50_000,
    size: 32,
    keepOpen: QUICK ? 10 : 90,
    concurrency: QUICK ? 20 : 50,
    filterText: 'gamma',
    reps: QUICK ? 2 : 5,
  },
  latency: { rate: 10_000, seconds: QUICK ? 3 : 10, skipSeconds: 1, runs: QUICK ? 1 : 3, size: 64 },
  /** Generous: with DevTools open a 50,000-message burst can keep the panel busy for a while. */
  panelTimeoutMs: 240_000,
};

type Workload = 'ping' | 'burst' | 'openClose';
const WORKLOADS: readonly Workload[] = ['ping', 'burst', 'openClose'];

interface Sample {
  pair: 'closed' | 'open';
  config: ConfigName;
  round: number;
  workload: Workload;
  /** What the page measured (ms). */
  ms: number;
  /** burst: the synchronous send loop alone. */
  sendLoopMs?: number;
  /** ext+panel: page's last event → the panel showing the final counts (ms, epoch clocks). */
  catchUpMs?: number;
  /** ext+panel: the panel showed exactly the expected counts (ping, burst) / sockets and stacks (openClose). */
  counted?: boolean;
  countsSeen?: string;
  /** Workload end → all processes of both browsers idle again (ms). */
  busyAfterMs: number;
  quietAfter: boolean;
}

const log = (...parts: unknown[]): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

// ── the A/B pairs ──────────────────────────────────────────────────────────────────────────

interface Env {
  extensionDir: string;
  origin: string;
  wsOrigin: string;
  extraWsOrigin: string;
}

let markerSeq = 0;

async function freshPage(b: BenchBrowser, env: Env, marker: string): Promise<void> {
  await b.page.goto(`${env.origin}/bench.html?${marker}`);
  if (b.panel) {
    // The panel forgets the previous document when the new one reports in (preserve log off).
    await b.panel.waitFor(`document.querySelectorAll('tr[data-socket]').length === 0`, { timeoutMs: 30_000 });
  }
}

async function runWorkload(b: BenchBrowser, all: readonly BenchBrowser[], env: Env, pair: 'closed' | 'open', workload: Workload, round: number): Promise<Sample> {
  const marker = `${workload}-${b.name.replace('+', '-')}-r${round}-${++markerSeq}`;
  await freshPage(b, env, marker);
  await waitQuiet(all);
  const url = `${env.wsOrigin}/ws/echo?bench=${marker}`;
  const panel = b.panel;
  if (panel && workload !== 'openClose') {
    const n = workload === 'ping' ? P.ping : P.burst;
    await panel.evaluate(`(${PROBE}, window.__bench.watchRow(${JSON.stringify(marker)}, ${n}, ${n}), true)`);
  }
  const r = await b.page.evaluate(
    ([w, u, ping, burst, openClose, size]) => {
      const bench = (window as unknown as { bench: Record<string, (...a: unknown[]) => Promise<{ ms: number; endEpoch: number; sendLoopMs?: number }>> }).bench;
      if (w === 'ping') return bench.pingPong!(u, ping, size);
      if (w === 'burst') return bench.burst!(u, burst, size);
      return bench.openClose!(u, openClose);
    },
    [workload, url, P.ping, P.burst, P.openClose, P.size] as const,
  );
  const ended = Date.now();
  const sample: Sample = { pair, config: b.name, round, workload, ms: r.ms, busyAfterMs: 0, quietAfter: true };
  if (r.sendLoopMs !== undefined) sample.sendLoopMs = r.sendLoopMs;
  if (panel) {
    try {
      if (workload === 'openClose') {
        const n = P.openClose;
        await panel.waitFor(
          `(() => { const t = (k) => Number(document.querySelector('[data-summary="' + k + '"]')?.textContent.replace(/\\D/g, '') ?? -1);
            return t('total') === ${n} && t('closed') === ${n}; })()`,
          { timeoutMs: P.panelTimeoutMs },
        );
        const stacks = await panel.waitFor<string>(detailsTab(`${marker}&i=0`, 'Stacks'), { timeoutMs: 20_000 });
        sample.counted = stacks.includes('bench.html');
        sample.countsSeen = `${n} sockets closed; creation stack ${sample.counted ? 'shown' : `missing: ${stacks.slice(0, 80)}`}`;
      } else {
        const n = workload === 'ping' ? P.ping : P.burst;
        const at = await panel.waitFor<number>(`window.__bench.rows[${JSON.stringify(marker)}]`, { timeoutMs: P.panelTimeoutMs });
        sample.catchUpMs = at - r.endEpoch;
        const counts = await panel.evaluate<[number, number] | null>(`window.__bench.counts(window.__bench.rowFor(${JSON.stringify(marker)}))`);
        sample.countsSeen = counts ? `${counts[0]} / ${counts[1]}` : 'no row';
        sample.counted = counts !== null && counts[0] === n && counts[1] === n;
      }
    } catch (err) {
      sample.counted = false;
      const counts = await panel
        .evaluate<[number, number] | null>(`window.__bench.counts(window.__bench.rowFor(${JSON.stringify(marker)}))`)
        .catch(() => null);
      sample.countsSeen = `${counts ? `${counts[0]} / ${counts[1]}` : 'no row'} (${String(err).split('\n')[0]})`;
    }
  }
  const quietFrom = Date.now();
  const q = await waitQuiet(all, { timeoutMs: 120_000 });
  sample.busyAfterMs = quietFrom - ended + q.busyMs;
  sample.quietAfter = q.quiet;
  return sample;
}

async function abPair(pair: 'closed' | 'open', names: readonly [ConfigName, ConfigName], env: Env, samples: Sample[]): Promise<string> {
  const browsers: BenchBrowser[] = [];
  try {
    for (const name of names) {
      const b = await launch(name, env.extensionDir);
      browsers.push(b);
      await b.page.goto(`${env.origin}/bench.html?start`);
      if (name === 'ext+panel') {
        const panel = await showPanel(b);
        await panel.evaluate(PROBE);
      }
    }
    const version = browsers[0]?.version ?? '?';
    log(`${pair}: ${names.map((n) => CONFIG_LABEL[n]).join(' vs ')} — ${P.rounds} rounds + 1 warm-up`);
    for (let round = 0; round <= P.rounds; round++) {
      for (const workload of WORKLOADS) {
        const order = round % 2 === 0 ? browsers : [...browsers].reverse();
        for (const b of order) {
          const s = await runWorkload(b, browsers, env, pair, workload, round);
          samples.push(s);
          log(
            `${pair} r${round}${round === 0 ? ' (warm-up)' : ''} ${workload.padEnd(9)} ${b.name.padEnd(9)} ${s.ms.toFixed(1).padStart(8)} ms` +
              (s.sendLoopMs !== undefined ? `  send loop ${s.sendLoopMs.toFixed(1)} ms` : '') +
              (s.catchUpMs !== undefined ? `  panel +${s.catchUpMs.toFixed(0)} ms` : '') +
              (s.counted !== undefined ? `  panel ${s.counted ? 'OK' : 'WRONG'} (${s.countsSeen})` : '') +
              `  busy after ${s.busyAfterMs} ms${s.quietAfter ? '' : ' (never quiet)'}`,
          );
        }
      }
    }
    return version;
  } finally {
    for (const b of browsers) await b.close();
  }
}

// ── panel at scale ─────────────────────────────────────────────────────────────────────────

interface ScaleResult {
  fillMs: number;
  messages: number;
  sockets: number;
  catchUpMs: number;
  memory: Record<string, { afterFill: HeapUsage; afterReloads?: HeapUsage }>;
  listFirstRowMs: number[];
  listFullMs: number[];
  listFullDomMs: number[];
  filterApplyMs: number[];
  filterApplyDomMs: number[];
  filterApplyRows: number[];
  filterClearMs: number[];
  filterClearDomMs: number[];
  filterClearRows: number[];
  baseline?: { fillMs: number; page: HeapUsage };
}

const mb = (h: HeapUsage): number => (h.usedSize + (h.embedderHeapUsedSize ?? 0)) / 2 ** 20;

async function fillPage(b: BenchBrowser, env: Env): Promise<{ ms: number; messages: number; sockets: number }> {
  const s = P.scale;
  return b.page.evaluate(
    (o) => (window as unknown as { bench: { fill(o: unknown): Promise<{ ms: number; messages: number; sockets: number }> } }).bench.fill(o),
    {
      echoUrl: `${env.wsOrigin}/ws/echo`,
      floodUrl: `${env.extraWsOrigin}/flood`,
      sockets: s.sockets,
      pushSockets: s.pushSockets,
      perPush: s.perPush,
      size: s.size,
      keepOpen: s.keepOpen,
      concurrency: s.concurrency,
    },
  );
}

async function panelScale(env: Env): Promise<ScaleResult> {
  const s = P.scale;
  const result: Partial<ScaleResult> = { memory: {} };
  if (!QUICK) {
    // The same history in a browser without the extension: the page's own share of the memory.
    const plain = await launch('plain', env.extensionDir);
    try {
      await plain.page.goto(`${env.origin}/bench.html?scale-baseline`);
      await waitQuiet([plain]);
      const fill = await fillPage(plain, env);
      await waitQuiet([plain]);
      const pt = await pageTarget(plain.context, plain.page);
      result.baseline = { fillMs: fill.ms, page: await heapAfterGc(pt) };
      await pt.detach();
      log(`scale baseline (no extension): fill ${fill.ms.toFixed(0)} ms, page heap ${mb(result.baseline.page).toFixed(1)} MB`);
    } finally {
      await plain.close();
    }
  }

  const b = await launch('ext+panel', env.extensionDir);
  try {
    await b.page.goto(`${env.origin}/bench.html?scale`);
    const panel = await showPanel(b);
    const panelTarget = b.panelTarget as Target;
    await panel.evaluate(PROBE);
    await waitQuiet([b]);
    log(`scale: filling ${s.sockets} sockets, ${s.pushSockets} × ${s.perPush} pushed messages, panel open…`);
    const fill = await fillPage(b, env);
    const filled = Date.now();
    result.fillMs = fill.ms;
    result.messages = fill.messages;
    result.sockets = fill.sockets;
    await panel.waitFor(
      `window.__bench.summaryTotal() === ${s.sockets} &&
       [...Array(${s.pushSockets}).keys()].every((p) => window.__bench.counts(window.__bench.rowFor('feed=push-' + p + '&') ?? window.__bench.rowFor('feed=push-' + p))?.[1] === ${s.perPush})`,
      { timeoutMs: 600_000, intervalMs: 200 },
    );
    result.catchUpMs = Date.now() - filled;
    log(`scale: page filled in ${fill.ms.toFixed(0)} ms (${fill.messages} messages); panel caught up ${result.catchUpMs} ms later`);
    await waitQuiet([b], { timeoutMs: 120_000 });

    const pt = await pageTarget(b.context, b.page);
    const sw = await serviceWorkerTarget(b);
    const memory: ScaleResult['memory'] = {
      page: { afterFill: await heapAfterGc(pt) },
      background: { afterFill: await heapAfterGc(sw) },
      panel: { afterFill: await heapAfterGc(panelTarget) },
    };
    result.memory = memory;
    log(`scale: heaps after fill (MB): ${Object.entries(memory).map(([k, v]) => `${k} ${mb(v.afterFill).toFixed(1)}`).join(', ')}`);

    // Filter: type the text, then clear it, each timed to the frame that shows the result.
    const keys = ['filterApplyMs', 'filterApplyDomMs', 'filterApplyRows', 'filterClearMs', 'filterClearDomMs', 'filterClearRows'] as const;
    for (const k of keys) result[k] = [];
    for (let i = 0; i < s.reps; i++) {
      await waitQuiet([b]);
      const a = await panel.evaluate<{ ms: number; domMs: number; rows: number }>(`window.__bench.filter(${JSON.stringify(s.filterText)}, '')`);
      await waitQuiet([b]);
      const c = await panel.evaluate<{ ms: number; domMs: number; rows: number }>(`window.__bench.filter('', ${JSON.stringify(s.filterText)})`);
      result.filterApplyMs!.push(a.ms);
      result.filterApplyDomMs!.push(a.domMs);
      result.filterApplyRows!.push(a.rows);
      result.filterClearMs!.push(c.ms);
      result.filterClearDomMs!.push(c.domMs);
      result.filterClearRows!.push(c.rows);
      log(`scale: filter "${s.filterText}" ${a.ms.toFixed(1)} ms (${a.rows} rows), clear ${c.ms.toFixed(1)} ms (${c.rows} rows)`);
    }

    // Time to show the list: the panel page reloaded (what opening the panel on a recorded tab
    // does: load, connect, the relay replays its log, the panel reduces and draws).
    // New-document scripts are only run for a target whose Page domain is enabled.
    await panelTarget.send('Page.enable');
    await panelTarget.send('Page.addScriptToEvaluateOnNewDocument', { source: `${PROBE}; window.__bench.watchList(${s.sockets});` });
    result.listFirstRowMs = [];
    result.listFullMs = [];
    result.listFullDomMs = [];
    for (let i = 0; i < s.reps; i++) {
      await waitQuiet([b]);
      const before = await panelTarget.evaluate<number>('performance.timeOrigin');
      await panelTarget.evaluate('setTimeout(() => location.reload(), 0), true');
      const list = await panel.waitFor<{ firstRow: number; full: number; fullDom: number }>(
        `performance.timeOrigin !== ${before} && window.__bench?.list?.full !== undefined && window.__bench?.list?.firstRow !== undefined ? { ...window.__bench.list } : null`,
        { timeoutMs: 120_000, intervalMs: 100 },
      );
      result.listFirstRowMs.push(list.firstRow);
      result.listFullMs.push(list.full);
      result.listFullDomMs.push(list.fullDom);
      log(`scale: panel reloaded: first row ${list.firstRow.toFixed(0)} ms, all ${s.sockets} sockets ${list.full.toFixed(0)} ms`);
    }
    await waitQuiet([b], { timeoutMs: 120_000 });
    (memory.page as { afterReloads?: HeapUsage }).afterReloads = await heapAfterGc(pt);
    (memory.background as { afterReloads?: HeapUsage }).afterReloads = await heapAfterGc(sw);
    (memory.panel as { afterReloads?: HeapUsage }).afterReloads = await heapAfterGc(panelTarget);
    await pt.detach();
    return result as ScaleResult;
  } finally {
    await b.close();
  }
}

// ── page event → visible in the panel ──────────────────────────────────────────────────────

interface LatencyRun {
  received: number;
  achievedRate: number;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  neverShown: number;
}

async function eventLatency(env: Env): Promise<LatencyRun[]> {
  const L = P.latency;
  const total = L.rate * L.seconds;
  const b = await launch('ext+panel', env.extensionDir);
  const runs: LatencyRun[] = [];
  try {
    await b.page.goto(`${env.origin}/bench.html?latency-start`);
    const panel = await showPanel(b);
    await panel.evaluate(PROBE);
    for (let run = 0; run < L.runs; run++) {
      const marker = `rate-${run}-${++markerSeq}`;
      await freshPage(b, env, marker);
      await waitQuiet([b]);
      await panel.evaluate(`window.__bench.watchCounts(${JSON.stringify(marker)}), true`);
      const url = `${env.extraWsOrigin}/rate?rate=${L.rate}&total=${total}&size=${L.size}&bench=${marker}`;
      await b.page.evaluate(
        ([u, n]) => (window as unknown as { bench: { stream(u: string, n: number): Promise<unknown> } }).bench.stream(u, n),
        [url, total] as const,
      );
      await panel
        .waitFor(`(() => { const v = window.__bench.vis; return v.length > 0 && v[v.length - 1][1] >= ${total}; })()`, { timeoutMs: 60_000 })
        .catch(() => undefined);
      const recv = await b.page.evaluate(() => (window as unknown as { bench: { received(): number[] } }).bench.received());
      const vis = await panel.evaluate<Array<[number, number]>>('window.__bench.vis');
      runs.push(latencies(recv, vis, L.rate * L.skipSeconds));
      const r = runs[runs.length - 1] as LatencyRun;
      log(`latency run ${run}: ${r.received} events at ${r.achievedRate.toFixed(0)}/s; p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms${r.neverShown ? `, ${r.neverShown} never shown` : ''}`);
    }
    return runs;
  } finally {
    await b.close();
  }
}

/** For message k (1-based), latency = first time the panel showed a count ≥ k − when the page got it. */
function latencies(recv: readonly number[], vis: ReadonlyArray<readonly [number, number]>, skip: number): LatencyRun {
  const out: number[] = [];
  let j = 0;
  let neverShown = 0;
  for (let k = skip + 1; k <= recv.length; k++) {
    while (j < vis.length && (vis[j] as readonly [number, number])[1] < k) j++;
    const shown = vis[j];
    if (shown === undefined) {
      neverShown++;
      continue;
    }
    out.push(shown[0] - (recv[k - 1] as number));
  }
  const first = recv[skip] ?? Number.NaN;
  const last = recv[recv.length - 1] ?? Number.NaN;
  return {
    received: recv.length,
    achievedRate: ((recv.length - 1 - skip) / (last - first)) * 1000,
    samples: out.length,
    p50: quantile(out, 0.5),
    p95: quantile(out, 0.95),
    p99: quantile(out, 0.99),
    max: max(out),
    neverShown,
  };
}

// ── profiling (diagnostic, --profile) ──────────────────────────────────────────────────────

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface HotSpots {
  where: string;
  totalMs: number;
  byScript: Array<{ script: string; ms: number }>;
  top: Array<{ fn: string; ms: number; pct: number }>;
}

function scriptName(url: string): string {
  if (url === '') return '(native/VM)';
  const tail = url.split('/').pop() ?? url;
  return tail.split('?')[0] || url;
}

function hotSpots(where: string, profile: { nodes: ProfileNode[]; startTime: number; endTime: number }): HotSpots {
  const totalHits = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const perHit = totalMs / totalHits;
  const byFn = new Map<string, number>();
  const byScript = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const cf = node.callFrame;
    const key = `${cf.functionName || '(anonymous)'}  ${scriptName(cf.url)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + hits);
    const script = cf.url ? scriptName(cf.url) : cf.functionName.startsWith('(') ? cf.functionName : '(native/VM)';
    byScript.set(script, (byScript.get(script) ?? 0) + hits);
  }
  const sorted = <K>(m: Map<K, number>): Array<[K, number]> => [...m].sort((a, b) => b[1] - a[1]);
  return {
    where,
    totalMs,
    byScript: sorted(byScript).map(([script, hits]) => ({ script, ms: hits * perHit })),
    top: sorted(byFn)
      .filter(([fn]) => !fn.startsWith('(idle)') && !fn.startsWith('(program)'))
      .slice(0, 15)
      .map(([fn, hits]) => ({ fn, ms: hits * perHit, pct: (100 * hits) / totalHits })),
  };
}

async function profiled<T>(targets: Array<[string, Pick<Target, 'send'>]>, work: () => Promise<T>): Promise<HotSpots[]> {
  for (const [, t] of targets) {
    await t.send('Profiler.enable');
    await t.send('Profiler.setSamplingInterval', { interval: 200 });
    await t.send('Profiler.start');
  }
  await work();
  const out: HotSpots[] = [];
  for (const [where, t] of targets) {
    const { profile } = await t.send<{ profile: { nodes: ProfileNode[]; startTime: number; endTime: number } }>('Profiler.stop');
    out.push(hotSpots(where, profile));
  }
  return out;
}

async function profile(env: Env): Promise<HotSpots[]> {
  const all: HotSpots[] = [];
  for (const name of ['ext', 'ext+panel'] as const) {
    const b = await launch(name, env.extensionDir);
    try {
      await b.page.goto(`${env.origin}/bench.html?profile`);
      if (name === 'ext+panel') await (await showPanel(b)).evaluate(PROBE);
      for (const workload of WORKLOADS) {
        const marker = `profile-${workload}-${++markerSeq}`;
        await freshPage(b, env, marker);
        await waitQuiet([b]);
        const pt = await pageTarget(b.context, b.page);
        const targets: Array<[string, Pick<Target, 'send'>]> = [[`${name} ${workload}: page renderer (page + hook + relay)`, pt]];
        if (b.panelTarget) targets.push([`${name} ${workload}: panel`, b.panelTarget]);
        if (name === 'ext+panel') targets.push([`${name} ${workload}: background`, await serviceWorkerTarget(b)]);
        const url = `${env.wsOrigin}/ws/echo?bench=${marker}`;
        all.push(
          ...(await profiled(targets, async () => {
            await b.page.evaluate(
              ([w, u, ping, burst, openClose, size]) => {
                const bench = (window as unknown as { bench: Record<string, (...a: unknown[]) => Promise<unknown>> }).bench;
                if (w === 'ping') return bench.pingPong!(u, ping, size);
                if (w === 'burst') return bench.burst!(u, burst, size);
                return bench.openClose!(u, openClose);
              },
              [workload, url, P.ping, P.burst, P.openClose, P.size] as const,
            );
            // Include the work the extension does after the page is done; the sampling profilers keep
            // the processes a little busy, hence the higher CPU share that counts as quiet.
            await waitQuiet([b], { maxCpuShare: 0.4, timeoutMs: 10_000 });
          })),
        );
        await pt.detach();
      }
    } finally {
      await b.close();
    }
  }
  for (const h of all) {
    console.log(`\nprofile — ${h.where} (${h.totalMs.toFixed(0)} ms sampled)`);
    console.log('  by script: ' + h.byScript.slice(0, 8).map((s) => `${s.script} ${s.ms.toFixed(0)} ms`).join(' · '));
    for (const t of h.top.slice(0, 12)) console.log(`  ${t.ms.toFixed(1).padStart(8)} ms ${t.pct.toFixed(1).padStart(5)}%  ${t.fn}`);
  }
  return all;
}

// ── figures ────────────────────────────────────────────────────────────────────────────────

function pairFigures(pair: 'closed' | 'open', names: readonly [ConfigName, ConfigName], samples: readonly Sample[]): Figure[] {
  const section =
    pair === 'closed'
      ? 'DevTools closed: extension vs no extension (the cost on every page)'
      : 'DevTools open: extension with its panel vs no extension with DevTools (the cost while inspecting)';
  const [a, b] = names;
  const figures: Figure[] = [];
  const measured = samples.filter((s) => s.pair === pair && s.round > 0);
  const of = (config: ConfigName, w: Workload): Sample[] => measured.filter((s) => s.config === config && s.workload === w);
  const pairedRatios = (w: Workload, f: (x: Sample, y: Sample) => number): number[] => {
    const out: number[] = [];
    for (const x of of(a, w)) {
      const y = of(b, w).find((s) => s.round === x.round);
      if (y) out.push(f(x, y));
    }
    return out;
  };
  const spread = (r: number[]): string => `per-round ratios ${min(r).toFixed(3)}–${max(r).toFixed(3)} (n=${r.length})`;
  const ms = (x: Sample[]): number => median(x.map((s) => s.ms));

  // ping-pong
  {
    const [ma, mb] = [ms(of(a, 'ping')), ms(of(b, 'ping'))];
    figures.push({ id: `${pair}.ping.${a}`, section, label: `ping-pong ${P.ping} × ${P.size} B — ${CONFIG_LABEL[a]}`, value: ma, unit: 'ms', note: `${((ma * 1000) / P.ping).toFixed(1)} µs per round trip` });
    figures.push({ id: `${pair}.ping.${b}`, section, label: `ping-pong — ${CONFIG_LABEL[b]}`, value: mb, unit: 'ms', note: `${((mb * 1000) / P.ping).toFixed(1)} µs per round trip` });
    figures.push({ id: `${pair}.ping.ratio`, section, label: `ping-pong time ratio (${b} / ${a})`, value: mb / ma, unit: '×', goal: { op: '<=', value: 1.05 }, note: spread(pairedRatios('ping', (x, y) => y.ms / x.ms)) });
  }
  // burst
  {
    const tput = (x: Sample[]): number => P.burst / (ms(x) / 1000);
    const [ta, tb] = [tput(of(a, 'burst')), tput(of(b, 'burst'))];
    const loop = (c: ConfigName): string => `send loop ${median(of(c, 'burst').map((s) => s.sendLoopMs ?? Number.NaN)).toFixed(1)} ms; ${ms(of(c, 'burst')).toFixed(0)} ms total`;
    figures.push({ id: `${pair}.burst.${a}`, section, label: `burst ${P.burst} × ${P.size} B echoed — ${CONFIG_LABEL[a]}`, value: ta, unit: 'msg/s', note: loop(a) });
    figures.push({ id: `${pair}.burst.${b}`, section, label: `burst — ${CONFIG_LABEL[b]}`, value: tb, unit: 'msg/s', note: loop(b) });
    figures.push({ id: `${pair}.burst.ratio`, section, label: `burst throughput ratio (${b} / ${a})`, value: tb / ta, unit: '×', goal: { op: '>=', value: 0.95 }, note: spread(pairedRatios('burst', (x, y) => x.ms / y.ms)) });
    for (const c of names) {
      figures.push({ id: `${pair}.burst.busyAfter.${c}`, section, label: `burst: browser busy after the last echo — ${c}`, value: median(of(c, 'burst').map((s) => s.busyAfterMs)), unit: 'ms', note: 'until all processes < 10% of a core for 300 ms' });
    }
    const withPanel = of(b, 'burst').filter((s) => s.counted !== undefined);
    if (withPanel.length > 0) {
      const ok = withPanel.filter((s) => s.counted).length;
      figures.push({ id: `${pair}.burst.counted`, section, label: `burst: every frame counted in the panel (${P.burst} / ${P.burst})`, value: ok, unit: `of ${withPanel.length} rounds`, goal: { op: '==', value: withPanel.length }, note: withPanel.filter((s) => !s.counted).map((s) => `r${s.round}: ${s.countsSeen}`).join('; ') });
      figures.push({ id: `${pair}.burst.catchUp`, section, label: 'burst: last echo → panel shows the totals', value: median(withPanel.map((s) => s.catchUpMs ?? Number.NaN)), unit: 'ms' });
      const pings = of(b, 'ping').filter((s) => s.counted !== undefined);
      figures.push({ id: `${pair}.ping.counted`, section, label: `ping-pong: panel shows ${P.ping} / ${P.ping}`, value: pings.filter((s) => s.counted).length, unit: `of ${pings.length} rounds`, goal: { op: '==', value: pings.length } });
    }
  }
  // open/close
  {
    const [ma, mb] = [ms(of(a, 'openClose')), ms(of(b, 'openClose'))];
    figures.push({ id: `${pair}.openClose.${a}`, section, label: `${P.openClose} sockets opened and closed in sequence — ${CONFIG_LABEL[a]}`, value: ma, unit: 'ms', note: `${(ma / P.openClose).toFixed(2)} ms per socket` });
    figures.push({ id: `${pair}.openClose.${b}`, section, label: `open/close — ${CONFIG_LABEL[b]}`, value: mb, unit: 'ms', note: `${(mb / P.openClose).toFixed(2)} ms per socket (creation stacks captured)` });
    figures.push({ id: `${pair}.openClose.ratio`, section, label: `open/close time ratio (${b} / ${a})`, value: mb / ma, unit: '×', goal: { op: '<=', value: 1.1 }, note: spread(pairedRatios('openClose', (x, y) => y.ms / x.ms)) });
    const withPanel = of(b, 'openClose').filter((s) => s.counted !== undefined);
    if (withPanel.length > 0) {
      figures.push({ id: `${pair}.openClose.recorded`, section, label: `open/close: panel lists all ${P.openClose} closed, creation stack shown`, value: withPanel.filter((s) => s.counted).length, unit: `of ${withPanel.length} rounds`, goal: { op: '==', value: withPanel.length } });
    }
  }
  return figures;
}

function scaleFigures(r: ScaleResult): Figure[] {
  const s = P.scale;
  const section = `Panel at scale: ${r.sockets} sockets, ${r.messages.toLocaleString('en-US')} messages recorded`;
  const figures: Figure[] = [
    { id: 'scale.fill', section, label: 'page fill time with the panel open (info)', value: r.fillMs, unit: 'ms', note: r.baseline ? `without extension ${r.baseline.fillMs.toFixed(0)} ms` : '' },
    { id: 'scale.catchUp', section, label: 'panel caught up after the fill (info)', value: r.catchUpMs, unit: 'ms', note: 'polled every 200 ms' },
    { id: 'scale.list', section, label: `time to show the list (panel reopened, all ${r.sockets} sockets drawn)`, value: median(r.listFullMs), unit: 'ms', goal: { op: '<=', value: 200 }, note: `median of ${r.listFullMs.length}; range ${min(r.listFullMs).toFixed(0)}–${max(r.listFullMs).toFixed(0)}; first row ${median(r.listFirstRowMs).toFixed(0)} ms` },
    { id: 'scale.filter.apply', section, label: `filter "${s.filterText}" (→ ${r.filterApplyRows[0] ?? '?'} rows)`, value: median(r.filterApplyMs), unit: 'ms', goal: { op: '<=', value: 50 }, note: `DOM updated after ${median(r.filterApplyDomMs).toFixed(1)} ms; range ${min(r.filterApplyMs).toFixed(0)}–${max(r.filterApplyMs).toFixed(0)}` },
    { id: 'scale.filter.clear', section, label: `filter cleared (→ ${r.filterClearRows[0] ?? '?'} rows)`, value: median(r.filterClearMs), unit: 'ms', goal: { op: '<=', value: 50 }, note: `DOM updated after ${median(r.filterClearDomMs).toFixed(1)} ms; range ${min(r.filterClearMs).toFixed(0)}–${max(r.filterClearMs).toFixed(0)}` },
  ];
  const parts = Object.entries(r.memory);
  const total = (k: 'afterFill' | 'afterReloads'): number => parts.reduce((sum, [, v]) => sum + (v[k] ? mb(v[k] as HeapUsage) : 0), 0);
  const partText = (k: 'afterFill' | 'afterReloads'): string =>
    parts.map(([name, v]) => (v[k] ? `${name} ${mb(v[k] as HeapUsage).toFixed(1)}` : '')).filter(Boolean).join(' + ');
  const worst = Math.max(total('afterFill'), total('afterReloads'));
  figures.push({
    id: 'scale.memory',
    section,
    label: 'page + background + panel memory (JS + DOM heaps after GC)',
    value: worst,
    unit: 'MB',
    goal: { op: '<=', value: 150 },
    note: `after fill ${partText('afterFill')}; after ${r.listFullMs.length} reloads ${partText('afterReloads')}${r.baseline ? `; the page alone without extension ${mb(r.baseline.page).toFixed(1)}` : ''}`,
  });
  return figures;
}

function latencyFigures(runs: readonly LatencyRun[]): Figure[] {
  const L = P.latency;
  const section = `Page event → visible in the panel, ${L.rate.toLocaleString('en-US')} events/s for ${L.seconds} s`;
  const p95s = runs.map((r) => r.p95);
  return [
    { id: 'latency.p95', section, label: 'p95 latency', value: median(p95s), unit: 'ms', goal: { op: '<=', value: 250 }, note: `median over ${runs.length} run(s): ${p95s.map((v) => v.toFixed(0)).join(', ')}` },
    { id: 'latency.p50', section, label: 'p50 latency', value: median(runs.map((r) => r.p50)), unit: 'ms' },
    { id: 'latency.p99', section, label: 'p99 latency', value: median(runs.map((r) => r.p99)), unit: 'ms', note: `max ${max(runs.map((r) => r.max)).toFixed(0)} ms` },
    { id: 'latency.rate', section, label: 'events/s the page actually received', value: median(runs.map((r) => r.achievedRate)), unit: '/s', note: `${runs.reduce((n, r) => n + r.samples, 0)} events timed (first ${L.skipSeconds} s of each run skipped)${runs.some((r) => r.neverShown) ? `; ${runs.reduce((n, r) => n + r.neverShown, 0)} never shown` : ''}` },
  ];
}

// ── main ───────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const extensionDir = distDir('chrome');
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` (or WSLI_DIST=… npm run build) first.`);
  }
  const m: Machine = machine();
  m.chromiumPath = findChromium();
  if (m.loadAverageAtStart[0] !== undefined && m.loadAverageAtStart[0] > m.cores * 0.5) {
    log(`WARNING: load average ${m.loadAverageAtStart[0]} on ${m.cores} cores: other work is running, figures will be noisy.`);
  }
  const { startBenchServers } = await import('./lib/server');
  const servers = await startBenchServers();
  const env: Env = {
    extensionDir,
    origin: servers.demo.origin,
    wsOrigin: servers.demo.wsOrigin,
    extraWsOrigin: servers.extraWsOrigin,
  };
  const samples: Sample[] = [];
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};
  const started = Date.now();
  try {
    if (SECTIONS.has('closed')) {
      m.chromium = await abPair('closed', ['plain', 'ext'], env, samples);
      figures.push(...pairFigures('closed', ['plain', 'ext'], samples));
    }
    if (SECTIONS.has('open')) {
      m.chromium = await abPair('open', ['plain+dt', 'ext+panel'], env, samples);
      figures.push(...pairFigures('open', ['plain+dt', 'ext+panel'], samples));
    }
    if (SECTIONS.has('scale')) {
      const r = await panelScale(env);
      raw.scale = r;
      figures.push(...scaleFigures(r));
    }
    if (SECTIONS.has('latency')) {
      const runs = await eventLatency(env);
      raw.latency = runs;
      figures.push(...latencyFigures(runs));
    }
    if (PROFILE) raw.profile = await profile(env);
  } finally {
    await servers.close();
  }
  if (m.chromium === undefined) {
    const b = await launch('plain', extensionDir);
    m.chromium = b.version;
    await b.close();
  }
  m.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);

  const header = [
    `mode      ${QUICK ? 'QUICK (reduced counts: verdicts are indicative only)' : 'full'} · ${P.rounds} measured rounds per configuration after 1 warm-up, A/B alternated · ${Math.round((Date.now() - started) / 1000)} s`,
    `extension ${extensionDir}`,
  ];
  printReport(m, figures, header);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = resolve('bench/results');
  await mkdir(dir, { recursive: true });
  const json = JSON.stringify(
    {
      when: new Date().toISOString(),
      quick: QUICK,
      params: P,
      machine: m,
      figures: figures.map((f) => ({ ...f, verdict: verdict(f) })),
      samples,
      ...raw,
    },
    null,
    2,
  );
  const file = join(dir, `${stamp}.json`);
  await writeFile(file, json);
  await writeFile(join(dir, 'latest.json'), json);
  console.log(`\nresults: ${file} (and bench/results/latest.json)`);
  if (MARKDOWN) {
    await writeFile(resolve(MARKDOWN), markdown(m, figures, [QUICK ? '(quick mode)' : `${P.rounds} rounds per configuration, medians.`]));
    console.log(`markdown: ${resolve(MARKDOWN)}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
