import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTemplate } from '../../src/check';
import { combineTemplates } from '../../src/pull';
import { parseYamlSource } from '../../src/template/source/yaml-source';
import { blockedKeys, checkYaml, DEPLOYED, EVENTS_RULE_RUNNER, FIXTURES, goodFargateWith, runByInstead, SCHEDULER_RUNNER, unknownKeys } from './helpers';

/**
 * Issue 10 §3 on real infrastructure: who runs a task decides where it pulls from. On EC2 the
 * container instances of the task's cluster pull (Amazon ECS Developer Guide, "Amazon ECS task
 * execution IAM role" and "Amazon ECS container instance IAM role"), so a cluster the input does not
 * declare leaves every step unknown; a scheduled task runs like a service's, with the network of its
 * EventBridge target (ECS Developer Guide, "Scheduled tasks").
 */

const EC2 = readFileSync(join(FIXTURES, 'cloudformation/good-ec2-launch-type.yaml'), 'utf8');
const ec2With = (from: string, to: string): string => {
  if (!EC2.includes(from)) throw new Error(`good-ec2-launch-type.yaml has no ${from}`);
  return EC2.replace(from, to);
};

describe('check: an EC2 task whose cluster is outside the input', () => {
  it('should pass the EC2 fixture whose service runs on its own cluster (the baseline)', () => {
    const report = checkYaml(EC2);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([]);
  });

  it('should answer unknown at every step, never blocked, when the cluster is a parameter without value', () => {
    const text = ec2With('      Cluster: !Ref Cluster\n', '      Cluster: !Ref ClusterName\n').replace(
      'Parameters:\n',
      'Parameters:\n  ClusterName:\n    Type: String\n',
    );
    const report = checkYaml(text);
    expect(report.steps.length).toBeGreaterThan(0);
    expect(report.steps.every((s) => s.verdict === 'unknown' && s.allowed === null)).toBe(true);
    expect(report.steps[0]!.reason).toContain('which is not declared in the input');
    expect(report.warnings.map((w) => w.code)).toContain('CAPACITY_OUTSIDE_INPUT');
  });

  it('should answer unknown for a service on the default cluster (no Cluster property) when the template declares none', () => {
    const text = ec2With('      Cluster: !Ref Cluster\n', '').replace('  Cluster:\n    Type: AWS::ECS::Cluster\n', '');
    const report = checkYaml(text);
    expect(report.steps.every((s) => s.verdict === 'unknown')).toBe(true);
    expect(report.steps[0]!.reason).toContain('the default cluster');
  });

  it('should find a cluster named by its literal ClusterName', () => {
    const text = ec2With(
      '  Cluster:\n    Type: AWS::ECS::Cluster\n',
      '  Cluster:\n    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: my-cluster\n',
    ).replace('      Cluster: !Ref Cluster\n', '      Cluster: my-cluster\n');
    expect(unknownKeys(checkYaml(text))).toEqual([]);
  });

  it('should leave a Fargate task alone: its cluster holds no instances that pull', () => {
    const text = goodFargateWith('      Cluster: !Ref Cluster\n', '      Cluster: some-cluster-elsewhere\n');
    expect(unknownKeys(checkYaml(text))).toEqual([]);
  });
});

describe('check: scheduled tasks (EventBridge rule or Scheduler schedule, no service)', () => {
  // good-fargate.yaml with its service replaced by a schedule: the same pull, the same verdicts.
  const scheduled = (resource: string) => runByInstead(goodFargateWith('', ''), resource);
  const rule = EVENTS_RULE_RUNNER;
  const schedule = SCHEDULER_RUNNER;
  it.each([
    ['an EventBridge rule target', rule],
    ['a Scheduler schedule', schedule],
  ])('should walk a task run by %s like a service', (_what, resource) => {
    const report = checkYaml(scheduled(resource));
    expect(report.summary.tasks).toBe(1);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([]);
  });

  it("should take the public IP from the target's network configuration", () => {
    // No endpoints and a public subnet: the internet gateway carries the pull only with a public IP
    // (ECS Developer Guide, Fargate task networking).
    const publicRule = rule.replace('AssignPublicIp: DISABLED', 'AssignPublicIp: ENABLED');
    const network = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Gateway:
    Type: AWS::EC2::InternetGateway
  PublicRoute:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: rtb-1, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gateway }
  Cluster:
    Type: AWS::ECS::Cluster
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      ExecutionRoleArn: !GetAtt Role.Arn
      ContainerDefinitions:
        - Name: app
          Image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1
`;
    const withIp = checkYaml(`${network}${publicRule.replace('[!Ref PrivateSubnetA]', '[subnet-1]')}`);
    expect(withIp.steps.every((s) => s.verdict === 'allowed' && s.network === 'internet')).toBe(true);
    const withoutIp = checkYaml(`${network}${rule.replace('[!Ref PrivateSubnetA]', '[subnet-1]')}`);
    expect(blockedKeys(withoutIp).length).toBeGreaterThan(0);
  });
});

describe('combineTemplates: exports named after the stack (${AWS::StackName}-X)', () => {
  const exporter = `Resources:
  Cluster:
    Type: AWS::ECS::Cluster
    Properties: { ClusterName: shared }
Outputs:
  ClusterName:
    Value: !Ref Cluster
    Export:
      Name: !Sub '\${AWS::StackName}-ClusterName'
  Joined:
    Value: joined-value
    Export:
      Name: !Join [':', [!Ref AWS::StackName, Joined]]
`;
  const importer = `Resources:
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: !ImportValue production-ClusterName
      Other: !ImportValue 'production:Joined'
      Missing: !ImportValue production-NotExported
`;
  const combined = () =>
    combineTemplates([parseYamlSource('cluster.yaml', exporter), parseYamlSource('service.yaml', importer)]).data as {
      Resources: { Service: { Properties: Record<string, unknown> } };
    };

  it('should resolve an import that names the stack, in Fn::Sub and Fn::Join spellings', () => {
    const properties = combined().Resources.Service.Properties;
    expect(properties['Cluster']).toEqual({ Ref: 'Cluster' });
    expect(properties['Other']).toBe('joined-value');
  });

  it('should leave an import no export matches as it is', () => {
    expect(combined().Resources.Service.Properties['Missing']).toEqual({ 'Fn::ImportValue': 'production-NotExported' });
  });

  it('should not guess between two stacks that both export the name', () => {
    const twice = combineTemplates([parseYamlSource('a.yaml', exporter), parseYamlSource('b.yaml', exporter), parseYamlSource('service.yaml', importer)])
      .data as {
      Resources: { Service: { Properties: Record<string, unknown> } };
    };
    expect(twice.Resources.Service.Properties['Other']).toEqual({ 'Fn::ImportValue': 'production:Joined' });
  });

  it('should let check find the EC2 cluster through such an export', () => {
    const cluster = ec2With('  Cluster:\n    Type: AWS::ECS::Cluster\n', '').replace(
      '      Cluster: !Ref Cluster\n',
      '      Cluster: !ImportValue prod-ClusterName\n',
    );
    const clusterStack = `Resources:\n  Cluster:\n    Type: AWS::ECS::Cluster\nOutputs:\n  ClusterName:\n    Value: !Ref Cluster\n    Export:\n      Name: !Sub '\${AWS::StackName}-ClusterName'\n`;
    const report = checkTemplate([parseYamlSource('service.yaml', cluster), parseYamlSource('cluster.yaml', clusterStack)], DEPLOYED);
    expect(unknownKeys(report)).toEqual([]);
    // Alone, the service's cluster is outside the input.
    expect(checkTemplate(parseYamlSource('service.yaml', cluster), DEPLOYED).steps.every((s) => s.verdict === 'unknown')).toBe(true);
  });
});
