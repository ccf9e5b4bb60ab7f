/**
 * Indicator rows read from the development reports, per half (odd / even file numbers).
 * usage: npx tsx scripts/indicator-figures.ts [--dir ../shared/realworld] [--half odd|even] [--list] [--rows N]
 * --list prints each file's count and how its indicators were read or why not; --rows N prints the indicator rows read from file number N.
 */
import { describeHalf, halfFigures, readIndicators } from '../tests/helpers/indicator-figures.ts';

const argv = process.argv.slice(2);
const opt = (k: string) => (argv.includes(k) ? argv[argv.indexOf(k) + 1] : undefined);
const half = opt('--half');
if (half !== undefined && half !== 'odd' && half !== 'even') throw new Error('--half is odd or even');
const rowsOf = opt('--rows');
const files = await readIndicators(opt('--dir') ?? '../shared/realworld', half);
for (const f of files) {
  if (argv.includes('--list')) {
    console.log(`${String(f.number).padStart(3)} ${f.half} read ${f.indicators.length}${f.label ? ` labelled ${f.label.join('/')}` : ''}`);
    for (const s of f.sources) console.log(`      ${s.location ?? ''}: ${s.reason ?? `${s.value} rows (${s.strategy})`}`);
  }
  if (rowsOf !== undefined && Number(rowsOf) === f.number) {
    for (const i of f.indicators) console.log([i.location, i.level1, i.level2, i.name, i.targetText, i.actualText, i.weightText, i.scoreText, i.deviation ?? ''].join(' ‖ '));
  }
}
const figures = halfFigures(files);
for (const h of ['odd', 'even'] as const) if (figures[h].files) console.log(describeHalf(h, figures[h]));
