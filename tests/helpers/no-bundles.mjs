// Loaded with `node --import` into a process that must run without compiled bundles (as where esbuild
// or a writable cache is missing): every import of bin/compiled.mjs gets no-bundles-stub.mjs, whose
// compiledEntry refuses and says so on stderr, so the CLI and its workers take the tsx fallback.
import { register } from 'node:module';

register('./no-bundles-hooks.mjs', import.meta.url);
