import { lstat, readdir, stat } from 'node:fs/promises';

/**
 * The report files under an input folder, subfolders included.
 * Office lock files (~$…) and hidden files are skipped and counted. Names are
 * read as bytes, so a GBK-encoded name from a Windows share is not lost.
 */

export interface FoundFile {
  /** path relative to the input folder, for display and identity */
  relPath: string;
  /** the path as the file system knows it (bytes: the name may not be UTF-8) */
  fsPath: Buffer;
  /** set when the entry cannot be opened as a regular file; becomes an ingest error */
  problem?: { code: string; message: string };
}

export interface Listing {
  files: FoundFile[];
  skipped: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/** A file name's bytes as text: UTF-8 when valid, else GB18030 (Windows shares). */
export function decodeName(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return gb18030.decode(bytes);
  }
}

export const isSkippedName = (name: string) => name.startsWith('~$') || name.startsWith('.');

export async function listReportFiles(inputDir: string): Promise<Listing> {
  const files: FoundFile[] = [];
  let skipped = 0;
  const root = Buffer.from(inputDir);
  const seenDirs = new Set<string>();

  async function walk(dir: Buffer, rel: string): Promise<void> {
    const dirStat = await stat(dir);
    const id = `${dirStat.dev}:${dirStat.ino}`;
    if (seenDirs.has(id)) return; // a symlinked folder loop
    seenDirs.add(id);
    const entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
      const name = decodeName(entry.name);
      if (isSkippedName(name)) {
        skipped++;
        continue;
      }
      const fsPath = Buffer.concat([dir, Buffer.from('/'), entry.name]);
      const relPath = rel ? `${rel}/${name}` : name;
      let info;
      try {
        info = await stat(fsPath);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const link = await lstat(fsPath).catch(() => null);
        files.push({
          relPath,
          fsPath,
          problem:
            code === 'ELOOP'
              ? { code: 'symlink_loop', message: '符号链接循环指向自身，无法打开；请替换为实际文件' }
              : link?.isSymbolicLink()
                ? { code: 'dangling_symlink', message: '符号链接指向的文件不存在；请替换为实际文件' }
                : { code: 'unreadable', message: `无法打开文件（${code ?? '未知错误'}）` },
        });
        continue;
      }
      if (info.isDirectory()) {
        if (/\.(docx|txt)$/i.test(name)) {
          files.push({ relPath, fsPath, problem: { code: 'not_a_file', message: '这是一个文件夹而不是文件，请检查命名' } });
        } else {
          await walk(fsPath, relPath);
        }
      } else if (info.isFile()) {
        files.push({ relPath, fsPath });
      } else {
        files.push({ relPath, fsPath, problem: { code: 'not_a_file', message: '不是普通文件（管道、设备等），无法读取' } });
      }
    }
  }

  await walk(root, '');
  return { files, skipped };
}
