import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { remembered } from '../../pipeline/extract/memo.ts';

/** A full collection, reached without starting the process with --expose-gc. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('remembered', () => {
  it('gives what the function gives, for short and long strings', () => {
    let calls = 0;
    const length = remembered((s: string) => (calls++, s.length), 3, 10);
    expect([length('abc'), length('abc'), length('abcdefghijklmnop'), length('abcdefghijklmnop')]).toEqual([3, 3, 16, 16]);
    // the short one is computed once, the long one (past `longest`) every time
    expect(calls).toBe(3);
  });

  it('does not keep the text a remembered slice was cut from', () => {
    const keep = remembered((s: string) => s.length, 1000, 120);
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 20; i++) {
      // a document's text of 8 MB, and a cell of it as a reader sees it (a slice, in V8 a view of the whole)
      const text = `${i}`.padEnd(4_000_000, '预算执行率');
      keep(text.slice(1000 + i, 1040 + i));
    }
    collect();
    const grown = process.memoryUsage().heapUsed - before;
    // twenty 8 MB texts would be 160 MB kept; the remembered cells themselves are a few kilobytes
    expect(grown).toBeLessThan(16 * 2 ** 20);
  });
});
