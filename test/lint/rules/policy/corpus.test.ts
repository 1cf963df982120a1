import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadIamCatalog } from '../../../../src/catalog/iam-catalog';
import { POLICY_RULES } from '../../../../src/lint/rules/policy';
import { POLICY_TYPES, type PolicyUnit, type Severity } from '../../../../src/lint/types';
import { unitOf } from './helpers';

const CORPUS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'aws-managed-policies');
const present = existsSync(CORPUS);
if (!present) console.warn(`corpus test skipped: ${CORPUS} is absent (it lives next to the checkout, in shared/)`);
const maybe = present ? describe : describe.skip;

interface Finding {
  readonly file: string;
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}

// These policies are live in AWS, so ERROR findings are real defects or false positives of ours
// (corpus README). Each error left was checked by hand (see the report of the rules): actions of
// retired services (deepracer, mobilehub, iot1click, catalog-admin, …) and actions or keys missing from
// the Service Authorization Reference (s3:ListBuckets, cloudhsm:DescribeHapg, aws:PrincipalOrgMasterAccountId).
// The ARN format rules add 64 errors in 40 policies, read by hand against the Service Authorization
// Reference's formats: nearly all match no resource of their service as written (log groups without
// log-group:, secrets without secret:, listener/awseb-* where listener/app/ is required, stack/NAME
// without its ID, Regions missing from log-group ARNs); a few name resource types the reference lacks
// (cloudformation transform/, waf changetoken/, Application Auto Scaling scalingPolicy:).
// UNSUPPORTED_ACTION_FOR_CONDITION_KEY adds 40 errors in 16 policies (73 policies with an error in all,
// 169 errors): each an action whose row and resource types in the Service Authorization Reference lack
// the key, nearly all List/Describe/Search actions without resource types next to actions that take it
// (ec2:DescribeInstances with ec2:ResourceTag/…, application-autoscaling:DescribeScalableTargets with
// application-autoscaling:service-namespace, ram:GetResourceShares with ram:ResourceShareName). The
// Marketplace ones (aws-marketplace:Subscribe with aws-marketplace:ProductId) may be gaps of the reference.
// The bounds allow those and fail on a flood of false positives.
const MAX_ERROR_FILES = 100;
const MAX_ERRORS = 250;

maybe('policy rules over the AWS managed policy corpus (identity policies)', () => {
  const files = present
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  const units: { readonly file: string; readonly unit: PolicyUnit }[] = [];
  const findings: Finding[] = [];
  const passMs: number[] = [];

  beforeAll(async () => {
    for (const file of files) {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      units.push({ file, unit: unitOf(JSON.parse(text), 'identity', text) });
    }
    const iam = loadIamCatalog();
    const identityRules = POLICY_RULES.filter((rule) => rule.appliesTo === undefined || rule.appliesTo.includes('identity'));
    // The first pass is what one CLI run pays (cold code, empty caches); later passes show the rules' own cost.
    for (let pass = 0; pass < 3; pass++) {
      const start = performance.now();
      for (const { file, unit } of units) {
        for (const rule of identityRules) {
          const hits = rule.check(unit, { iam });
          if (pass === 0) for (const h of hits) findings.push({ file, code: rule.meta.code, severity: rule.meta.severity, message: h.message });
        }
      }
      passMs.push(performance.now() - start);
    }
    if (process.env['POLICY_RULES_PROFILE'] === '1') {
      for (const rule of POLICY_RULES) {
        const t = performance.now();
        for (const { unit } of units) rule.check(unit, { iam });
        console.log(`${rule.meta.code}: ${(performance.now() - t).toFixed(1)} ms`);
      }
    }
  }, 60_000);

  it('runs every rule under every policy type without throwing (a quarter of the corpus)', async () => {
    const iam = loadIamCatalog();
    const thrown: string[] = [];
    for (const policyType of POLICY_TYPES) {
      for (const { file, unit } of units.filter((_, i) => i % 4 === 0)) {
        const typed = { ...unit, policyType };
        for (const rule of POLICY_RULES) {
          try {
            rule.check(typed, { iam });
          } catch (error) {
            thrown.push(`${rule.meta.code} ${policyType} ${file}: ${String(error)}`);
          }
        }
      }
    }
    expect(thrown).toEqual([]);
  });

  it('reads every corpus file', () => {
    expect(units.length).toBe(files.length);
    expect(units.length).toBeGreaterThan(1000);
  });

  it('reports few errors, and prints the counts per code', () => {
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(`${f.severity} ${f.code}`, (counts.get(`${f.severity} ${f.code}`) ?? 0) + 1);
    const errors = findings.filter((f) => f.severity === 'error');
    console.log(
      `policy rules over ${units.length} corpus policies: ${passMs.map((ms) => ms.toFixed(0)).join(' / ')} ms of rule time (passes 1 / 2 / 3)\n` +
        [...counts]
          .sort()
          .map(([k, n]) => `  ${k}: ${n}`)
          .join('\n') +
        `\nerrors:\n${errors.map((e) => `  ${e.file} ${e.code} ${e.message}`).join('\n')}` +
        (process.env['POLICY_RULES_SHOW']
          ? `\n${findings
              .filter((f) => f.code === process.env['POLICY_RULES_SHOW'])
              .map((e) => `  ${e.file} ${e.code} ${e.message}`)
              .join('\n')}`
          : ''),
    );
    expect(errors.length).toBeLessThanOrEqual(MAX_ERRORS);
    expect(new Set(errors.map((e) => e.file)).size).toBeLessThanOrEqual(MAX_ERROR_FILES);
  });

  // Policies the Access Analyzer policy check reference names for a check, when they are in the corpus.
  it.each([
    [
      'PASS_ROLE_WITH_STAR_IN_RESOURCE',
      [
        'AdministratorAccess-Amplify',
        'AWSElasticBeanstalkFullAccess',
        'AWSElasticBeanstalkService',
        'AWSLambdaFullAccess',
        'AWSOpsWorksFullAccess',
        'AWSOpsWorksRole',
        'AWSDataPipelineRole',
        'AmazonDynamoDBFullAccesswithDataPipeline',
        'AmazonElasticMapReduceFullAccess',
        'AmazonEC2ContainerServiceFullAccess',
      ],
    ],
    ['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', ['AdministratorAccess', 'IAMFullAccess']],
    ['CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE', ['AdministratorAccess', 'IAMFullAccess']],
    ['CREATE_SLR_WITH_STAR_IN_RESOURCE', ['PowerUserAccess', 'AWSOrganizationsServiceTrustPolicy']],
    // Named there as exceptions that Access Analyzer exempts by name: the pattern is present.
    [
      'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',
      ['AmazonSecurityLakeAdministrator', 'AWSCodePipeline_FullAccess', 'AWSCodePipeline_ReadOnlyAccess', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy'],
    ],
  ])("%s finds the policies Access Analyzer's reference names", (code, names) => {
    const flagged = new Set(findings.filter((f) => f.code === code).map((f) => f.file));
    const listed = names.map((n) => `${n}.json`).filter((f) => files.includes(f));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((f) => !flagged.has(f))).toEqual([]);
  });

  it('finds no error in AmazonECSTaskExecutionRolePolicy (the baseline of DOMAIN.md §3)', () => {
    expect(findings.filter((f) => f.file === 'AmazonECSTaskExecutionRolePolicy.json' && f.severity === 'error')).toEqual([]);
  });

  it('flags the two policies Access Analyzer lists as over the identity policy quota', () => {
    // IAM User Guide, Access Analyzer policy check reference: ReadOnlyAccess and AWSSupportServiceRolePolicy.
    const over = new Set(findings.filter((f) => f.code === 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA').map((f) => f.file));
    for (const file of ['ReadOnlyAccess.json', 'AWSSupportServiceRolePolicy.json']) if (files.includes(file)) expect(over).toContain(file);
  });

  // Measured alone on the 2-core machine: first pass about 0.25-0.3 s, later passes about 0.08-0.12 s.
  // Parallel test workers and other load stretch every pass alike, so the cold pass is bounded as a
  // ratio of the warm one (measured ~3x; a cold pass 10x the warm one means work that does not amortize).
  it('lints the corpus in well under 0.3 s of rule time once warm, and stays fast cold', () => {
    const warm = Math.min(...passMs);
    expect(warm).toBeLessThan(300);
    expect(passMs[0]! / warm).toBeLessThan(10);
  });
});
