/**
 * A module loaded on its first use instead of with the module that needs it: for code most runs
 * never call, whose loading start-up should not pay for (the YAML parser, the IAM data package). The
 * caller keeps a literal `require(...)`, which tsc and esbuild resolve and bundle as usual; the type
 * argument gives the module's type, so its uses are checked without a cast.
 *
 * @example
 * const yaml = lazyModule<typeof import('yaml')>(() => require('yaml'));
 * yaml().parseDocument(text);
 */
export function lazyModule<T>(load: () => T): () => T {
  let loaded: { readonly exports: T } | undefined;
  return () => (loaded ??= { exports: load() }).exports;
}
