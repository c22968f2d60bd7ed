import { describe, expect, it } from 'vitest';
import { exportSession, IMPORT_LIMITS, serializeSession } from '../../core/export';
import { DEFAULT_LEAK_SETTINGS, evaluateFlags } from '../../core/leak-rules';
import { scenarioSession, T0 } from '../testing/scenario';
import { parseSessionExport } from './export-schema';

const tool = { name: 'WebSocket Lifecycle Inspector', version: 'test' };

function fileText(): string {
  const s = scenarioSession();
  const sockets = [...s.sockets.values()];
  return serializeSession({
    documents: s.documents.values(),
    sockets,
    flags: evaluateFlags(sockets, T0 + 1000),
    exportedAt: T0 + 1000,
    settings: DEFAULT_LEAK_SETTINGS,
    tool,
  });
}

describe('parseSessionExport', () => {
  it('accepts what the panel exports, and restores the same sockets', () => {
    const r = parseSessionExport(fileText());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.session.sockets.map((s) => s.key)).toEqual([...scenarioSession().sockets.keys()]);
    expect(r.file.exportedAt).toBe(T0 + 1000);
  });

  it('says what is wrong with a file that is not an export', () => {
    expect(parseSessionExport('{')).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON/) });
    expect(parseSessionExport('[]')).toMatchObject({ ok: false, error: expect.stringContaining('wsli-session') });
    expect(parseSessionExport('{"format":"wsli-session","version":9}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('unsupported version 9'),
    });
  });

  it('names the path of the first invalid value', () => {
    const file = JSON.parse(fileText()) as { sockets: Array<Record<string, unknown>> };
    file.sockets[1]!.state = 'exploded';
    expect(parseSessionExport(JSON.stringify(file))).toMatchObject({ ok: false, error: expect.stringMatching(/^sockets\.1\.state: /) });
  });

  it('caps sizes: a URL longer than the cap is refused', () => {
    const file = JSON.parse(fileText()) as { sockets: Array<Record<string, unknown>> };
    file.sockets[0]!.url = `ws://x/${'a'.repeat(IMPORT_LIMITS.url)}`;
    expect(parseSessionExport(JSON.stringify(file))).toMatchObject({ ok: false, error: expect.stringMatching(/^sockets\.0\.url/) });
  });

  it('drops unknown keys, including __proto__', () => {
    const text = fileText().replace('"format":', '"__proto__":{"polluted":1},"extra":1,"format":');
    const r = parseSessionExport(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.file).not.toHaveProperty('extra');
      expect(({} as { polluted?: number }).polluted).toBeUndefined();
    }
  });

  it('round-trips an exported file of the restored session to the same text', () => {
    const text = fileText();
    const r = parseSessionExport(text);
    if (!r.ok) throw new Error(r.error);
    const again = JSON.stringify(
      exportSession({
        documents: r.session.documents,
        sockets: r.session.sockets,
        flags: new Map(r.file.sockets.map((s) => [s.key, s.flags])),
        exportedAt: r.file.exportedAt,
        settings: r.file.settings,
        tool: r.file.tool,
      }),
    );
    expect(again).toBe(text);
  });
});
