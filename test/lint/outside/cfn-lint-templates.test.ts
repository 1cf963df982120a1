/**
 * cfn-lint's own IAM policy test templates (aws-cloudformation/cfn-lint, MIT-0), linted as users do
 * (`policygen lint FILE --format json`, in process). The expectations were judged by reading each
 * template against the AWS documentation (IAM policy validation check reference, IAM JSON policy
 * reference, Service Authorization Reference), not by running policygen: see
 * test/fixtures/real/cfn-lint/README.md for the source, the commit and the reason of each one.
 *
 * Per file: the findings that must be present (resource and code), the error findings that are
 * acceptable besides them, and the exit code. Any other finding at error level is a false error.
 * Where policygen disagrees, the file is in KNOWN_GAPS, and the test asserts that the disagreeing
 * files are exactly those: fixing a gap fails the test until its entry is removed.
 */
import { join } from 'node:path';
import { codesOf, judgeTemplate, type Outcome, type TemplateJudgement } from './judged-templates';

interface Judgement extends TemplateJudgement {
  /** What cfn-lint's folder says: good or bad (for cfn-lint's own rules, not always about the policy). */
  readonly cfnLint: 'good' | 'bad';
  /** The CLI's exit code when not 0 or 1 (0/1 follow from the findings and --fail-on). */
  readonly exit?: number;
}

const FOLDER = join('test', 'fixtures', 'real', 'cfn-lint');
const UNIQUE_SIDS = ['UNIQUE_SIDS_RECOMMENDED', 'UNIQUE_SIDS_REQUIRED'];

const JUDGED: Readonly<Record<string, Judgement>> = {
  'bad/resources/iam/iam_policy.yaml': {
    cfnLint: 'bad',
    required: [
      { resource: 'rIamRole', code: 'MISSING_STATEMENT' },
      { resource: 'rIamRole', code: 'INVALID_VERSION' },
      { resource: 'rIamRole', code: 'INVALID_POLICY_ELEMENT' },
      { resource: 'rIamRole', code: 'DATA_TYPE_MISMATCH' },
      { resource: 'rIamUser', code: 'INVALID_VERSION' },
      { resource: 'rIamUser', code: 'INVALID_EFFECT' },
      { resource: 'rIamUser', code: 'MISSING_ACTION' },
      { resource: 'rIamUser', code: 'UNSUPPORTED_PRINCIPAL' },
      { resource: 'rIamUser', code: 'DATA_TYPE_MISMATCH' },
      { resource: 'rIamPolicy', code: 'DATA_TYPE_MISMATCH' },
      { resource: 'rIamPolicyExtraThings', code: 'UNSUPPORTED_ELEMENT_COMBINATION' },
    ],
    allowed: [
      { resource: 'rIamUser', code: 'INVALID_PRINCIPAL_FORMAT' },
      { resource: 'rIamPolicyExtraThings', code: 'INVALID_ARN_PREFIX' },
    ],
  },
  'bad/resources/iam/resource_policy.yaml': {
    cfnLint: 'bad',
    required: [
      { resource: 'ecr1', code: 'INVALID_EFFECT' },
      { resource: 'ecr1', code: 'INVALID_POLICY_ELEMENT' },
      { resource: 'ecr1', code: 'INVALID_PRINCIPAL_FORMAT' },
      { resource: 'ecr2', code: 'INVALID_PRINCIPAL_FORMAT' },
    ],
  },
  'bad/resources/iam/managed_policy_permissions.yaml': {
    cfnLint: 'bad',
    required: [
      { resource: 'ManagedPolicy', code: 'INVALID_SERVICE_IN_ACTION' },
      { resource: 'ManagedPolicy', code: 'INVALID_ACTION' },
      { resource: 'ManagedPolicy3', code: 'INVALID_SERVICE_IN_ACTION' },
    ],
  },
  'bad/resources/iam/policy_sid.yaml': {
    cfnLint: 'bad',
    required: [
      { resource: 'rIamRole', code: 'UNSUPPORTED_SID' },
      { resource: 'rIamRole', code: UNIQUE_SIDS },
      { resource: 'rIamRole', code: 'MISSING_STATEMENT' },
    ],
  },
  'bad/resources/iam/policy_sid_2.yaml': {
    cfnLint: 'bad',
    required: [
      { resource: 'rIamRole', code: 'UNSUPPORTED_SID' },
      { resource: 'rIamRole', code: 'MISSING_STATEMENT' },
    ],
  },
  'bad/resources/iam/policy_version.yaml': {
    cfnLint: 'bad',
    required: [{ resource: 'rIamRole', code: 'MISSING_STATEMENT' }],
  },
  'bad/resources/s3/bucket_policy.yaml': {
    cfnLint: 'bad',
    required: [
      { resource: 'BpBadActionWithBucketResource', code: 'MISSING_PRINCIPAL' },
      { resource: 'BpBadActionWithBucketResource', code: 'INVALID_ACTION' },
    ],
    allowed: [{ resource: 'BpGoodActionWithConditionStatement', code: 'MISSING_STATEMENT' }],
  },
  'bad/resources_iam_role_assume_role_policy_document.yaml': {
    cfnLint: 'bad',
    required: [{ resource: 'IamRole', code: UNIQUE_SIDS }],
  },
  'bad/resources/properties/atleastone.yaml': {
    cfnLint: 'bad',
    required: [{ resource: 'myPolicy', code: 'MISSING_STATEMENT' }],
    allowed: [{ resource: 'myPolicy2', code: 'MISSING_STATEMENT' }],
  },
  'bad/override/include.yaml': {
    cfnLint: 'bad',
    required: [{ resource: 'myS3BucketPolicy', code: 'MISSING_PRINCIPAL' }],
    allowed: [{ resource: 'myS3BucketPolicy', code: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY' }],
  },
  'bad/resources_circular_dependency.yaml': {
    cfnLint: 'bad',
    required: [{ resource: 'myRoleToWriteToS3', code: 'INVALID_ACTION' }],
  },
  'bad/generic.yaml': {
    cfnLint: 'bad',
    required: [{ resource: 'myIamProfile3', code: 'MISSING_STATEMENT' }],
  },
  'bad/resources/primary_identifiers.yaml': {
    cfnLint: 'bad',
    required: [{ resource: '', code: 'PARSE_ERROR' }],
    exit: 2,
  },
  'bad/resources/iam/managed_policy_description.yaml': { cfnLint: 'bad', required: [] },
  'bad/resources/iam/ref_with_path.yaml': { cfnLint: 'bad', required: [] },
  'good/resources/iam/policy.yaml': { cfnLint: 'good', required: [] },
  'good/resources/iam/resource_policy.yaml': { cfnLint: 'good', required: [] },
  'good/resources/iam/managed_policy_description.yaml': { cfnLint: 'good', required: [] },
  'good/resources/iam/ref_with_path.yaml': { cfnLint: 'good', required: [] },
  'good/resources/s3/bucket_policy.yaml': {
    cfnLint: 'good',
    required: [],
    allowed: [{ resource: 'BpGoodActionWithConditionStatement', code: 'MISSING_STATEMENT' }],
  },
  'good/functions/sub_needed_custom_excludes.yaml': {
    cfnLint: 'good',
    required: [{ resource: 'TestRole', code: 'VARIABLE_UNSUPPORTED_IN_ELEMENT' }],
  },
  'good/resources/properties/list_duplicates.yaml': {
    cfnLint: 'good',
    required: [
      { resource: 'IamRole', code: 'MISSING_STATEMENT' },
      { resource: 'IamRoleWithConditions', code: 'MISSING_STATEMENT' },
      { resource: 'IamRoleWithNestedConditions', code: 'MISSING_STATEMENT' },
    ],
  },
  'good/resources/properties/hard_coded_arn_properties.yaml': { cfnLint: 'good', required: [] },
  'good/functions/relationship_conditions.yaml': { cfnLint: 'good', required: [] },
};

/**
 * Files where policygen disagrees with the judgement, with the reason. Empty since statements behind
 * an undecided Fn::If are read branch by branch (both S3 bucket_policy.yaml templates had a false
 * MISSING_PRINCIPAL on the unresolved {"Fn::If": …}).
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

const ERROR_ONLY: ReadonlySet<string> = new Set(['error']);
const outcomeOf = (file: string, judgement: Judgement): Promise<Outcome> =>
  judgeTemplate(
    FOLDER,
    file,
    judgement,
    ERROR_ONLY,
    (findings) => judgement.exit ?? (findings.some((f) => f.severity === 'error' || f.severity === 'security_warning') ? 1 : 0),
  );

describe('cfn-lint IAM policy templates (test/fixtures/real/cfn-lint)', () => {
  const outcomes = new Map<string, Outcome>();

  beforeAll(async () => {
    for (const [file, judgement] of Object.entries(JUDGED)) outcomes.set(file, await outcomeOf(file, judgement));
  });

  it('judges 24 templates, and every known gap is one of them', () => {
    expect(Object.keys(JUDGED)).toHaveLength(24);
    for (const file of Object.keys(KNOWN_GAPS)) expect(JUDGED).toHaveProperty([file]);
  });

  for (const [file, judgement] of Object.entries(JUDGED)) {
    const want = judgement.required.map((e) => `${codesOf(e).join('|')}@${e.resource}`).join(', ') || 'no finding at error level';
    it(`${file} (cfn-lint: ${judgement.cfnLint}): ${want}${KNOWN_GAPS[file] ? ' [known gap]' : ''}`, () => {
      const outcome = outcomes.get(file)!;
      if (KNOWN_GAPS[file] === undefined) expect(outcome.problems).toEqual([]);
      else {
        // The gap is the one its reason names: every disagreement's code is in the reason.
        expect(outcome.problems).not.toEqual([]);
        for (const problem of outcome.problems) expect(KNOWN_GAPS[file]).toContain(/[A-Z][A-Z_]{4,}/.exec(problem)?.[0] ?? problem);
      }
    });
  }

  it('disagrees exactly on the KNOWN_GAPS files', () => {
    const disagreeing = [...outcomes].filter(([, o]) => o.problems.length > 0).map(([file]) => file);
    expect(disagreeing.sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  });

  it('never crashes: exit 0 or 1, and 2 only for the file that is no template', () => {
    for (const [file, outcome] of outcomes) expect([file, outcome.status]).toEqual([file, JUDGED[file]!.exit ?? (outcome.status === 0 ? 0 : 1)]);
  });
});
