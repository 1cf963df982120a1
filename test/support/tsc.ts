import { join } from 'node:path';

/**
 * The arguments (after the node binary) that type-check consumer files against the package's
 * declarations as a Node.js project does: strict, `nodenext` modules and resolution, Node's types.
 */
export function consumerTscArgs(root: string, files: readonly string[], options: readonly string[] = []): string[] {
  return [
    join(root, 'node_modules/typescript/bin/tsc'),
    '--noEmit',
    '--strict',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--types',
    'node',
    '--typeRoots',
    join(root, 'node_modules/@types'),
    ...options,
    ...files,
  ];
}
