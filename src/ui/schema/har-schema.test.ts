import { describe, expect, it } from 'vitest';
import { toHar } from '../../core/har';
import { evaluateFlags } from '../../core/leak-rules';
import { scenarioSession, T0 } from '../testing/scenario';
import { harProblems } from './har-schema';

describe('the HAR export', () => {
  const s = scenarioSession();
  const sockets = [...s.sockets.values()];
  const har = toHar({
    documents: s.documents.values(),
    sockets,
    flags: evaluateFlags(sockets, T0 + 1000),
    creator: { name: 'WSLI', version: 'test' },
  });

  it('is valid HAR 1.2 with the WebSocket extension', () => {
    expect(harProblems(JSON.parse(JSON.stringify(har)))).toEqual([]);
    expect(har.log.entries).toHaveLength(sockets.length);
  });

  it('and the schema does catch broken HAR', () => {
    const broken = JSON.parse(JSON.stringify(har)) as { log: { entries: Array<Record<string, unknown>> } };
    broken.log.entries[0]!.time = 12345;
    (broken.log.entries[1]!._webSocketMessages as unknown[]).push({ type: 'sent', time: 1, opcode: 3, data: '' });
    broken.log.entries[2]!.pageref = 'nowhere';
    const problems = harProblems(broken);
    expect(problems.some((p) => p.includes('sum of its timings'))).toBe(true);
    expect(problems.some((p) => p.startsWith('log.entries.1._webSocketMessages'))).toBe(true);
    expect(harProblems({ log: { version: '1.1' } }).length).toBeGreaterThan(0);
  });
});
