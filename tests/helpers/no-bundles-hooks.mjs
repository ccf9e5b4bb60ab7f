// Module hooks of no-bundles.mjs: bin/compiled.mjs resolves to the stub, except for the stub itself.
const COMPILED = new URL('../../bin/compiled.mjs', import.meta.url).href;
const STUB = new URL('./no-bundles-stub.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  return resolved.url === COMPILED && context.parentURL !== STUB ? { ...resolved, url: STUB } : resolved;
}
