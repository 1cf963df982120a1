import { checkFails, checkUndecided } from '../../src/check';
import { PolicygenInputError } from '../../src/model/errors';
import { runInProcess } from '../cli/helpers';
import { blockedKeys, checkFixture, checkYaml, DEPLOYED, FIXTURES, goodFargateWith, runByInstead, stepOf, unknownKeys, warningCodes } from './helpers';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Issue 10 §3: three answers, the actions a pull really needs, the EC2 launch type's instance role,
 * public IPs, named extra grants. Expectations come from DOMAIN.md, not from the output.
 */

const AUTH = 'auth-token ecr:GetAuthorizationToken ecr.api';
const PULL = ['manifest ecr:BatchGetImage ecr.dkr', 'layer-urls ecr:GetDownloadUrlForLayer ecr.dkr'];
const LAYER = 'layer-download s3:GetObject s3';
const LOGS = ['log-stream logs:CreateLogStream logs', 'log-events logs:PutLogEvents logs'];

describe('check: the actions a pull needs (DOMAIN.md §1 hop 2)', () => {
  it('should pass a role without ecr:BatchCheckLayerAvailability, as AmazonEC2ContainerRegistryPullOnly grants', () => {
    const text = goodFargateWith(/(Sid: PullThroughEndpoint\n\s+Effect: Allow\n\s+Action:\n)\s+- ecr:BatchCheckLayerAvailability\n/, '$1');
    expect(text).not.toMatch(/PullThroughEndpoint[\s\S]{0,80}BatchCheckLayerAvailability/);
    const report = checkYaml(text);
    expect(blockedKeys(report)).toEqual([]);
    expect(report.steps.map((s) => s.action)).not.toContain('ecr:BatchCheckLayerAvailability');
  });

  it('should still block a role without ecr:GetDownloadUrlForLayer', () => {
    const text = goodFargateWith(/(Sid: PullThroughEndpoint\n\s+Effect: Allow\n\s+Action:\n(?:\s+- ecr:\w+\n){2})\s+- ecr:GetDownloadUrlForLayer\n/, '$1');
    expect(blockedKeys(checkYaml(text))).toEqual([PULL[1]]);
  });
});

describe('check: three answers', () => {
  it('should answer unknown, not blocked, when an endpoint policy names an endpoint from a parameter without value', () => {
    const text = goodFargateWith('aws:SourceVpce: !Ref EcrDkrEndpoint', 'aws:SourceVpce: !Ref SharedEndpointId').replace(
      'Parameters:\n',
      'Parameters:\n  SharedEndpointId:\n    Type: String\n',
    );
    const report = checkYaml(text);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual(PULL);
    const manifest = stepOf(report, 'manifest');
    expect(manifest).toMatchObject({ verdict: 'unknown', allowed: null });
    expect(manifest.reason).toContain('the parameter SharedEndpointId');
    expect(checkFails(report)).toBe(false);
    expect(checkUndecided(report)).toBe(true);
    expect(report.summary).toMatchObject({ steps: 6, allowed: 4, blocked: 0, unknown: 2 });
  });

  it('should answer unknown when the resource comes from Fn::ImportValue of a stack not given', () => {
    const text = goodFargateWith('Resource: !Sub ${LogGroup.Arn}', "Resource: !ImportValue 'shared-log-group-arn'");
    const report = checkYaml(text);
    expect(unknownKeys(report)).toEqual(LOGS);
    expect(stepOf(report, 'log-stream').reason).toContain('Fn::ImportValue shared-log-group-arn');
  });

  it('should still block what no deploy-time value can fix, next to an unknown step', () => {
    // The role's pull statement names a parameter, and the S3 policy lacks the layer bucket.
    const text = goodFargateWith('aws:SourceVpce: !Ref EcrDkrEndpoint', 'aws:SourceVpce: !Ref SharedEndpointId')
      .replace('Parameters:\n', 'Parameters:\n  SharedEndpointId:\n    Type: String\n')
      .replace('prod-${AWS::Region}-starport-layer-bucket/*', 'my-app-assets-${AWS::AccountId}/*');
    const report = checkYaml(text);
    expect(blockedKeys(report)).toEqual([LAYER]);
    expect(unknownKeys(report)).toEqual(PULL);
    expect(checkFails(report)).toBe(true);
    expect(checkUndecided(report)).toBe(false);
  });

  it('should answer unknown when the role has a managed policy the check does not know and its own policies fall short', () => {
    const text = goodFargateWith(
      '      Policies:\n        - PolicyName: pull-over-privatelink',
      '      ManagedPolicyArns: [arn:aws:iam::111122223333:policy/team-pull]\n      Policies:\n        - PolicyName: pull-over-privatelink',
    ).replace(
      "Action: ecr:GetAuthorizationToken\n                Resource: '*'\n              - Sid: PullThroughEndpoint",
      "Action: ecr:DescribeRepositories\n                Resource: '*'\n              - Sid: PullThroughEndpoint",
    );
    const report = checkYaml(text);
    expect(unknownKeys(report)).toEqual([AUTH]);
    expect(blockedKeys(report)).toEqual([]);
    expect(stepOf(report, 'auth-token').reason).toContain('arn:aws:iam::111122223333:policy/team-pull');
    expect(warningCodes(report)).toContain('UNKNOWN_MANAGED_POLICY');
  });

  it('should answer unknown for a missing endpoint when the input holds no network at all', () => {
    const report = checkYaml(SERVICE_ONLY);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([AUTH, ...PULL, LAYER]);
    expect(stepOf(report, 'manifest').reason).toMatch(/declares no VPC network/);
  });
});

/** An execution role and a task, nothing of the network: the VPC stack is another one. */
const SERVICE_ONLY = `
Resources:
  ExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      ExecutionRoleArn: !GetAtt ExecutionRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/my-app:1
`;

/** An EC2 service in private subnets with every endpoint, and an instance profile; no execution role. */
function ec2Stack({ profile, instancePolicy }: { profile: boolean; instancePolicy: string }): string {
  const text = goodFargateWith(
    '      RequiresCompatibilities: [FARGATE]\n      NetworkMode: awsvpc\n',
    '      RequiresCompatibilities: [EC2]\n      NetworkMode: bridge\n',
  )
    .replace('      ExecutionRoleArn: !GetAtt ExecutionRole.Arn\n', '')
    .replace(/      LaunchType: FARGATE\n      PlatformVersion: 1.4.0\n/, '      LaunchType: EC2\n')
    .replace(/      NetworkConfiguration:\n(?:          ?.*\n)+?(?=\nOutputs)/, '')
    // The endpoint policies admit the instance role rather than the execution role.
    .replace(/AWS: !GetAtt ExecutionRole.Arn/g, 'AWS: !GetAtt InstanceRole.Arn');
  const instance = `
  InstanceRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: instance
          PolicyDocument: ${instancePolicy}
${
  profile
    ? `  InstanceProfile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref InstanceRole]
  LaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        IamInstanceProfile: {Arn: !GetAtt InstanceProfile.Arn}
`
    : ''
}`;
  return text.replace('\nOutputs:', `${instance}\nOutputs:`);
}

const INSTANCE_PULL = `{Version: '2012-10-17', Statement: [{Effect: Allow, Action: [ecr:GetAuthorizationToken, ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, logs:CreateLogStream, logs:PutLogEvents], Resource: '*'}]}`;
const INSTANCE_NO_LOGS = `{Version: '2012-10-17', Statement: [{Effect: Allow, Action: [ecr:GetAuthorizationToken, ecr:BatchGetImage, ecr:GetDownloadUrlForLayer], Resource: '*'}]}`;

describe('check: EC2 launch type without an execution role (DOMAIN.md §1 hop 6)', () => {
  it('should pull with the container instance role of the template and say so', () => {
    const report = checkYaml(ec2Stack({ profile: true, instancePolicy: INSTANCE_PULL }));
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([]);
    expect(stepOf(report, 'manifest').decidedBy).toContain('InstanceRole/instance: Statement[0]');
    expect(warningCodes(report)).toContain('INSTANCE_ROLE_USED');
  });

  it('should block what the instance role does not allow (awslogs too uses it)', () => {
    const report = checkYaml(ec2Stack({ profile: true, instancePolicy: INSTANCE_NO_LOGS }));
    expect(blockedKeys(report)).toEqual(LOGS);
  });

  it('should answer unknown, never blocked, when the template has no instance profile', () => {
    const report = checkYaml(ec2Stack({ profile: false, instancePolicy: INSTANCE_PULL }));
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([AUTH, ...PULL, ...LOGS]);
    // The layer download is signed by ECR, not by the instance role.
    expect(stepOf(report, 'layer-download').verdict).toBe('allowed');
    expect(warningCodes(report)).toContain('INSTANCE_ROLE_UNKNOWN');
    expect(report.warnings.find((w) => w.code === 'INSTANCE_ROLE_UNKNOWN')!.message).toContain('--instance-role-policy');
  });

  it('should read the instance role from --instance-role-policy', () => {
    const text = ec2Stack({ profile: false, instancePolicy: INSTANCE_PULL }).replace(/AWS: !GetAtt InstanceRole.Arn/g, "AWS: '*'");
    const allow = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: '*' }],
    };
    const report = checkYaml(text, { ...DEPLOYED, instanceRolePolicy: { file: 'instance.json', document: allow } });
    expect(unknownKeys(report)).toEqual([]);
    expect(blockedKeys(report)).toEqual(LOGS);
    expect(stepOf(report, 'manifest').decidedBy).toContain('instance.json (instance role): Statement[0]');
  });

  it('should refuse an --instance-role-policy that is not a policy document', () => {
    const text = ec2Stack({ profile: false, instancePolicy: INSTANCE_PULL });
    expect(() => checkYaml(text, { ...DEPLOYED, instanceRolePolicy: { file: 'instance.json', document: { Version: '2012-10-17' } } })).toThrow(
      PolicygenInputError,
    );
  });

  it('should take bridge network mode as EC2 even without RequiresCompatibilities', () => {
    const text = ec2Stack({ profile: false, instancePolicy: INSTANCE_PULL }).replace('      RequiresCompatibilities: [EC2]\n', '');
    expect(warningCodes(checkYaml(text))).toContain('INSTANCE_ROLE_UNKNOWN');
  });
});

describe('check: public IP (an internet gateway route is used only with one)', () => {
  // No logs endpoint; the VPC routes to an internet gateway; no NAT.
  const withGateway = (assign: 'ENABLED' | 'DISABLED') =>
    goodFargateWith(/  LogsEndpoint:\n(?:      .*\n|    .*\n)+/, '')
      .replace(
        '  PrivateSubnetARouteTableAssociation:',
        '  Igw:\n    Type: AWS::EC2::InternetGateway\n  DefaultRoute:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId: !Ref PrivateRouteTable\n      DestinationCidrBlock: 0.0.0.0/0\n      GatewayId: !Ref Igw\n\n  PrivateSubnetARouteTableAssociation:',
      )
      .replace('AssignPublicIp: DISABLED', `AssignPublicIp: ${assign}`);

  it('should block awslogs without a logs endpoint when the tasks have no public IP', () => {
    expect(blockedKeys(checkYaml(withGateway('DISABLED')))).toEqual(LOGS);
  });

  it('should send awslogs over the internet gateway when the service assigns a public IP', () => {
    const report = checkYaml(withGateway('ENABLED'));
    expect(blockedKeys(report)).toEqual([]);
    expect(stepOf(report, 'log-stream').network).toBe('internet');
  });

  // A task that nothing in the template runs is started by RunTask from code or another stack
  // (aws-samples/serverless-patterns lambda-ecs-durable-python-sam): its AssignPublicIp is not in the input.
  it('should say unknown, not blocked, when nothing in the template runs the task', () => {
    const report = checkYaml(runByInstead(withGateway('DISABLED'), ''));
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual(LOGS);
    expect(stepOf(report, 'log-stream').reason).toMatch(/nothing in the input runs TaskDefinition .*public IP/);
    // With --internet, or a NAT route, the path is known again.
    expect(blockedKeys(checkYaml(runByInstead(withGateway('DISABLED'), ''), { internet: true }))).toEqual([]);
    expect(unknownKeys(checkYaml(runByInstead(withGateway('DISABLED'), ''), { internet: true }))).toEqual([]);
  });
});

describe('policygen check: exit 4 and JSON null for unknown steps', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-check-semantics-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should exit 4 with "allowed": null and the reason when none is blocked but some are unknown', async () => {
    const file = join(dir, 'service.yaml');
    writeFileSync(file, SERVICE_ONLY);
    const run = await runInProcess(['check', '--template', file, '--region', 'eu-west-1', '--account', '111122223333', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(4);
    const report = JSON.parse(run.stdout) as { steps: { step: string; verdict: string; allowed: unknown; reason: string }[] };
    const manifest = report.steps.find((s) => s.step === 'manifest')!;
    expect(manifest.allowed).toBeNull();
    expect(manifest.verdict).toBe('unknown');
    expect(manifest.reason).not.toBe('');
  });

  it('should print UNKNOWN in the text table and say why', async () => {
    const file = join(dir, 'service.yaml');
    writeFileSync(file, SERVICE_ONLY);
    const run = await runInProcess(['check', '--template', file, '--region', 'eu-west-1', '--account', '111122223333']);
    expect(run.status).toBe(4);
    expect(run.stdout).toMatch(/^\s+manifest\s+ecr:BatchGetImage\s+.*UNKNOWN/m);
    expect(run.stdout).toMatch(/^4 steps unknown: /m);
  });

  it('should read --instance-role-policy FILE for an EC2 task without an execution role', async () => {
    const template = join(dir, 'ec2.yaml');
    writeFileSync(template, ec2Stack({ profile: false, instancePolicy: INSTANCE_PULL }).replace(/AWS: !GetAtt InstanceRole.Arn/g, "AWS: '*'"));
    const args = ['check', '--template', template, '--region', 'eu-west-1', '--account', '111122223333'];
    expect((await runInProcess(args)).status).toBe(4);
    const policy = join(dir, 'instance.json');
    writeFileSync(
      policy,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: '*',
          },
        ],
      }),
    );
    const run = await runInProcess([...args, '--instance-role-policy', policy]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('should refuse a malformed --instance-role-policy with its file and line, exit 2 and nothing on stdout', async () => {
    const template = join(dir, 'ec2.yaml');
    writeFileSync(template, ec2Stack({ profile: false, instancePolicy: INSTANCE_PULL }));
    const policy = join(dir, 'broken.json');
    writeFileSync(policy, '{\n  "Version": "2012-10-17",\n  "Statement": [\n');
    const run = await runInProcess(['check', '--template', template, '--region', 'eu-west-1', '--account', '111122223333', '--instance-role-policy', policy]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--instance-role-policy');
    expect(run.stderr).toContain(`${policy}:`);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('should still exit 1 when one step is blocked', async () => {
    const run = await runInProcess([
      'check',
      '--template',
      join(FIXTURES, 'cloudformation/broken-s3-policy-without-layer-bucket.yaml'),
      '--region',
      'eu-west-1',
      '--account',
      '111122223333',
    ]);
    expect(run.status).toBe(1);
  });
});

describe('check: named extra grants are warnings (least privilege)', () => {
  const named = (code: string) => (report: ReturnType<typeof checkYaml>) => report.warnings.filter((w) => w.code === code);

  it('should not warn about the good stack, whose role names only what it pulls and logs', () => {
    expect(named('BROADER_NAMED_GRANT')(checkFixture('cloudformation/good-fargate.yaml'))).toEqual([]);
  });

  it('should warn about another bucket, another log group and another repository the role names', () => {
    const text = goodFargateWith(
      '            Resource: !Sub ${LogGroup.Arn}\n',
      [
        '            Resource: !Sub ${LogGroup.Arn}',
        '          - Sid: Assets',
        '            Effect: Allow',
        '            Action: s3:GetObject',
        '            Resource: arn:aws:s3:::my-app-assets/*',
        '          - Sid: OtherLogs',
        '            Effect: Allow',
        '            Action: logs:PutLogEvents',
        '            Resource: arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/other:*',
        '          - Sid: OtherRepository',
        '            Effect: Allow',
        '            Action: ecr:BatchGetImage',
        '            Resource: arn:aws:ecr:eu-west-1:111122223333:repository/other-app',
        '',
      ].join('\n'),
    );
    const report = checkYaml(text);
    expect(blockedKeys(report)).toEqual([]);
    const warnings = named('BROADER_NAMED_GRANT')(report);
    expect(warnings.map((w) => w.decidedBy)).toEqual([
      ['ExecutionRoleLogsPolicy: Sid Assets'],
      ['ExecutionRoleLogsPolicy: Sid OtherLogs'],
      ['ExecutionRoleLogsPolicy: Sid OtherRepository'],
    ]);
    expect(warnings[0]!.message).toContain('arn:aws:s3:::my-app-assets/*');
    expect(warnings.every((w) => w.resource === 'ExecutionRole')).toBe(true);
  });

  // ECS-EXEC, "Amazon S3 file permissions": a task with environmentFiles needs s3:GetObject on the object and
  // s3:GetBucketLocation on its bucket in the execution role. Not beyond the pull: the task uses them.
  const withGrants = (statements: readonly string[], container: string) =>
    goodFargateWith('            Resource: !Sub ${LogGroup.Arn}\n', ['            Resource: !Sub ${LogGroup.Arn}', ...statements, ''].join('\n')).replace(
      '          Essential: true\n',
      `          Essential: true\n${container}`,
    );
  const fileGrants = [
    '          - Sid: EnvFile',
    '            Effect: Allow',
    '            Action: s3:GetObject',
    '            Resource: arn:aws:s3:::my-app-config/production/app.env',
    '          - Sid: EnvFileBucket',
    '            Effect: Allow',
    '            Action: s3:GetBucketLocation',
    '            Resource: arn:aws:s3:::my-app-config',
  ];

  it('should not warn about the environment file the task reads, and its bucket location', () => {
    const files = '          EnvironmentFiles:\n            - Type: s3\n              Value: arn:aws:s3:::my-app-config/production/app.env\n';
    expect(named('BROADER_NAMED_GRANT')(checkYaml(withGrants(fileGrants, files)))).toEqual([]);
  });

  it('should still warn about an environment file no task reads', () => {
    const warnings = named('BROADER_NAMED_GRANT')(checkYaml(withGrants(fileGrants, '')));
    expect(warnings.map((w) => w.decidedBy)).toEqual([['ExecutionRoleLogsPolicy: Sid EnvFile'], ['ExecutionRoleLogsPolicy: Sid EnvFileBucket']]);
  });

  // ECS-EXEC, "Required IAM permissions for Amazon ECS secrets": kms:Decrypt on the customer managed key that
  // encrypts the secret; the key is the secret's, not in the task definition.
  const kmsGrant = [
    '          - Sid: SecretKey',
    '            Effect: Allow',
    '            Action: kms:Decrypt',
    '            Resource: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    '          - Sid: Secret',
    '            Effect: Allow',
    '            Action: secretsmanager:GetSecretValue',
    '            Resource: arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-AbCdEf',
  ];

  it('should not warn about a KMS key of a role whose tasks read a secret', () => {
    const secrets = '          Secrets:\n            - Name: DB\n              ValueFrom: arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-AbCdEf\n';
    expect(named('BROADER_NAMED_GRANT')(checkYaml(withGrants(kmsGrant, secrets)))).toEqual([]);
  });

  it('should warn about a KMS key (and a secret) of a role whose tasks read no secret', () => {
    const warnings = named('BROADER_NAMED_GRANT')(checkYaml(withGrants(kmsGrant, '')));
    expect(warnings.map((w) => w.decidedBy)).toEqual([['ExecutionRoleLogsPolicy: Sid SecretKey'], ['ExecutionRoleLogsPolicy: Sid Secret']]);
  });
});
