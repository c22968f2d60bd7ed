/**
 * Figures, their goals and verdicts; the printed table, the JSON file and a README-ready
 * Markdown table.
 */
import { cpus, freemem, hostname, loadavg, platform, release, totalmem } from 'node:os';
import { fmt } from './stats';

export interface Goal {
  readonly op: '<=' | '>=' | '==';
  readonly value: number;
}

export interface Figure {
  /** Stable key, e.g. "closed.ping.ratio". */
  readonly id: string;
  readonly section: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly goal?: Goal;
  /** Extra text shown after the value (spread, parts, …). */
  readonly note?: string;
}

export type Verdict = 'PASS' | 'MISS' | '';

export function verdict(f: Figure): Verdict {
  if (!f.goal) return '';
  if (!Number.isFinite(f.value)) return 'MISS';
  switch (f.goal.op) {
    case '<=':
      return f.value <= f.goal.value ? 'PASS' : 'MISS';
    case '>=':
      return f.value >= f.goal.value ? 'PASS' : 'MISS';
    case '==':
      return f.value === f.goal.value ? 'PASS' : 'MISS';
  }
}

export interface Machine {
  host: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  node: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
  chromium?: string;
  chromiumPath?: string;
}

export function machine(): Machine {
  const cpu = cpus();
  return {
    host: hostname(),
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGiB: round(freemem() / 2 ** 30, 1),
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => round(l, 2)),
  };
}

function round(v: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}

function goalText(f: Figure): string {
  if (!f.goal) return '';
  const op = f.goal.op === '<=' ? '≤' : f.goal.op === '>=' ? '≥' : '=';
  const unit = f.unit === '×' || f.unit === '' || f.goal.op === '==' ? '' : ` ${f.unit}`;
  return `${op} ${fmt(f.goal.value)}${unit}`;
}

function valueText(f: Figure): string {
  return `${fmt(f.value)}${f.unit === '' ? '' : f.unit === '×' ? '×' : ` ${f.unit}`}`;
}

export function printReport(m: Machine, figures: readonly Figure[], header: string[]): void {
  const lines: string[] = [];
  lines.push('');
  lines.push('WebSocket Lifecycle Inspector — benchmark');
  for (const h of header) lines.push(h);
  lines.push(`machine   ${m.cpu} · ${m.cores} cores · ${m.memoryGiB} GiB · ${m.os} · load ${m.loadAverageAtStart.join(' ')}`);
  lines.push(`software  Node ${m.node} · Chromium ${m.chromium ?? '?'} (${m.chromiumPath ?? '?'})`);
  const rows = figures.map((f) => [f.label, valueText(f), goalText(f), verdict(f), f.note ?? '']);
  const head = ['figure', 'value', 'goal', '', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  let section = '';
  lines.push('');
  lines.push(line(head));
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i] as Figure;
    if (f.section !== section) {
      section = f.section;
      lines.push('');
      lines.push(`── ${section}`);
    }
    lines.push(line(rows[i] as string[]));
  }
  const goals = figures.filter((f) => f.goal);
  const missed = goals.filter((f) => verdict(f) === 'MISS');
  lines.push('');
  lines.push(`${goals.length - missed.length}/${goals.length} goals met${missed.length ? `; missed: ${missed.map((f) => f.id).join(', ')}` : ''}`);
  console.log(lines.join('\n'));
}

/** A Markdown table of every figure, for the README. */
export function markdown(m: Machine, figures: readonly Figure[], header: string[]): string {
  const out: string[] = [];
  out.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, Chromium ${m.chromium ?? '?'} (headless). ${header.join(' ')}`);
  out.push('');
  out.push('| figure | value | goal | |');
  out.push('| --- | ---: | --- | --- |');
  let section = '';
  for (const f of figures) {
    if (f.section !== section) {
      section = f.section;
      out.push(`| **${section}** | | | |`);
    }
    const note = f.note ? ` <br><sub>${f.note}</sub>` : '';
    out.push(`| ${f.label}${note} | ${valueText(f)} | ${goalText(f)} | ${verdict(f)} |`);
  }
  return out.join('\n') + '\n';
}
