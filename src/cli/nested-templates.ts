import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { cdkAssetFiles, isCdkAssetManifest } from '../template/cdk-out';
import { expandNestedStacks, type NestedTemplateReader } from '../template/nested-stacks';
import { parseTemplate } from '../template/parse-template';
import type { SourceFile } from '../template/types';
import { readTextFile } from './io';

/**
 * Reads a template with its local nested stacks inlined (src/template/nested-stacks.ts): the files
 * are read here, the template layer stays pure. `assets` maps S3 object keys to files of a cdk.out.
 */
export function readTemplateWithNested(file: string, assets?: ReadonlyMap<string, string>): SourceFile {
  return expandNestedStacks(parseTemplate(readTextFile(file), file), readNested, assets);
}

/**
 * Reads a nested stack's template beside its parent; file names are relative to `cwd` as the user
 * gave the parent's, and the child is named the same way in messages and findings.
 */
export function nestedTemplateReader(cwd: string): NestedTemplateReader {
  return (location, from) => {
    const path = join(dirname(from.file), location);
    const absolute = resolve(cwd, path);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) return undefined;
    return parseTemplate(readTextFile(absolute, path), path);
  };
}

const readNested = nestedTemplateReader('.');

/** The file assets of every `*.assets.json` of a cdk.out folder, by S3 object key. */
export function readCdkAssets(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).filter(isCdkAssetManifest).sort()) {
    for (const [key, path] of cdkAssetFiles(readTextFile(join(dir, name)))) if (!out.has(key)) out.set(key, path);
  }
  return out;
}
