/**
 * PrivateEcrPull's containerInstance prop (issue 9, EC2 launch type): the container instance role,
 * its policy and instance profile, in CDK terms. Expected values from the ECS Developer Guide
 * ("Amazon ECS container instance IAM role": EC2 instances assume it through their instance profile)
 * and the Service Authorization Reference (cluster and container-instance ARNs).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateEcrPull, PrivateEcrPullError, type PrivateEcrPullProps } from '../../src/cdk';

const ACCOUNT = '111122223333';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function build(props: Partial<PrivateEcrPullProps>) {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-cdk-ci-'));
  dirs.push(dir);
  const stack = new Stack(new App({ outdir: dir }), 'Ec2Pull', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'hosts', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const pull = new PrivateEcrPull(stack, 'Pull', { vpc, launchType: 'ec2', repositories: ['ingest'], ...props });
  return { stack, pull, template: () => Template.fromStack(stack) };
}

describe('PrivateEcrPull: containerInstance', () => {
  it('should create a role trusted by ec2.amazonaws.com, its instance profile, and the agent’s statements scoped to the cluster', () => {
    const { pull, template } = build({ containerInstance: { cluster: 'ingest' } });
    const t = template();
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })]) },
    });
    t.resourceCountIs('AWS::IAM::InstanceProfile', 1);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['ecs:RegisterContainerInstance']), Resource: 'arn:aws:ecs:eu-west-1:111122223333:cluster/ingest' }),
          Match.objectLike({ Action: Match.arrayWith(['ecs:Poll']), Resource: 'arn:aws:ecs:eu-west-1:111122223333:container-instance/ingest/*' }),
        ]),
      },
    });
    expect(pull.instanceProfile).toBeDefined();
    expect(pull.instanceRolePolicy).toBeDefined();
  });

  it('should admit the instance role at the ECR endpoints when tasks have no execution role, and not otherwise', () => {
    const admits = (tasksWithoutExecutionRole: boolean): boolean => {
      // An endpoint policy that names principals (one open to "*" admits every role anyway).
      const { stack, pull, template } = build({
        ecrEndpoint: { principals: ['arn:aws:iam::111122223333:role/ingest-execution-role'] },
        containerInstance: { cluster: 'ingest', tasksWithoutExecutionRole },
      });
      const roleId = stack.getLogicalId(pull.instanceRole!.node.defaultChild as iam.CfnRole);
      const dkr = Object.values(template().findResources('AWS::EC2::VPCEndpoint')).find((e) =>
        String((e as { Properties: { ServiceName: string } }).Properties.ServiceName).endsWith('.ecr.dkr'),
      ) as { Properties: { PolicyDocument: unknown } };
      return JSON.stringify(dkr.Properties.PolicyDocument).includes(`"${roleId}"`);
    };
    expect(admits(true)).toBe(true);
    expect(admits(false)).toBe(false);
  });

  it('should grant a given role instead of creating one, with no instance profile', () => {
    const { pull, template } = build({
      containerInstance: { cluster: { clusterName: 'ingest' }, role: iam.Role.fromRoleName(new Stack(), 'Given', 'ingest-hosts', { mutable: false }) },
    });
    expect(pull.instanceProfile).toBeUndefined();
    template().resourceCountIs('AWS::IAM::InstanceProfile', 0);
  });

  it('should refuse a cluster whose name is a token, and containerInstance on Fargate', () => {
    const stack = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'h', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const tokenName = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() }).roleName;
    expect(() => new PrivateEcrPull(stack, 'P1', { vpc, launchType: 'ec2', containerInstance: { cluster: tokenName } })).toThrow(PrivateEcrPullError);
    expect(() => new PrivateEcrPull(stack, 'P2', { vpc, containerInstance: { cluster: 'ingest' } })).toThrow(/containerInstance/);
  });
});
