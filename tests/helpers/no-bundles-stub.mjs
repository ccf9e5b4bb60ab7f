// bin/compiled.mjs as it is, but no entry can be compiled (no-bundles.mjs).
export * from '../../bin/compiled.mjs';

export async function compiledEntry(_entry, name) {
  process.stderr.write(`no bundle: ${name}\n`);
  throw new Error(`no bundle for ${name} in this process`);
}
