import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MANAGED_POLICIES_GRANTING_ALL_ECR, MANAGED_POLICIES_GRANTING_PULL, awsManagedPolicyName } from '../../../../src/lint/rules/ecr/pull-path';

const CORPUS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'aws-managed-policies');
const describeCorpus = existsSync(CORPUS) ? describe : describe.skip;

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: unknown;
}

// An IAM wildcard match written apart from the code under test.
const matches = (pattern: string, action: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  ).test(action);
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const grants = (s: Statement, action: string): boolean =>
  s.Action !== undefined ? list(s.Action).some((a) => matches(a, action)) : s.NotAction !== undefined && !list(s.NotAction).some((a) => matches(a, action));

/** Unconditioned Allow statements on "*" of a corpus policy. */
function openStatements(name: string): Statement[] {
  const document = JSON.parse(readFileSync(join(CORPUS, `${name}.json`), 'utf8')) as { Statement: Statement | Statement[] };
  return ([] as Statement[]).concat(document.Statement).filter((s) => s.Effect === 'Allow' && s.Condition === undefined && list(s.Resource).includes('*'));
}

describeCorpus('AWS managed policies the ECR rules name (checked against the corpus of real AWS managed policies)', () => {
  it.each([...MANAGED_POLICIES_GRANTING_PULL])('%s grants ecr:BatchGetImage on "*"', (name) => {
    expect(openStatements(name).some((s) => grants(s, 'ecr:BatchGetImage'))).toBe(true);
  });

  it('MANAGED_POLICIES_GRANTING_ALL_ECR is every managed policy granting *, *:*, ecr:* or a NotAction that leaves ECR in', () => {
    const everyEcr = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .filter((name) =>
        openStatements(name).some((s) =>
          s.Action !== undefined ? list(s.Action).some((a) => ['*', '*:*', 'ecr:*'].includes(a.toLowerCase())) : grants(s, 'ecr:PutImage'),
        ),
      );
    expect([...MANAGED_POLICIES_GRANTING_ALL_ECR].sort()).toEqual(everyEcr.sort());
  });
});

describe('awsManagedPolicyName', () => {
  it.each([
    ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy', 'AmazonECSTaskExecutionRolePolicy'],
    ['arn:aws-cn:iam::aws:policy/AdministratorAccess', 'AdministratorAccess'],
    ['arn:aws:iam::111122223333:policy/AdministratorAccess', undefined],
    ['AdministratorAccess', undefined],
  ])('%s -> %s', (arn, name) => {
    expect(awsManagedPolicyName(arn)).toBe(name);
  });
});
