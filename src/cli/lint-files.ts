/**
 * The files `policygen lint` reads: command-line paths (files, folders, quoted globs) expanded to
 * files, then read as bytes. The only lint code that touches fs.
 */
import { type Dirent, readdirSync, type Stats, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isCdkOutFolder, type InputKind } from '../template/detect';
import type { LintContent, LintInput, StackEnvironment } from '../lint/engine';
import { CDK_OUT_MANIFEST, isCdkTemplateFile, readCdkOutManifest } from '../template/cdk-out';
import { globBase, globToRegExp, hasGlobMagic, normalizePath } from '../lint/path-glob';
import type { PolicyType } from '../lint/types';
import { readCdkAssets } from './nested-templates';
import { CliIoError, isRefusal, readFileBytes, readTextFile, reason as readErrorReason, refusal } from './io';

/** Extensions a folder is searched for; a file named on the command line is read whatever its name. */
const LINTED_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];

export interface FileToLint {
  /** As shown in findings: the path given, or the folder given joined with the file's path inside it. */
  readonly file: string;
  readonly absolute: string;
  /** Set for the templates of a cdk.out folder. */
  readonly kind?: InputKind;
  /** A cdk.out stack's Region and account, from its manifest. */
  readonly environment?: StackEnvironment;
  /** The cdk.out folder (absolute) a template of one comes from: its asset manifests locate nested stacks. */
  readonly assembly?: string;
}

export interface DiscoverOptions {
  readonly cwd: string;
  /** Paths are relative to this folder when matched against `ignore` (the config's folder). */
  readonly baseDir: string;
  /** Undefined when nothing is ignored. */
  readonly isIgnored?: (relativePath: string) => boolean;
  /** `--kind cdk-out`: every folder given is a cloud assembly, even without templates beside its manifest. */
  readonly cdkOut?: boolean;
}

/**
 * Expands command-line paths into files, in the order given (folders sorted), without duplicates.
 * Folders are searched recursively for LINTED_EXTENSIONS, skipping node_modules and dot-files;
 * a cdk.out folder contributes the templates its manifest lists (and those of its nested assemblies).
 * A path that does not exist, or a glob that matches nothing, is a usage error (`CliIoError`).
 */
export function discoverFiles(paths: readonly string[], options: DiscoverOptions): FileToLint[] {
  const seen = new Set<string>();
  const out: FileToLint[] = [];
  const add = (file: string, extra: Omit<FileToLint, 'file' | 'absolute'> = {}, known?: string): void => {
    const absolute = known ?? resolve(options.cwd, file);
    if (seen.has(absolute) || options.isIgnored?.(normalizePath(relative(options.baseDir, absolute)))) return;
    seen.add(absolute);
    out.push({ file, absolute, ...extra });
  };
  for (const path of paths) {
    const stat = statPath(resolve(options.cwd, path), path);
    if (stat?.isDirectory()) {
      // Counted before `ignore`: a folder whose files the config ignores is not a mistake.
      if (walkFolder(options.cwd, path, options.cdkOut === true ? 'assembly' : 'plain', add) === 0) {
        throw new CliIoError(`no policy, template or plan found in ${path}: a folder must hold .json, .yaml, .yml or .template files (or be a cdk.out folder)`);
      }
    } else if (stat?.isFile()) add(path);
    else if (stat !== undefined) throw refusal(path, stat);
    else if (hasGlobMagic(path)) {
      const matches = expandGlob(options.cwd, path);
      if (matches.length === 0) throw new CliIoError(`no files match ${path}`);
      for (const m of matches) add(m);
    } else throw new CliIoError(`cannot read ${path}: no such file or folder`);
  }
  return out;
}

/** What a path is (links followed), undefined when nothing is there; a link loop or an unreadable path is a usage error. */
function statPath(absolute: string, shown: string): Stats | undefined {
  try {
    return statSync(absolute, { throwIfNoEntry: false });
  } catch (error) {
    throw new CliIoError(`cannot read ${shown}: ${readErrorReason(error)}`, { cause: error });
  }
}

/** A file, or a symbolic link to one; a link that leads nowhere (or in a loop) is not one. */
function isFile(cwd: string, folder: string, e: Dirent): boolean {
  if (e.isFile()) return true;
  if (!e.isSymbolicLink()) return false;
  try {
    return statSync(resolve(cwd, folder, e.name), { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

const byCodePoint = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function listFolder(cwd: string, folder: string): Dirent[] {
  try {
    return readdirSync(resolve(cwd, folder), { withFileTypes: true }).sort(byCodePoint);
  } catch (error) {
    throw new CliIoError(`cannot read the folder ${folder}: ${readErrorReason(error)}`, { cause: error });
  }
}

/**
 * What a search skips: dependencies, and dot-files and dot-folders (tool state such as .git,
 * .terraform, .aws-sam, and .policygen.json itself). Named on the command line, they are read.
 */
const skipped = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

/** A path still to visit in a folder search. */
interface Visit {
  readonly path: string;
  /** The absolute path, when the folder search already has it (a corpus folder lists thousands of files). */
  readonly absolute?: string;
  /** A folder; `assembly` when a cdk.out manifest named it as a nested cloud assembly. */
  readonly folder?: 'plain' | 'assembly';
  readonly file?: Omit<FileToLint, 'file' | 'absolute'>;
}

function walkFolder(
  cwd: string,
  folder: string,
  kind: NonNullable<Visit['folder']>,
  add: (file: string, extra?: Visit['file'], absolute?: string) => void,
): number {
  // An explicit stack of paths still to visit, in sorted depth-first order: folder depth is not
  // limited by the call stack. Links to folders are not followed (Dirent reports them as links),
  // so a link cycle cannot loop.
  const stack: Visit[] = [{ path: folder, folder: kind }];
  // A manifest can name its own folder as a nested assembly ("."): each folder is listed once.
  const listed = new Set<string>();
  let found = 0;
  while (stack.length > 0) {
    const next = stack.pop() as Visit;
    if (next.folder === undefined) {
      add(next.path, next.file, next.absolute);
      found++;
      continue;
    }
    const absolute = resolve(cwd, next.path);
    if (listed.has(absolute)) continue;
    listed.add(absolute);
    const entries = listFolder(cwd, next.path);
    const children =
      next.folder === 'assembly' || isCdkOutFolder(entries.filter((e) => e.isFile()).map((e) => e.name))
        ? assemblyChildren(cwd, next.path, entries)
        : entries.flatMap((e): Visit[] => {
            if (skipped(e.name)) return [];
            if (e.isDirectory()) return [{ path: join(next.path, e.name), folder: 'plain' }];
            return LINTED_EXTENSIONS.some((x) => e.name.toLowerCase().endsWith(x)) && isFile(cwd, next.path, e)
              ? [{ path: join(next.path, e.name), absolute: `${absolute}${absolute.endsWith(sep) ? '' : sep}${e.name}` }]
              : [];
          });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Visit);
  }
  return found;
}

/**
 * What a cdk.out folder holds for linting: the templates its manifest lists, with their stack's
 * Region and account, and its nested assemblies (CDK stages). A manifest that cannot be read is
 * linted itself, so that its problem is a finding, next to the templates found by name.
 */
function assemblyChildren(cwd: string, folder: string, entries: readonly Dirent[]): Visit[] {
  const manifestPath = join(folder, CDK_OUT_MANIFEST);
  const byName = (): Visit[] =>
    entries.filter((e) => e.isFile() && isCdkTemplateFile(e.name)).map((e) => ({ path: join(folder, e.name), file: { kind: 'cloudformation' } }));
  let manifest;
  try {
    manifest = readCdkOutManifest(readTextFile(resolve(cwd, manifestPath), manifestPath));
  } catch {
    return [{ path: manifestPath }, ...byName()];
  }
  if (manifest.stacks.length === 0 && manifest.nestedAssemblies.length === 0) return byName();
  for (const s of manifest.stacks) {
    const template = join(folder, s.templateFile);
    if (statPath(resolve(cwd, template), template)?.isFile() !== true) {
      throw new CliIoError(
        `cannot read ${template}: ${manifestPath} names it as the template of stack ${s.artifactId}, but it is not there; run \`cdk synth\` again`,
      );
    }
  }
  return [
    ...manifest.stacks.map((s): Visit => {
      const environment = { ...(s.region !== undefined ? { region: s.region } : {}), ...(s.account !== undefined ? { account: s.account } : {}) };
      return {
        path: join(folder, s.templateFile),
        file: { kind: 'cloudformation', assembly: resolve(cwd, folder), ...(Object.keys(environment).length > 0 ? { environment } : {}) },
      };
    }),
    // A nested assembly that is not there: its manifest becomes an unreadable-file finding.
    ...manifest.nestedAssemblies.map((d): Visit =>
      statPath(resolve(cwd, folder, d), join(folder, d))?.isDirectory()
        ? { path: join(folder, d), folder: 'assembly' }
        : { path: join(folder, d, CDK_OUT_MANIFEST) },
    ),
  ];
}

/**
 * Files matching a glob (`*`, `**`, `?`), searched from the glob's fixed leading folders; node 20
 * has no fs.globSync. Dot-files and node_modules are skipped, as in a folder search.
 */
function expandGlob(cwd: string, glob: string): string[] {
  const match = globToRegExp(glob);
  const base = globBase(glob);
  if (!statPath(resolve(cwd, base), base)?.isDirectory()) return [];
  const out: string[] = [];
  // Same order and limits as walkFolder: sorted depth-first, an explicit stack, links to folders not followed.
  const stack: { readonly path: string; readonly folder: boolean }[] = [{ path: base, folder: true }];
  while (stack.length > 0) {
    const next = stack.pop() as (typeof stack)[number];
    if (!next.folder) {
      if (match.test(normalizePath(next.path))) out.push(next.path);
      continue;
    }
    const children = listFolder(cwd, next.path)
      .filter((e) => !skipped(e.name))
      .map((e) => ({ path: next.path === '.' ? e.name : `${next.path === '/' ? '' : next.path}/${e.name}`, folder: e.isDirectory() }));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as (typeof stack)[number]);
  }
  return out;
}

/**
 * The files as lint inputs that read their bytes when the engine gets to them (the engine decodes
 * them, so a binary file is a finding, not a crash), so that a run holds one file at a time. A file
 * that cannot be read gives its reason instead: one bad file never hides the rest.
 */
export function readLintInputs(files: readonly FileToLint[], policyTypeOf: (file: FileToLint) => PolicyType | undefined): LintInput[] {
  const assetsOf = new Map<string, ReadonlyMap<string, string>>();
  return files.map((f) => {
    const policyType = policyTypeOf(f);
    if (f.assembly !== undefined && !assetsOf.has(f.assembly)) assetsOf.set(f.assembly, assemblyAssets(f.assembly));
    const assets = f.assembly !== undefined ? assetsOf.get(f.assembly) : undefined;
    return {
      file: f.file,
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.environment ? { environment: f.environment } : {}),
      ...(assets !== undefined && assets.size > 0 ? { assets } : {}),
      ...(policyType ? { policyType } : {}),
      read: () => readContent(f.absolute, f.file),
    };
  });
}

/**
 * The file assets of a cdk.out folder, by S3 object key. An asset manifest that cannot be read leaves
 * its nested stacks unread (as an S3 TemplateURL is): the templates themselves are still linted.
 */
function assemblyAssets(folder: string): ReadonlyMap<string, string> {
  try {
    return readCdkAssets(folder);
  } catch {
    return new Map();
  }
}

/**
 * A file the system cannot read (gone, no permission) is a finding; one policygen refuses (not a
 * regular file, over --max-input-size) stops the run with exit 2, as for every other command.
 */
function readContent(absolute: string, file: string): LintContent {
  try {
    return { text: readFileBytes(absolute, file) };
  } catch (error) {
    if (isRefusal(error)) throw error;
    return { readError: readErrorReason(error instanceof CliIoError ? error.cause : error) };
  }
}
