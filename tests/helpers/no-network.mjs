// Loaded with `node --import` into a process that must not use the network (the site build on an
// offline machine): any fetch fails loudly instead of reaching a registry or CDN.
globalThis.fetch = async (input) => {
  throw new Error(`no network in this process: fetch ${String(input?.url ?? input)}`);
};
