import { describeCloseCode } from '../core/close-codes';
import type { SocketRecord } from '../core/model';

export function splitUrl(url: string): { origin: string; rest: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(url);
  return m ? { origin: m[1] ?? url, rest: m[2] ?? '' } : { origin: '', rest: url };
}

/** A URL in four parts whose concatenation is the URL: scheme "ws://", host, path, query+hash. */
export function urlParts(url: string): { scheme: string; host: string; path: string; query: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(.*)$/is.exec(url);
  if (!m) return { scheme: '', host: '', path: url, query: '' };
  return { scheme: m[1] ?? '', host: m[2] ?? '', path: m[3] ?? '', query: m[4] ?? '' };
}

export function closeCodeText(s: SocketRecord): string {
  if (!s.closed) return '';
  return `${s.closed.code} ${describeCloseCode(s.closed.code).name}`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 0) return `−${formatDuration(-ms)}`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) {
    const m = Math.floor(ms / 60_000);
    return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
  }
  const h = Math.floor(ms / 3_600_000);
  return `${h} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Wall-clock time of an epoch-ms instant, hh:mm:ss.mmm in local time, as DevTools shows it. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** "+1.2 s" from a reference instant. */
export function formatOffset(ms: number, from: number): string {
  return `+${formatDuration(ms - from)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
