import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restorePackageBundles, savePackageBundles } from '../../pipeline/jobs/site.ts';

/**
 * The browser bundles Framework makes of node_modules packages (`_node/name@version`) are kept
 * between site builds; every build's data loaders still start from an empty cache.
 */
describe('package bundles kept between site builds', () => {
  const put = (file: string, text: string) => {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  };

  it('keeps the folders a build made, scoped ones included, and gives them to the next build', () => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-bundles-'));
    const kept = join(work, 'kept');
    const first = join(work, 'root-1', '_node');
    put(join(first, 'd3@7.9.2', 'index.js'), 'd3');
    put(join(first, '@observablehq', 'plot@0.6.17', 'index.js'), 'plot');
    savePackageBundles(first, kept);
    expect(readdirSync(kept).sort()).toEqual(['@observablehq', 'd3@7.9.2']);
    expect(readdirSync(join(kept, '@observablehq'))).toEqual(['plot@0.6.17']);

    const second = join(work, 'root-2', '_node');
    restorePackageBundles(kept, second);
    expect(readFileSync(join(second, '@observablehq', 'plot@0.6.17', 'index.js'), 'utf8')).toBe('plot');
    expect(readFileSync(join(second, 'd3@7.9.2', 'index.js'), 'utf8')).toBe('d3');
  });

  it('does not replace a kept folder, and a new version is a folder of its own', () => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-bundles-'));
    const kept = join(work, 'kept');
    put(join(kept, 'd3@7.9.2', 'index.js'), 'kept');
    const build = join(work, 'root', '_node');
    put(join(build, 'd3@7.9.2', 'index.js'), 'again');
    put(join(build, 'd3@7.9.3', 'index.js'), 'newer');
    savePackageBundles(build, kept);
    expect(readFileSync(join(kept, 'd3@7.9.2', 'index.js'), 'utf8')).toBe('kept');
    expect(readFileSync(join(kept, 'd3@7.9.3', 'index.js'), 'utf8')).toBe('newer');
    expect(readdirSync(kept).sort()).toEqual(['d3@7.9.2', 'd3@7.9.3']);
  });

  it('starts a build with nothing when nothing is kept yet', () => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-bundles-'));
    restorePackageBundles(join(work, 'none'), join(work, 'root', '_node'));
    expect(readdirSync(work)).toEqual([]);
  });
});
