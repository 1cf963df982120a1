import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalizePolicy, generateExecutionRolePolicy, generateS3GatewayPolicy, type WirePolicy } from '../../src';
import type { CanonicalStatement } from '../../src/model/policy';

/**
 * AWS's documented examples, reproduced from the matching inputs. The examples are stored as
 * published (test/golden/aws-docs); only placeholders are substituted here.
 */
function documented(name: string, substitutions: Record<string, string>): WirePolicy {
  let text = JSON.stringify(JSON.parse(readFileSync(join(__dirname, 'aws-docs', name), 'utf8')).policy);
  for (const [from, to] of Object.entries(substitutions)) text = text.split(from).join(to);
  return JSON.parse(text) as WirePolicy;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** action -> the statements that allow it, without Sid and Resource. */
function grants(statements: readonly CanonicalStatement[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { Sid: _sid, Resource: _resource, Action, ...rest } of statements) {
    for (const action of list(Action)) out.set(action, [...(out.get(action) ?? []), JSON.stringify({ ...rest })]);
  }
  return out;
}

describe('AWS documented examples', () => {
  it.each(['us-east-1', 'eu-west-1', 'ap-southeast-2'])('reproduces the minimum S3 permissions policy in %s exactly', (region) => {
    const expected = canonicalizePolicy(documented('ecr-minimum-s3-permissions.json', { REGION: region }));
    expect(generateS3GatewayPolicy({ region }).document).toEqual(expected);
  });

  it('reproduces the Fargate execution role with aws:sourceVpce/aws:sourceVpc: same actions, same conditions on the same actions, narrower resources', () => {
    const vpce = 'vpce-0a1b2c3d4e5f60718';
    const vpc = 'vpc-0a1b2c3d4e5f60718';
    const account = '111122223333';
    const expected = canonicalizePolicy(documented('ecs-fargate-execution-role-vpce.json', { 'vpce-xxxxxx': vpce, 'vpc-xxxxx': vpc }));
    const generated = generateExecutionRolePolicy({
      region: 'us-east-1',
      account,
      vpceIds: [vpce],
      vpcIds: [vpc],
      repositories: ['my-app'],
      logGroups: ['/ecs/my-app'],
    }).document;

    expect(grants(generated.Statement)).toEqual(grants(expected.Statement));
    // The documented example uses Resource "*" for every action; policygen scopes the ones that take ARNs.
    const resources = Object.fromEntries(generated.Statement.flatMap((s) => list(s.Action).map((a) => [a, list(s.Resource)])));
    expect(resources).toEqual({
      'ecr:GetAuthorizationToken': ['*'],
      'ecr:BatchCheckLayerAvailability': [`arn:aws:ecr:us-east-1:${account}:repository/my-app`],
      'ecr:BatchGetImage': [`arn:aws:ecr:us-east-1:${account}:repository/my-app`],
      'ecr:GetDownloadUrlForLayer': [`arn:aws:ecr:us-east-1:${account}:repository/my-app`],
      'logs:CreateLogStream': [`arn:aws:logs:us-east-1:${account}:log-group:/ecs/my-app:*`],
      'logs:PutLogEvents': [`arn:aws:logs:us-east-1:${account}:log-group:/ecs/my-app:*`],
    });
  });
});
