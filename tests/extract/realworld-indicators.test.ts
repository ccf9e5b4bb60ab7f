import { describe, expect, it } from 'vitest';
import { describeHalf, halfFigures, readIndicators } from '../helpers/indicator-figures.ts';
import { REALWORLD_DIR } from '../helpers/paths.ts';

/**
 * Indicator rows read from the development reports, per half (odd / even file numbers), read
 * straight from the extractor (no warehouse). Prints the figures; each must stay at the floor
 * reached (a change that loses one is a regression; one that gains should raise the floor).
 * `npx tsx scripts/indicator-figures.ts` prints the same figures.
 */
const FLOOR = {
  odd: { exact: 1, read: 9, allRead: 18 },
  even: { exact: 2, read: 15, allRead: 26 },
};

describe('indicator rows of the development reports', () => {
  it('keeps each half at the floor reached', async () => {
    const figures = halfFigures(await readIndicators(REALWORLD_DIR));
    console.log(`\n${describeHalf('odd', figures.odd)}\n${describeHalf('even', figures.even)}`);
    for (const half of ['odd', 'even'] as const) {
      expect(figures[half].exact, `${half} exact`).toBeGreaterThanOrEqual(FLOOR[half].exact);
      expect(figures[half].read, `${half} read`).toBeGreaterThanOrEqual(FLOOR[half].read);
      expect(figures[half].allRead, `${half} all read`).toBeGreaterThanOrEqual(FLOOR[half].allRead);
      // never more indicators than the labels count: a surplus row is a wrong one
      expect(figures[half].read, `${half} read at most labelled`).toBeLessThanOrEqual(figures[half].want);
    }
  });
});
