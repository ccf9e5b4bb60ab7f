import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../pipeline/models/severity.ts';
import { namesIn } from '../dashboard/severity-names.ts';

/**
 * Severity names, order and colours are defined once (pipeline/models/severity.ts, printed as
 * severities.json): no page, component or style of the dashboard may write a severity's name or
 * colour of its own. The word 严重程度 ("severity") and 最严重 ("most serious") are not names.
 */

const DASHBOARD = join(import.meta.dirname, '..', '..', 'dashboard');

const sources = (): [string, string][] =>
  [
    ...readdirSync(DASHBOARD).filter((f) => f.endsWith('.md') || f.endsWith('.css')),
    ...readdirSync(join(DASHBOARD, 'components')).filter((f) => f.endsWith('.js')).map((f) => join('components', f)),
  ].map((f) => [f, readFileSync(join(DASHBOARD, f), 'utf8')]);

describe('severities on the dashboard', () => {
  it('reads every dashboard source (the check below has files to look at)', () => {
    const files = sources().map(([f]) => f);
    expect(files).toEqual(expect.arrayContaining(['index.md', 'anomalies.md', 'unit.md', 'region.md', 'rules.md', 'style.css', join('components', 'severity.js')]));
  });

  it('finds a name written by a page, and not the words that only contain one', () => {
    expect(namesIn('header: {critical: "严重", warning: "警告"}', '严重')).toHaveLength(1);
    expect(namesIn('<th>严重程度</th> 最严重的一条', '严重')).toEqual([]);
  });

  it('no page, component or style names a severity or sets a severity colour itself', () => {
    const found: string[] = [];
    for (const [file, text] of sources()) {
      for (const s of SEVERITIES) {
        for (const at of namesIn(text, s.nameZh)) found.push(`${file}:${text.slice(0, at).split('\n').length}: ${s.nameZh}`);
        if (text.toLowerCase().includes(s.color.toLowerCase())) found.push(`${file}: colour ${s.color} of ${s.severity}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('gives each severity its own colour, a #rrggbb the pages can tint', () => {
    const colours = SEVERITIES.map((s) => s.color.toLowerCase());
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colours).size).toBe(colours.length);
  });
});
