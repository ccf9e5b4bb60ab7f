import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { extractReport } from '../../pipeline/extract/index.ts';
import type { FieldSource, Indicator } from '../../pipeline/extract/report.ts';
import { readDocument } from '../../pipeline/read/index.ts';

/**
 * Indicator rows read from the development reports, per half (odd / even file numbers): how many
 * labelled reports have exactly the labelled count, indicators read against indicators labelled,
 * and indicators read in every file (labelled or not). Files are read under a neutral name.
 */
export interface HalfFigures {
  /** reports whose count of indicators read equals the label's indicator_count */
  exact: number;
  /** reports with an indicator_count label */
  labelled: number;
  /** indicators read in the labelled reports */
  read: number;
  /** indicators the labels count */
  want: number;
  /** indicators read in every file of the half */
  allRead: number;
  files: number;
  filesWithRows: number;
}

export interface FileFigures {
  file: string;
  number: number;
  half: 'odd' | 'even';
  label: number[] | null;
  indicators: Indicator[];
  /** field_sources rows of the indicators: how they were read, or why not */
  sources: FieldSource[];
}

const labelsSchema = z.array(z.object({ file: z.string(), indicator_count: z.union([z.number(), z.array(z.number())]).nullable() }).loose());

export async function readIndicators(dir: string, half?: 'odd' | 'even'): Promise<FileFigures[]> {
  const labels = labelsSchema.parse(JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')));
  const out: FileFigures[] = [];
  for (const l of labels) {
    const number = Number.parseInt(l.file, 10);
    const h = number % 2 ? 'odd' : 'even';
    if (half && h !== half) continue;
    const lines = readFileSync(join(dir, l.file), 'utf8').split('\n');
    const body = lines.slice(lines.findIndex((x) => x.startsWith('# ---')) + 1).join('\n');
    const report = extractReport(await readDocument('report.txt', new TextEncoder().encode(body)), 'report.txt');
    const label = l.indicator_count === null ? null : Array.isArray(l.indicator_count) ? l.indicator_count : [l.indicator_count];
    out.push({ file: l.file, number, half: h, label, indicators: report.indicators, sources: report.fieldSources.filter((f) => f.field === 'indicators') });
  }
  return out;
}

export function halfFigures(files: FileFigures[]): Record<'odd' | 'even', HalfFigures> {
  const empty = (): HalfFigures => ({ exact: 0, labelled: 0, read: 0, want: 0, allRead: 0, files: 0, filesWithRows: 0 });
  const out = { odd: empty(), even: empty() };
  for (const f of files) {
    const t = out[f.half];
    const n = f.indicators.length;
    t.files++;
    t.allRead += n;
    if (n > 0) t.filesWithRows++;
    if (f.label) {
      t.labelled++;
      t.want += f.label[0];
      t.read += n;
      if (f.label.includes(n)) t.exact++;
    }
  }
  return out;
}

export const describeHalf = (half: string, t: HalfFigures) =>
  `${half}: count equals label ${t.exact}/${t.labelled} reports; indicators read ${t.read} of ${t.want} labelled; ` +
  `${t.allRead} indicators read in all ${t.files} files (${t.filesWithRows} files with any)`;
