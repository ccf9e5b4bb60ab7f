import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The project's own test inputs (refreshed from ../shared by `npm run fixtures:refresh`). */
export const FIXTURES_DIR = resolve(REPO_ROOT, 'tests', 'fixtures');
export const SEEDS_DIR = resolve(FIXTURES_DIR, 'seeds');
export const GOLD_FILE = resolve(FIXTURES_DIR, 'gold', 'seeds.json');
export const REALWORLD_DIR = resolve(FIXTURES_DIR, 'realworld');
export const SAMPLES_DIR = resolve(REPO_ROOT, 'data', 'samples');
