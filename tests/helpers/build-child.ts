import { build } from '../../pipeline/jobs/build.ts';
import { configSchema } from '../../pipeline/config.ts';

/**
 * A build in a process of its own, for tests that need the whole process's peak memory
 * (worker threads included): argv = input, db, config JSON. Prints one JSON line.
 */
const [input, db, configJson] = process.argv.slice(2);
const summary = await build({ input, db, config: configSchema.parse(JSON.parse(configJson ?? '{}')), allowShrink: true });
process.stdout.write(JSON.stringify({ summary, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
