import { Command } from 'commander';
import { z } from 'zod';
import { scoreAgainstKey } from './score.ts';

/** `npm run corpus:score -- --db W --key K`: recall and precision of every rule against a corpus's answer key. */
const options = z
  .object({ db: z.string().min(1), key: z.string().min(1) })
  .parse(new Command().requiredOption('--db <file>', 'warehouse built from the corpus').requiredOption('--key <file>', 'answer-key.json').parse().opts());

const scores = await scoreAgainstKey(options.db, options.key);
console.log('rule\texpected\tflagged\tfound\trecall\tprecision');
for (const s of scores) console.log([s.rule, s.expected, s.flagged, s.found, s.recall.toFixed(3), s.precision.toFixed(3)].join('\t'));
