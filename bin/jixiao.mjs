#!/usr/bin/env node
// Runs the CLI from its compiled bundle (bin/compiled.mjs: built once per source version), so a start
// does not compile TypeScript; where it cannot be built, through tsx.
import { fileURLToPath } from 'node:url';
import { compiledEntry, importThroughTsx } from './compiled.mjs';

const main = fileURLToPath(new URL('../pipeline/cli/main.ts', import.meta.url));
// only the build is tried here: an error of the CLI itself must not send it through tsx a second time
const bundle = await compiledEntry(main, 'cli').catch(() => null);
await (bundle ? import(bundle) : importThroughTsx(main));
