import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(REPO_ROOT, '..', 'shared');
export const SEEDS_DIR = resolve(SHARED, 'seeds');
export const GOLD_FILE = resolve(SHARED, 'gold', 'seeds.json');
export const REALWORLD_DIR = resolve(SHARED, 'realworld');
export const SAMPLES_DIR = resolve(REPO_ROOT, 'data', 'samples');
