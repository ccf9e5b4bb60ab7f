import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Document, SourceFormat } from './document.ts';
import type { DocxReader } from './docx.ts';
import { ReadError } from './errors.ts';
import { isOle } from './ooxml-package.ts';

/**
 * Old and other office formats (.doc, .wps, .xls, .et, .odt, .ods) read through
 * LibreOffice: converted headless to .docx / .xlsx in a private folder, then read
 * by the .docx / .xlsx readers. Each thread has its own LibreOffice profile (two
 * instances cannot share one), with macros disabled; a conversion past its time
 * limit is killed with its whole process group.
 */

const CONVERTER_PACKAGES = 'libreoffice-writer-nogui libreoffice-calc-nogui';
export const CONVERTER_INSTALL = `apt-get install -y ${CONVERTER_PACKAGES}`;

/** The soffice on PATH (JIXIAO_SOFFICE overrides it), or null. */
export function findSoffice(): string | null {
  const override = process.env.JIXIAO_SOFFICE;
  const candidates = override !== undefined ? [override] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'soffice'));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Which LibreOffice build converts, as a short hash (its version file and program binary): part of the
 * cache key of a converted file, so that another LibreOffice re-reads it. Null without LibreOffice.
 */
export function converterIdentity(): string | null {
  const soffice = findSoffice();
  if (!soffice) return null;
  const hash = createHash('sha256');
  try {
    const program = dirname(realpathSync(soffice));
    for (const name of ['versionrc', 'soffice.bin']) {
      const path = join(program, name);
      if (!existsSync(path)) continue;
      const info = statSync(path);
      hash.update(`${name}\0${info.size}\0${info.mtimeMs}\0`);
      if (name === 'versionrc') hash.update(readFileSync(path));
    }
  } catch {
    hash.update(soffice);
  }
  return hash.digest('hex').slice(0, 12);
}

/** Macros never run: the profile's security is "very high" and macro execution is off. */
const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

let profileDir: string | null = null;

/** Profiles of processes that are gone: a worker thread stopped by the pool never runs its exit handler. */
function removeStaleProfiles(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(/^jixiao-soffice-(\d+)-\d+$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

function profile(): string {
  if (profileDir) return profileDir;
  removeStaleProfiles();
  const dir = join(tmpdir(), `jixiao-soffice-${process.pid}-${threadId}`);
  mkdirSync(join(dir, 'user'), { recursive: true });
  writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  profileDir = dir;
  return dir;
}

// one conversion at a time per profile
let queue: Promise<unknown> = Promise.resolve();

/** The input's name in the conversion folder: WPS files that are Word/Excel binaries inside are named so. */
function inputName(format: SourceFormat, bytes: Uint8Array): string {
  if (format === 'wps' && isOle(bytes)) return 'input.doc';
  if (format === 'et' && isOle(bytes)) return 'input.xls';
  return `input.${format}`;
}

async function convertWithLibreOffice(soffice: string, format: SourceFormat, target: 'docx' | 'xlsx', bytes: Uint8Array, seconds: number): Promise<Uint8Array> {
  const run = queue.then(() => convertOnce(soffice, format, target, bytes, seconds));
  queue = run.catch(() => undefined);
  return run;
}

async function convertOnce(soffice: string, format: SourceFormat, target: 'docx' | 'xlsx', bytes: Uint8Array, seconds: number): Promise<Uint8Array> {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-convert-'));
  try {
    const input = join(work, inputName(format, bytes));
    writeFileSync(input, bytes);
    const args = [
      `-env:UserInstallation=file://${profile()}`,
      '--headless',
      '--invisible',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      '--convert-to',
      target,
      '--outdir',
      work,
      input,
    ];
    const outcome = await new Promise<{ code: number | null; timedOut: boolean; error?: Error }>((resolve) => {
      const child = spawn(soffice, args, { detached: true, stdio: 'ignore', env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' } });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, seconds * 1000);
      child.once('error', (error) => {
        clearTimeout(timer);
        resolve({ code: null, timedOut, error });
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, timedOut });
      });
    });
    const output = join(work, `input.${target}`);
    if (outcome.timedOut) {
      throw new ReadError('conversion_timeout', `LibreOffice 转换 .${format} 超过 ${seconds} 秒未完成，已停止；请用 Office/WPS 打开后另存为 .${target} 提交`);
    }
    if (outcome.error || !existsSync(output)) {
      throw new ReadError(
        'conversion_failed',
        `LibreOffice 无法转换此 .${format} 文件（${outcome.error ? outcome.error.message : `退出码 ${outcome.code}`}；文件可能已损坏或加密）；请用 Office/WPS 打开后另存为 .${target} 提交`,
      );
    }
    return readFileSync(output);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Whether the bytes can be what the extension says, before LibreOffice is started: an OLE compound
 * file (.doc/.wps/.xls/.et), a zip (.odt/.ods, or an OOXML file misnamed), RTF, or text (an HTML
 * table or CSV saved as .xls, as web systems export). Anything else would be imported as garbage text.
 */
function looksLikeOfficeFile(format: SourceFormat, bytes: Uint8Array): boolean {
  if (isOle(bytes) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return true;
  if (format === 'odt' || format === 'ods') return false;
  const head = bytes.subarray(0, 1024);
  if (Buffer.from(head).toString('latin1').startsWith('{\\rtf')) return true;
  let control = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  return control === 0;
}

export async function readConverted(
  format: SourceFormat,
  target: 'docx' | 'xlsx',
  bytes: Uint8Array,
  limits: { maxUncompressedBytes?: number; maxSecondsPerFile?: number } = {},
  options: { docxReader?: DocxReader } = {},
): Promise<Document> {
  if (!looksLikeOfficeFile(format, bytes)) {
    throw new ReadError('not_an_office_file', `文件内容不是 .${format} 文档（可能已损坏或被改了扩展名），请用 Office/WPS 打开确认后另存为 .${target} 提交`);
  }
  const soffice = findSoffice();
  if (!soffice) {
    throw new ReadError('converter_missing', `读取 .${format} 需要 LibreOffice，本机未安装：请管理员执行 ${CONVERTER_INSTALL}；或将文件另存为 .${target} 后提交`);
  }
  // below the per-file limit, so that the conversion is stopped here (and LibreOffice with it) before the file's worker is
  const seconds = Math.max(5, Math.floor((limits.maxSecondsPerFile ?? 60) * 0.75));
  const converted = await convertWithLibreOffice(soffice, format, target, bytes, seconds);
  const doc =
    target === 'docx'
      ? await (await import('./docx.ts')).readDocx(converted, limits, options.docxReader)
      : await (await import('./xlsx.ts')).readXlsx(converted, limits);
  return { ...doc, format, notes: [...(doc.notes ?? []), `经 LibreOffice 转换为 .${target} 后读取`] };
}
