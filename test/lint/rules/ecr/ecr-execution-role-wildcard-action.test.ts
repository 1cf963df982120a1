import { ecrExecutionRoleWildcardAction as rule } from '../../../../src/lint/rules/ecr/ecr-execution-role-wildcard-action';
import { stackFromYaml } from './helpers';

const role = (trust: string, extra: string) => `  ExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ${trust}}, Action: 'sts:AssumeRole'}]
${extra}`;
const inline = (statement: string) => `      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement: [${statement}]\n`;
const details = (resources: string): string[] => rule.check(stackFromYaml(`Resources:\n${resources}`)).map((h) => h.detail ?? '');

// DOMAIN.md §3: the execution role needs the four ECR actions, never ecr:* or *.
describe(rule.meta.code, () => {
  it.each([
    ['least privilege', role('ecs-tasks.amazonaws.com', inline("{Effect: Allow, Action: 'ecr:GetAuthorizationToken', Resource: '*'}")), []],
    ['ecr:*', role('ecs-tasks.amazonaws.com', inline("{Effect: Allow, Action: ['ecr:*', 'logs:PutLogEvents'], Resource: '*'}")), ['Action::ecr:*']],
    ['* and ECR* (any case)', role('ecs-tasks.amazonaws.com', inline("{Effect: Allow, Action: ['*', 'ECR*'], Resource: '*'}")), ['Action::*', 'Action::ECR*']],
    ['ecr:Get* is narrower: not this rule', role('ecs-tasks.amazonaws.com', inline("{Effect: Allow, Action: 'ecr:Get*', Resource: '*'}")), []],
    ['NotAction that leaves ECR in', role('ecs-tasks.amazonaws.com', inline("{Effect: Allow, NotAction: 'iam:*', Resource: '*'}")), ['NotAction']],
    ['NotAction that excludes ECR', role('ecs-tasks.amazonaws.com', inline("{Effect: Allow, NotAction: ['ecr:*', 'iam:*'], Resource: '*'}")), []],
    ['a Deny of ecr:* is no grant', role('ecs-tasks.amazonaws.com', inline("{Effect: Deny, Action: 'ecr:*', Resource: '*'}")), []],
    [
      'AdministratorAccess',
      role('ecs-tasks.amazonaws.com', '      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]\n'),
      ['ManagedPolicy::AdministratorAccess'],
    ],
    [
      'AmazonECSTaskExecutionRolePolicy is the baseline',
      role('ecs-tasks.amazonaws.com', '      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]\n'),
      [],
    ],
    [
      'an AWS::IAM::Policy attached through Roles',
      role('ecs-tasks.amazonaws.com', '') +
        "  Wide:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: wide\n      Roles: [!Ref ExecutionRole]\n      PolicyDocument:\n        Statement: [{Effect: Allow, Action: 'ecr:*', Resource: '*'}]\n",
      ['Action::ecr:*'],
    ],
    ['a role Lambda assumes is not this rule', role('lambda.amazonaws.com', inline("{Effect: Allow, Action: 'ecr:*', Resource: '*'}")), []],
    [
      'a role named as ExecutionRoleArn, whatever its trust policy',
      role('ec2.amazonaws.com', inline("{Effect: Allow, Action: 'ecr:*', Resource: '*'}")) +
        '  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ExecutionRoleArn: !GetAtt ExecutionRole.Arn\n      ContainerDefinitions: [{Name: app, Image: nginx}]\n',
      ['Action::ecr:*'],
    ],
  ] as const)('%s', (_name, resources, expected) => {
    expect(details(resources)).toEqual(expected);
  });

  it('points at the action inside the inline policy, absolute in the file', () => {
    const [hit] = rule.check(
      stackFromYaml(`Resources:\n${role('ecs-tasks.amazonaws.com', inline("{Effect: Allow, Action: ['logs:PutLogEvents', 'ecr:*'], Resource: '*'}"))}`),
    );
    expect(hit).toMatchObject({
      path: ['Resources', 'ExecutionRole', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0, 'Action', 1],
      resource: 'ExecutionRole',
    });
    expect(hit?.message).toMatch(/role ECS tasks assume ExecutionRole.*"ecr:\*"/);
  });

  it('says "task execution role" for a role a task definition names', () => {
    const template = `Resources:\n${role('ecs-tasks.amazonaws.com', inline("{Effect: Allow, Action: '*', Resource: '*'}"))}  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ExecutionRoleArn: !GetAtt ExecutionRole.Arn\n      ContainerDefinitions: [{Name: app, Image: nginx}]\n`;
    expect(rule.check(stackFromYaml(template))[0]?.message).toMatch(/^the task execution role ExecutionRole/);
    expect(rule.meta.severity).toBe('security_warning');
  });
});
