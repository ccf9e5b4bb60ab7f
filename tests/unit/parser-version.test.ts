import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSER_SOURCES, PARSER_VERSION, sourceHash } from '../../pipeline/extract/parser-version.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

describe('parser version', () => {
  it('is the generation and the hash of the readers and extractors', () => {
    expect(PARSER_VERSION).toMatch(/^\d+\.\d+\+[0-9a-f]{12}$/);
    expect(PARSER_VERSION.split('+')[1]).toBe(sourceHash(join(REPO_ROOT, 'pipeline'), PARSER_SOURCES));
  });

  it('changes with any edit, addition or rename of a source file, and only then', () => {
    const root = mkdtempSync(join(tmpdir(), 'jixiao-hash-'));
    mkdirSync(join(root, 'read', 'deep'), { recursive: true });
    mkdirSync(join(root, 'extract'));
    writeFileSync(join(root, 'read', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'read', 'deep', 'b.ts'), 'export const b = 2;\n');
    writeFileSync(join(root, 'extract', 'c.json'), '{"c":3}');
    const hashes = [sourceHash(root, ['read', 'extract'])];
    expect(sourceHash(root, ['read', 'extract'])).toBe(hashes[0]);
    writeFileSync(join(root, 'read', 'deep', 'b.ts'), 'export const b = 3;\n');
    hashes.push(sourceHash(root, ['read', 'extract']));
    writeFileSync(join(root, 'extract', 'd.ts'), '');
    hashes.push(sourceHash(root, ['read', 'extract']));
    renameSync(join(root, 'extract', 'd.ts'), join(root, 'extract', 'e.ts'));
    hashes.push(sourceHash(root, ['read', 'extract']));
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});
