import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONVERTER_INSTALL, findSoffice } from '../../pipeline/read/convert.ts';

/**
 * LibreOffice for the tests that need it: whether it is installed (without it
 * those tests are skipped and the install line printed; in CI they fail), and
 * batch conversion, many files in one soffice call with a private profile.
 */

export const SOFFICE = findSoffice();

/** Call at the top of a test file; returns whether its LibreOffice tests can run. */
export function haveLibreOffice(): boolean {
  if (SOFFICE) return true;
  const hint = `LibreOffice tests need soffice: ${CONVERTER_INSTALL}`;
  if (process.env.CI) throw new Error(hint);
  console.warn(`skipping ${hint}`);
  return false;
}

/** Converts every file to `target` (a soffice --convert-to argument) into `outDir`; returns the files written. */
export function convertFiles(files: string[], target: string, outDir: string, options: { infilter?: string } = {}): string[] {
  if (!SOFFICE) throw new Error('no soffice');
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'jixiao-test-soffice-'));
  try {
    const args = [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck'];
    if (options.infilter) args.push(`--infilter=${options.infilter}`);
    args.push('--convert-to', target, '--outdir', outDir, ...files);
    const run = spawnSync(SOFFICE, args, { encoding: 'utf8', timeout: 180_000 });
    if (run.status !== 0) throw new Error(`soffice failed (${run.status ?? run.signal}): ${run.stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return readdirSync(outDir).map((f) => join(outDir, f));
}
