/**
 * `.policygen.json`: severity overrides and disabled rules, policy types per glob, ignored paths.
 *
 * ```json
 * {
 *   "rules": { "REDUNDANT_ACTION": "off", "MISSING_VERSION": "warning" },
 *   "policyTypes": [{ "glob": "endpoints/*.json", "type": "vpc-endpoint-gateway" }],
 *   "ignore": ["build/**"]
 * }
 * ```
 * Globs are matched against paths relative to the folder of the config file (see path-glob.ts).
 * Checked by hand rather than by a schema validator: four fields do not justify loading ajv on
 * every run, and the messages name the field and its line.
 */
import { isRecord } from '../model/json';
import { PolicygenInputError, showValue, type InputIssue } from '../model/errors';
import { globToRegExp, normalizePath } from './path-glob';
import { parseJsonSource } from '../template/source/json-source';
import { SourceParseError } from '../template/source/source-error';
import { POLICY_TYPES, SEVERITIES, type JsonPath, type PolicyType, type Severity } from './types';

export const CONFIG_FILE_NAME = '.policygen.json';

export type SeverityOverride = Severity | 'off';

export interface LintConfig {
  /** Code -> new severity or `off`. A Map, so that no code can reach Object.prototype. */
  readonly rules: ReadonlyMap<string, SeverityOverride>;
  readonly policyTypes: readonly { readonly glob: string; readonly match: RegExp; readonly type: PolicyType }[];
  readonly ignore: readonly { readonly glob: string; readonly match: RegExp }[];
}

export const EMPTY_CONFIG: LintConfig = { rules: new Map(), policyTypes: [], ignore: [] };

const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');
const TOP_LEVEL = ['$schema', 'rules', 'policyTypes', 'ignore'];

/**
 * Parses and checks a config file. Throws `PolicygenInputError` listing every problem with its
 * field and line (the CLI exits 2); `knownCodes` are the codes `rules` may name.
 */
export function parseLintConfig(file: string, text: string, knownCodes: ReadonlySet<string>): LintConfig {
  let source;
  try {
    source = parseJsonSource(file, text);
  } catch (error) {
    if (!(error instanceof SourceParseError)) throw error;
    throw new PolicygenInputError([{ field: 'the config file', expected: 'be valid JSON', received: error.message, location: { file, ...error.position } }]);
  }
  const issues: InputIssue[] = [];
  const problem = (path: JsonPath, expected: string, value: unknown, hint?: string): void => {
    issues.push({
      field: path.length === 0 ? 'the config' : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join(''),
      expected,
      received: showValue(value),
      ...(hint ? { hint } : {}),
      location: { file, ...source.locate(path) },
    });
  };
  const data = source.data;
  if (!isRecord(data)) {
    problem([], 'be a JSON object', data);
    throw new PolicygenInputError(issues);
  }
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL.includes(key)) problem([key], `not be there: the known fields are ${quoted(TOP_LEVEL)}`, data[key]);
  }

  const rules = new Map<string, SeverityOverride>();
  const rawRules = data['rules'];
  if (rawRules !== undefined && !isRecord(rawRules)) problem(['rules'], 'be an object of rule codes to severities', rawRules);
  else if (rawRules !== undefined) {
    const allowed: readonly string[] = [...SEVERITIES, 'off'];
    for (const [code, value] of Object.entries(rawRules)) {
      if (!knownCodes.has(code)) problem(['rules', code], 'name a rule code of policygen', code, 'the README lists the codes');
      else if (typeof value !== 'string' || !allowed.includes(value)) problem(['rules', code], `be one of ${quoted(allowed)}`, value);
      else rules.set(code, value as SeverityOverride);
    }
  }

  const policyTypes: { glob: string; match: RegExp; type: PolicyType }[] = [];
  const rawTypes = data['policyTypes'];
  if (rawTypes !== undefined && !Array.isArray(rawTypes)) problem(['policyTypes'], 'be a list of { "glob", "type" } objects', rawTypes);
  else if (rawTypes !== undefined) {
    rawTypes.forEach((entry: unknown, i) => {
      if (!isRecord(entry)) return problem(['policyTypes', i], 'be an object { "glob": "…", "type": "…" }', entry);
      for (const key of Object.keys(entry)) {
        if (key !== 'glob' && key !== 'type') problem(['policyTypes', i, key], 'not be there: an entry has "glob" and "type"', entry[key]);
      }
      const { glob, type } = entry;
      if (typeof glob !== 'string' || glob === '') problem(['policyTypes', i, 'glob'], 'be a non-empty path glob such as "endpoints/*.json"', glob);
      if (typeof type !== 'string' || !(POLICY_TYPES as readonly string[]).includes(type)) {
        problem(['policyTypes', i, 'type'], `be one of ${quoted(POLICY_TYPES)}`, type);
      }
      if (typeof glob === 'string' && glob !== '' && typeof type === 'string' && (POLICY_TYPES as readonly string[]).includes(type)) {
        policyTypes.push({ glob, match: globToRegExp(glob), type: type as PolicyType });
      }
    });
  }

  const ignore: { glob: string; match: RegExp }[] = [];
  const rawIgnore = data['ignore'];
  if (rawIgnore !== undefined && !Array.isArray(rawIgnore)) problem(['ignore'], 'be a list of path globs', rawIgnore);
  else if (rawIgnore !== undefined) {
    rawIgnore.forEach((glob: unknown, i) => {
      if (typeof glob !== 'string' || glob === '') problem(['ignore', i], 'be a non-empty path glob such as "build/**"', glob);
      else ignore.push({ glob, match: globToRegExp(glob) });
    });
  }

  if (issues.length > 0) throw new PolicygenInputError(issues);
  return { rules, policyTypes, ignore };
}

/** The policy type the config gives a file (first matching glob), or undefined. */
export function policyTypeFor(config: LintConfig, relativePath: string): PolicyType | undefined {
  const path = normalizePath(relativePath);
  return config.policyTypes.find((p) => p.match.test(path))?.type;
}

/** True when an `ignore` glob matches the file. */
export function isIgnored(config: LintConfig, relativePath: string): boolean {
  const path = normalizePath(relativePath);
  return config.ignore.some((i) => i.match.test(path));
}
