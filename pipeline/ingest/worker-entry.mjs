// Worker threads start here: register tsx's loader, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
const { default: ingestTask } = await import('./worker.ts');
export default ingestTask;
