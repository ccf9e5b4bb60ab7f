/** Hash of every source under pipeline/ (a changed source gives new bundles). */
export function sourcesHash(): string;
/** The file URL of `entry` compiled into one cached module `<name>-<hash>.mjs`; throws where it cannot be built. */
export function compiledEntry(entry: string, name: string): Promise<string>;
/** `entry` (a TypeScript file's path or file URL) imported through tsx's loader, where its bundle cannot be built. */
export function importThroughTsx(entry: string): Promise<Record<string, unknown>>;
