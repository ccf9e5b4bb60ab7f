// Worker threads start here where their bundle cannot be built (compiled-worker.ts): the TypeScript
// worker through tsx, as bin/compiled.mjs loads any entry without its bundle.
import { importThroughTsx } from '../../bin/compiled.mjs';

const { default: ingestTask } = await importThroughTsx(new URL('./worker.ts', import.meta.url).href);
export default ingestTask;
