import { describe, expect, it } from 'vitest';
import { closeRequestProblem, utf8Length } from './close-request';

describe('closeRequestProblem', () => {
  it('accepts 1000 and 3000–4999 with a short reason', () => {
    for (const code of [1000, 3000, 4000, 4999]) expect(closeRequestProblem(code, 'bye')).toBeNull();
  });

  it('rejects codes close() would reject, saying why', () => {
    for (const code of [999, 1001, 1005, 1006, 2999, 5000, 0]) {
      expect(closeRequestProblem(code, '')).toMatch(/1000 or 3000–4999/);
    }
    expect(closeRequestProblem(4000.5, '')).toMatch(/whole number/);
    expect(closeRequestProblem(Number.NaN, '')).toMatch(/whole number/);
  });

  it('counts the reason in UTF-8 bytes, not characters', () => {
    expect(closeRequestProblem(1000, 'a'.repeat(123))).toBeNull();
    expect(closeRequestProblem(1000, 'a'.repeat(124))).toMatch(/124 bytes/);
    expect(closeRequestProblem(1000, 'é'.repeat(62))).toMatch(/124 bytes/);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('\ud800')).toBe(3);
    expect(utf8Length('a'.repeat(10))).toBe(new TextEncoder().encode('a'.repeat(10)).length);
  });
});
