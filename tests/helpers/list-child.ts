import { listReportFiles } from '../../pipeline/read/files.ts';

/** The listing of a folder as JSON (run as another user by tests that need a folder it cannot read). */
const listing = await listReportFiles(process.argv[2]);
process.stdout.write(JSON.stringify(listing.files.map((f) => ({ relPath: f.relPath, code: f.problem?.code ?? null }))) + '\n');
