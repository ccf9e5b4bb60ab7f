import { describe, expect, it } from 'vitest';
import { posted, received } from '../../pipeline/ingest/handover.ts';
import type { FileResult } from '../../pipeline/ingest/worker.ts';

const result = (values: (string | number | boolean | null)[]): FileResult =>
  ({
    ok: true,
    facts: { reportId: 'r1', fileName: 'a.docx', path: 'a.docx', fileMtime: new Date(0) },
    columns: { amounts: { rowCount: values.length, columns: [values, values.map(() => 'x')] } },
  }) as unknown as FileResult;

describe('results handed over from a worker', () => {
  it('gives back the columns as made, through JSON where JSON keeps them', () => {
    const r = result([1.5, 'a\ud800b', true, null, 0, 2 ** 53]);
    const p = posted(r);
    expect(p).toHaveProperty('columnsJson');
    // what structured cloning does to the message, then the main thread's side
    expect(received(structuredClone(p))).toEqual(r);
  });

  it('keeps the columns as they are where JSON would change a value (NaN, infinity, -0)', () => {
    for (const odd of [Number.NaN, Number.POSITIVE_INFINITY, -0]) {
      const r = result([1, odd]);
      const p = posted(r);
      expect(p).not.toHaveProperty('columnsJson');
      expect(Object.is((received(structuredClone(p)) as Extract<FileResult, { ok: true }>).columns.amounts.columns[0][1], odd)).toBe(true);
    }
  });

  it('hands a failed file over as it is', () => {
    const failed: FileResult = { ok: false, relPath: 'a.docx', fileName: 'a.docx', code: 'timeout', message: '超时' };
    expect(received(structuredClone(posted(failed)))).toEqual(failed);
  });
});
