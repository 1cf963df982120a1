import {
  compilePolicy,
  diffEvaluationInputs,
  diffPolicies,
  evaluate,
  generateExecutionRolePolicy,
  PolicygenInputError,
  type EvaluationRequest,
  type PolicyDiff,
  type WirePolicy,
} from '../../src';

/** The evaluator and the diff from the library's one entry, as a consumer uses them. */
describe('public API: evaluator and diff', () => {
  const role = generateExecutionRolePolicy({
    region: 'us-east-1',
    account: '111122223333',
    vpceIds: ['vpce-0a1b2c3d4e5f60718'],
    repositories: ['app'],
  }).document;
  const pull: EvaluationRequest = {
    principal: { arn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole' },
    action: 'ecr:BatchGetImage',
    resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app',
  };

  it('should evaluate a generated role: the pull through the endpoint is allowed, around it not (DOMAIN.md §3)', () => {
    const compiled = compilePolicy(role);
    const inputs = [{ label: 'role', kind: 'identity' as const, document: compiled }];
    expect(evaluate({ ...pull, context: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } }, inputs).decision).toBe('Allow');
    expect(evaluate(pull, inputs).decision).toBe('ImplicitDeny');
  });

  it('should diff two policies and let the caller repeat an example', async () => {
    const wider: WirePolicy = { ...role, Statement: [...role.Statement, { Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' }] } as WirePolicy;
    const result: PolicyDiff = await diffPolicies(role, wider);
    expect(result.broader).toBe(true);
    const example = result.added.find((e) => e.request.action === 'ecr:PutImage');
    expect(example).toBeDefined();
    expect(evaluate(example!.request, diffEvaluationInputs(wider, result.policyType)).decision).toBe('Allow');
    expect(evaluate(example!.request, diffEvaluationInputs(role, result.policyType)).decision).toBe('ImplicitDeny');
  });

  it('should reject an invalid document with PolicygenInputError', async () => {
    await expect(diffPolicies({ Statement: [] } as unknown as WirePolicy, role)).rejects.toBeInstanceOf(PolicygenInputError);
  });
});
