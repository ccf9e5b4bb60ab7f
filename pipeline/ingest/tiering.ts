import { setFlagsFromString } from 'node:v8';

/**
 * V8's tiering for the reading workers. Each worker isolate starts cold and TurboFan compiles the
 * hot reading and extraction functions on V8's background threads, several of them again after a
 * deopt; with V8's default interrupt budget (67584) it does so after little feedback, and a full build's
 * compiles cost about 3 CPU-s there. A 4× budget lets the interpreter gather more feedback first: fewer,
 * better-informed compiles (see docs/performance.md, "V8's tiering in the workers").
 *
 * V8's flags belong to the process: set before the pool creates its workers, every worker isolate reads
 * them (the main thread's own JavaScript too, a small share of the build). A flag given to node itself
 * (`node --interrupt-budget=67584 bin/jixiao.mjs build`, or in NODE_OPTIONS) is left as given.
 */
export const WORKER_TIERING_FLAGS: readonly string[] = ['--interrupt-budget=270336'];

const flagName = (flag: string) => flag.replace(/^--(no-)?/, '').split('=')[0].replaceAll('_', '-');

/** The tiering flags that options given to node (its arguments, NODE_OPTIONS) do not set already. */
export function tieringFlagsBeside(nodeOptions: readonly string[]): string[] {
  const given = new Set(nodeOptions.filter((o) => o.startsWith('--')).map(flagName));
  return WORKER_TIERING_FLAGS.filter((flag) => !given.has(flagName(flag)));
}

let applied = false;

/** Sets the tiering flags once per process; called just before the workers are created. */
export function applyWorkerTiering(): void {
  if (applied) return;
  applied = true;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  for (const flag of tieringFlagsBeside(given)) setFlagsFromString(flag);
}
