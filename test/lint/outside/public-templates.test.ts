/**
 * Public CloudFormation templates nobody here wrote (aws-samples/serverless-patterns, aws-quickstart,
 * aws-cloudformation/aws-cloudformation-templates), linted as users do (`policygen lint FILE --format json`,
 * in process). The expectations were judged by reading each template against the AWS documentation, not by
 * running policygen: see test/fixtures/real/public-templates/README.md for the source, commit, licence and
 * the reason of each one.
 *
 * Per file: the findings that must be present (resource and code), and the exit code. Any other finding at
 * error or security_warning level is a false finding, and an exit code other than 0/1 on a template
 * CloudFormation deploys is a crash. Where policygen disagrees, the file is in KNOWN_GAPS, and the test
 * asserts that the disagreeing files are exactly those: fixing a gap fails the test until its entry is removed.
 */
import { join } from 'node:path';
import { codesOf, judgeTemplate, type Outcome, type TemplateJudgement } from './judged-templates';

/** Findings at error or security_warning level that must be present; no other is acceptable. */
type Judgement = TemplateJudgement;

const FOLDER = join('test', 'fixtures', 'real', 'public-templates');

const JUDGED: Readonly<Record<string, Judgement>> = {
  // Genuine findings.
  'aws-cloudformation-templates/S3/compliant-bucket.yaml': {
    required: [{ resource: 'ObjectStorageReplicationPolicy', code: 'INVALID_ACTION' }],
  },
  'serverless-patterns/apigw-sqs-lambda/template.yaml': {
    required: [{ resource: 'MyHttpApiRole', code: 'INVALID_ACTION' }],
  },
  // No finding at error or security_warning level.
  'quickstart-amazon-eks/templates/amazon-eks-load-balancer-controller.template.yaml': { required: [] },
  'quickstart-linux-bastion/templates/linux-bastion-entrypoint-existing-vpc.template.yaml': { required: [] },
  'aws-cloudformation-templates/AWSSupplyChain/SapPrivateLink/SapPrivateLink.yaml': { required: [] },
  'serverless-patterns/route53-alb-s3/template.yaml': { required: [] },
  'serverless-patterns/lambda-ecs-durable-python-sam/template.yaml': { required: [] },
  'serverless-patterns/apigw-vpclink-alb-ecs/template.yaml': { required: [] },
};

/**
 * Files where policygen disagrees with the judgement, with the reason (naming every code it gets
 * wrong). Empty since: template policies that are unresolved intrinsics are not judged (an Fn::Sub
 * JSON trust policy), the rule functions' short forms parse, check leaves unknown what depends on
 * the public IP of a task nothing in the template runs, and the ECR network rules that cannot walk
 * the pull stay quiet in a stack with no ECR pull or with an internet route.
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

const LOUD: ReadonlySet<string> = new Set(['error', 'security_warning']);
const outcomeOf = (file: string, judgement: Judgement): Promise<Outcome> =>
  judgeTemplate(FOLDER, file, judgement, LOUD, () => (judgement.required.length > 0 ? 1 : 0));

describe('public CloudFormation templates (test/fixtures/real/public-templates)', () => {
  const outcomes = new Map<string, Outcome>();

  beforeAll(async () => {
    for (const [file, judgement] of Object.entries(JUDGED)) outcomes.set(file, await outcomeOf(file, judgement));
  });

  it('judges 8 templates, and every known gap is one of them', () => {
    expect(Object.keys(JUDGED)).toHaveLength(8);
    for (const file of Object.keys(KNOWN_GAPS)) expect(JUDGED).toHaveProperty([file]);
  });

  for (const [file, judgement] of Object.entries(JUDGED)) {
    const want = judgement.required.map((e) => `${codesOf(e).join('|')}@${e.resource}`).join(', ') || 'no error or security warning';
    it(`${file}: ${want}${KNOWN_GAPS[file] ? ' [known gap]' : ''}`, () => {
      const outcome = outcomes.get(file)!;
      if (KNOWN_GAPS[file] === undefined) expect(outcome.problems).toEqual([]);
      else {
        // The gap is the one its reason names: the code of every false finding, and an exit of 2, are in the reason.
        expect(outcome.problems).not.toEqual([]);
        for (const problem of outcome.problems) {
          // An exit of 1 instead of 0 follows from the false findings named below.
          if (/^exit 1, expected 0$/.test(problem)) continue;
          const named = /^exit 2\b/.test(problem) ? 'exit 2' : /[A-Z][A-Z_]{4,}/.exec(problem)?.[0];
          expect(KNOWN_GAPS[file]).toContain(named ?? problem);
        }
      }
    });
  }

  it('disagrees exactly on the KNOWN_GAPS files', () => {
    const disagreeing = [...outcomes].filter(([, o]) => o.problems.length > 0).map(([file]) => file);
    expect(disagreeing.sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  });

  it('never crashes outside the known gaps: exit 0 or 1', () => {
    for (const [file, outcome] of outcomes) {
      if (KNOWN_GAPS[file] === undefined) expect([file, outcome.status]).toEqual([file, outcome.status === 0 ? 0 : 1]);
    }
  });
});
