import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, LogicalLocation, Location, ReportingDescriptor, Result } from 'sarif';
import type { LintReport } from '../lint/engine';
import type { Finding, JsonPath, RuleMeta, Severity } from '../lint/types';
import { renderJson } from './json';

export interface SarifOptions {
  /** policygen's version, for `tool.driver.version`. */
  readonly toolVersion: string;
  /**
   * The folder the findings' file names are relative to (the CLI's working directory). Artifact URIs
   * are written relative to it, under the uri base id `%SRCROOT%`.
   */
  readonly baseDir: string;
  /**
   * The IAM vocabulary the run used, in the run's properties: its version and the date of its data,
   * and with `--iam-data` the folder it came from (`source`).
   */
  readonly iamData?: { readonly version: string; readonly date?: string; readonly source?: string };
}

/** The OASIS standard's schema, which the SARIF multitool asks for (its rule SARIF2008). */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** Versioned so that a change of what the hash covers can never be mistaken for the old one. */
const FINGERPRINT_KEY = 'policygenFinding/v1';

/**
 * Access Analyzer's security warnings are errors for SARIF consumers (they fail at the default
 * --fail-on); suggestions are notes.
 */
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  security_warning: 'error',
  warning: 'warning',
  suggestion: 'note',
};

/**
 * GitHub code scanning reads `security-severity` (a number 0.0–10.0 as a string) to show a rule as a
 * security alert; 7.5 is in its "high" band (7.0–8.9), which is how Access Analyzer presents
 * SECURITY_WARNING findings: access that is considered a security risk.
 */
const SECURITY_SEVERITY = '7.5';

/**
 * `policygen lint --format sarif`: SARIF 2.1.0, one run, one rule per code in the order given,
 * artifact URIs relative to `baseDir`. The bytes depend only on the report, the rules and the options.
 *
 * @example renderSarif(report, RULE_METAS, { toolVersion: '0.1.0', baseDir: process.cwd() })
 */
export function renderSarif(report: LintReport, rules: readonly RuleMeta[], options: SarifOptions): string {
  const metas = uniqueByCode(rules);
  const ruleIndex = new Map(metas.map((m, i) => [m.code, i]));
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'policygen', version: options.toolVersion, rules: metas.map(reportingDescriptor) } },
        // Consumers resolve the relative URIs against this; the trailing slash makes it a folder.
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(options.baseDir) } },
        results: report.findings.map((f) => result(f, ruleIndex.get(f.code), options.baseDir)),
        // The engine counts columns in JavaScript string offsets.
        columnKind: 'utf16CodeUnits',
        ...(options.iamData
          ? {
              properties: {
                iamData: options.iamData.version,
                ...(options.iamData.date ? { iamDataDate: options.iamData.date } : {}),
                ...(options.iamData.source ? { iamDataSource: options.iamData.source } : {}),
              },
            }
          : {}),
      },
    ],
  };
  return renderJson(log);
}

function uniqueByCode(rules: readonly RuleMeta[]): readonly RuleMeta[] {
  const seen = new Set<string>();
  return rules.filter((r) => !seen.has(r.code) && seen.add(r.code));
}

function reportingDescriptor(meta: RuleMeta): ReportingDescriptor {
  const security = meta.severity === 'security_warning';
  return {
    id: meta.code,
    name: pascalCase(meta.code),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    // No helpUri: the README's rules table has an anchor per code, but the package has no public
    // URL to point at, and SARIF wants an absolute URI there.
    help: { text: meta.fix, markdown: `${meta.description}\n\n**Fix:** ${meta.fix}` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { severity: meta.severity, ...(security ? { tags: ['security'], 'security-severity': SECURITY_SEVERITY } : {}) },
  };
}

function result(f: Finding, index: number | undefined, baseDir: string): Result {
  const artifactLocation = artifactLocationOf(f.file, baseDir);
  const path = formatPath(f.path);
  const logicalLocations: LogicalLocation[] = [
    ...(f.resource !== undefined ? [{ name: f.resource, fullyQualifiedName: f.resource, kind: 'resource' }] : []),
    ...(path !== '' ? [{ name: lastSegment(f.path), fullyQualifiedName: path, kind: 'property' }] : []),
  ];
  const location: Location = {
    physicalLocation: { artifactLocation, region: { startLine: f.line, startColumn: f.column } },
    ...(logicalLocations.length > 0 ? { logicalLocations } : {}),
  };
  return {
    ruleId: f.code,
    // A code missing from `rules` keeps its id; a ruleIndex must point at a descriptor.
    ...(index !== undefined ? { ruleIndex: index } : {}),
    // Per finding, not only on the rule: the config may override a rule's severity.
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location],
    // No line numbers: a finding keeps its identity when lines are added above it.
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f.code, artifactLocation.uri, path, f.message) },
    properties: { severity: f.severity },
  };
}

/** Relative to baseDir under %SRCROOT%; a file outside it keeps an absolute file: URI. */
function artifactLocationOf(file: string, baseDir: string): { uri: string; uriBaseId?: string } {
  const absolute = resolve(baseDir, file);
  const rel = relative(baseDir, absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function folderUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpce']` -> `Statement[0].Condition.StringEquals["aws:SourceVpce"]`. */
function formatPath(path: JsonPath): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : IDENTIFIER.test(segment) ? `${i === 0 ? '' : '.'}${segment}` : `[${JSON.stringify(segment)}]`,
    )
    .join('');
}

/** The last key with its indices: `Action[2]` for `Statement[0].Action[2]`. */
function lastSegment(path: JsonPath): string {
  let start = path.length - 1;
  while (start > 0 && typeof path[start] === 'number') start--;
  return formatPath(path.slice(start));
}

function fingerprint(code: string, uri: string, path: string, message: string): string {
  return createHash('sha256').update([code, uri, path, message].join('\u0000')).digest('hex');
}

const pascalCase = (code: string): string =>
  code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
