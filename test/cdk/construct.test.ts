/**
 * policygen/cdk's PrivateEcrPull, synthesized with aws-cdk-lib: the template it writes (Template
 * assertions), the policies compared with the generators' output, the project's guard rules run by
 * the CDK policy-validation plugin, and `policygen lint` on the cloud assembly.
 */

import {
  App,
  CfnElement,
  Stack,
  type IPolicyValidationPlugin,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  Validations,
} from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as logs from 'aws-cdk-lib/aws-logs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PrivateEcrPull, PrivateEcrPullError, type PrivateEcrPullProps } from '../../src/cdk';
import { main } from '../../src/cli/main';
import { generateBundle } from '../../src/generate/bundle';
import { PolicygenInputError } from '../../src/model/errors';
import type { PolicygenSpec } from '../../src/model/policygen-spec.generated';
import { locateCfnGuard, POLICIES_DIR } from '../guard/cfn-guard';

const ACCOUNT = '111122223333';
const WORKLOAD = {
  repositories: ['my-app'],
  logging: { awslogs: true, logGroups: ['/ecs/my-app'] },
} satisfies Partial<PrivateEcrPullProps>;

type Json = { [key: string]: unknown };
type Resource = { Type: string; Properties: Json };
const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

let outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const outdir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-cdk-'));
  outdirs.push(dir);
  return dir;
};

/** A VPC whose task subnets have no internet route (isolated), two AZs: the case policygen is for. */
function isolatedVpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'tasks', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
}

function pullStack(options: { region?: string; props?: Partial<PrivateEcrPullProps>; app?: App } = {}) {
  const app = options.app ?? new App({ outdir: outdir() });
  const stack = new Stack(app, 'EcrPull', { env: { account: ACCOUNT, region: options.region ?? 'us-east-1' } });
  const vpc = isolatedVpc(stack);
  const pull = new PrivateEcrPull(stack, 'Pull', { vpc, ...WORKLOAD, ...options.props });
  // Synthesized on first use, so that a test can add to the stack first.
  return {
    app,
    stack,
    vpc,
    pull,
    get template(): Template {
      return Template.fromStack(stack);
    },
  };
}

/**
 * A Fargate task definition pulling from ECR and logging with awslogs, as a CDK app would write it.
 * CDK's ECS constructs grant what they use to the execution role they are given (the pull actions
 * without VPC condition, the log group): an immutable reference to the role keeps those out.
 */
function addFargateTask(stack: Stack, pull: PrivateEcrPull): ecs.FargateTaskDefinition {
  const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'my-app');
  const executionRole = iam.Role.fromRoleArn(stack, 'Exec', pull.executionRole.roleArn, { mutable: false });
  const task = new ecs.FargateTaskDefinition(stack, 'Task', { executionRole });
  // The log group the generated policy names (WORKLOAD.logging.logGroups).
  const logGroup = logs.LogGroup.fromLogGroupName(stack, 'Logs', '/ecs/my-app');
  task.addContainer('app', { image: ecs.ContainerImage.fromEcrRepository(repository), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logGroup }) });
  return task;
}

const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const endpoints = (template: Template): Resource[] => Object.values(template.findResources('AWS::EC2::VPCEndpoint')) as Resource[];
const serviceNames = (template: Template): string[] =>
  endpoints(template)
    .map((e) => String(e.Properties['ServiceName']))
    .sort();

describe('PrivateEcrPull: endpoints', () => {
  it('should create the plan’s endpoints with the service names of policygen’s Region table', () => {
    const { template, pull } = pullStack();
    expect(serviceNames(template)).toEqual([
      'com.amazonaws.us-east-1.ecr.api',
      'com.amazonaws.us-east-1.ecr.dkr',
      'com.amazonaws.us-east-1.logs',
      'com.amazonaws.us-east-1.s3',
    ]);
    expect(Object.keys(pull.endpoints).sort()).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3']);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.us-east-1.s3', VpcEndpointType: 'Gateway' });
  });

  it('should use the China prefix for the ECR endpoints in cn-north-1 and keep the S3 gateway’s', () => {
    const { template } = pullStack({ region: 'cn-north-1' });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: 'cn.com.amazonaws.cn-north-1.ecr.dkr',
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'cn.com.amazonaws.cn-north-1.ecr.api', VpcEndpointType: 'Interface' });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.cn-north-1.s3', VpcEndpointType: 'Gateway' });
    // ARNs follow the Region's partition.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: 'arn:aws-cn:ecr:cn-north-1:111122223333:repository/my-app' })]) },
    });
  });

  it('should turn private DNS on for ecr.dkr always, and for ecr.api unless told otherwise', () => {
    const on = pullStack().template;
    on.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.us-east-1.ecr.dkr', PrivateDnsEnabled: true });
    on.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.us-east-1.ecr.api', PrivateDnsEnabled: true });
    const off = pullStack({ props: { ecrApiPrivateDns: false } });
    off.template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.us-east-1.ecr.api', PrivateDnsEnabled: false });
    off.template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.us-east-1.ecr.dkr', PrivateDnsEnabled: true });
    // The ECS agent and Fargate cannot be pointed at an endpoint URL: with ecr.api private DNS off the auth step fails.
    Annotations.fromStack(off.stack).hasError('/EcrPull/Pull', Match.stringLikeRegexp('policygen ecr-api-private-dns-required'));
  });

  it('should attach the S3 gateway endpoint to the route tables of the task subnets', () => {
    const { stack, vpc, template } = pullStack();
    const s3 = endpoints(template).find((e) => e.Properties['VpcEndpointType'] === 'Gateway');
    const routeTables = vpc.isolatedSubnets.map((s) => stack.resolve(s.routeTable.routeTableId));
    expect(routeTables).toHaveLength(2);
    expect(s3?.Properties['RouteTableIds']).toEqual(routeTables);
  });

  it('should admit TCP 443 from each task subnet’s CIDR only, on the security group of every interface endpoint', () => {
    const { stack, vpc, pull, template } = pullStack();
    const group = template.findResources('AWS::EC2::SecurityGroup')[logicalId(stack, pull.endpointSecurityGroup!)] as Resource;
    const ingress = group.Properties['SecurityGroupIngress'] as Json[];
    expect(ingress.map((r) => [r['IpProtocol'], r['FromPort'], r['ToPort'], r['CidrIp']])).toEqual(
      vpc.isolatedSubnets.map((s) => ['tcp', 443, 443, s.ipv4CidrBlock]),
    );
    // CDK's default (`open`) would admit the whole VPC CIDR on a rule of its own; the only separate
    // rule admits the task security group by reference.
    const separate = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')) as Resource[];
    expect(separate.map((r) => [r.Properties['FromPort'], r.Properties['ToPort'], r.Properties['SourceSecurityGroupId']])).toEqual([
      [443, 443, { 'Fn::GetAtt': [logicalId(stack, pull.taskSecurityGroup as ec2.SecurityGroup), 'GroupId'] }],
    ]);
    const groupRef = { 'Fn::GetAtt': [logicalId(stack, pull.endpointSecurityGroup!), 'GroupId'] };
    for (const endpoint of endpoints(template).filter((e) => e.Properties['VpcEndpointType'] === 'Interface')) {
      expect(endpoint.Properties['SecurityGroupIds']).toEqual([groupRef]);
    }
  });

  it('should default to the private and isolated subnets, never the public ones', () => {
    const stack = new Stack(new App({ outdir: outdir() }), 'Mixed', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    new PrivateEcrPull(stack, 'Pull', { vpc });
    const template = Template.fromStack(stack);
    const tasks = [...vpc.privateSubnets, ...vpc.isolatedSubnets];
    const s3 = endpoints(template).find((e) => e.Properties['VpcEndpointType'] === 'Gateway');
    expect(s3?.Properties['RouteTableIds']).toEqual(tasks.map((s) => stack.resolve(s.routeTable.routeTableId)));
    const ingress = template.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: Match.stringLikeRegexp('^HTTPS from the private subnets') },
    });
    const cidrs = Object.values(ingress).flatMap((g) => ((g as Resource).Properties['SecurityGroupIngress'] as Json[]).map((r) => r['CidrIp']));
    expect(cidrs).toEqual(tasks.map((s) => s.ipv4CidrBlock));
    // Interface endpoints: one network interface per AZ, in the task subnets.
    const publicIds = vpc.publicSubnets.map((s) => stack.resolve(s.subnetId));
    for (const endpoint of endpoints(template).filter((e) => e.Properties['VpcEndpointType'] === 'Interface')) {
      const subnetIds = endpoint.Properties['SubnetIds'] as unknown[];
      expect(subnetIds).toHaveLength(2);
      expect(subnetIds.filter((id) => publicIds.some((p) => JSON.stringify(p) === JSON.stringify(id)))).toEqual([]);
    }
  });

  it('should place everything in the given subnets', () => {
    const stack = new Stack(new App({ outdir: outdir() }), 'Given', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 3,
      natGateways: 0,
      subnetConfiguration: [
        { name: 'tasks', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    new PrivateEcrPull(stack, 'Pull', {
      vpc,
      subnets: { subnetGroupName: 'tasks', availabilityZones: [vpc.availabilityZones[0]!, vpc.availabilityZones[1]!] },
    });
    const template = Template.fromStack(stack);
    const tasks = vpc.selectSubnets({ subnetGroupName: 'tasks' }).subnets.slice(0, 2);
    const s3 = endpoints(template).find((e) => e.Properties['VpcEndpointType'] === 'Gateway');
    expect(s3?.Properties['RouteTableIds']).toEqual(tasks.map((s) => stack.resolve(s.routeTable.routeTableId)));
    for (const endpoint of endpoints(template).filter((e) => e.Properties['VpcEndpointType'] === 'Interface')) {
      expect(endpoint.Properties['SubnetIds']).toEqual(tasks.map((s) => stack.resolve(s.subnetId)));
    }
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: tasks.map((s) => Match.objectLike({ CidrIp: s.ipv4CidrBlock, FromPort: 443 })),
    });
  });

  it('should follow the launch type and the features, as the plan does', () => {
    const services = (props: Partial<PrivateEcrPullProps>) => serviceNames(pullStack({ props }).template).map((n) => n.replace('com.amazonaws.us-east-1.', ''));
    expect(services({ launchType: 'ec2' })).toEqual(['ecr.api', 'ecr.dkr', 'ecs', 'ecs-agent', 'ecs-telemetry', 'logs', 's3']);
    // Windows on Fargate needs ecr.api at every platform version (ECR-VPCE).
    expect(services({ osFamily: 'windows', platformVersion: '1.0.0' })).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3']);
    expect(() => services({ platformVersion: '1.3.0' })).toThrow(/1\.3\.0 was retired/);
    expect(
      services({
        secrets: ['arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf'],
        parameters: ['/my-app/config'],
        features: { ecsExec: true, serviceConnect: true },
      }),
    ).toEqual(['ecr.api', 'ecr.dkr', 'ecs-agent', 'logs', 's3', 'secretsmanager', 'ssm', 'ssmmessages']);
  });
});

describe('PrivateEcrPull: policies', () => {
  const spec: PolicygenSpec = { region: 'us-east-1', account: ACCOUNT, launchType: 'fargate', ...WORKLOAD };

  it('should grant the execution role exactly the generated statements, the pull conditioned on its own ecr.dkr endpoint', () => {
    const { stack, vpc, pull, template } = pullStack();
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    expect(policies).toHaveLength(1);
    expect(policies[0]?.Properties['Roles']).toEqual([{ Ref: logicalId(stack, pull.executionRole as iam.Role) }]);
    const statements = (policies[0]?.Properties['PolicyDocument'] as { Statement: Json[] }).Statement;

    const pulls = statements.filter((s) => list(s['Action']).includes('ecr:BatchGetImage'));
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.['Condition']).toEqual({
      StringEquals: { 'aws:SourceVpc': { Ref: logicalId(stack, vpc) }, 'aws:SourceVpce': { Ref: logicalId(stack, pull.ecrDkrEndpoint!) } },
    });
    expect(stack.resolve(pull.ecrDkrEndpoint!.vpcEndpointId)).toEqual({ Ref: logicalId(stack, pull.ecrDkrEndpoint!) });
    // Apart from that condition (the generator had no endpoint ID to put there), the very statements.
    const withoutVpcCondition = statements.map(({ Condition: _condition, ...s }) =>
      list(s['Action']).includes('ecr:BatchGetImage') ? s : { ...s, ...(_condition ? { Condition: _condition } : {}) },
    );
    expect(withoutVpcCondition).toEqual(generateBundle(spec).executionRolePolicy.document.Statement);
  });

  it('should grant no wildcard action and keep ecr:GetAuthorizationToken free of VPC conditions', () => {
    const { template } = pullStack({
      props: {
        secrets: ['arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf'],
        kmsKeys: ['arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
      },
    });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => ((p as Resource).Properties['PolicyDocument'] as { Statement: Json[] }).Statement,
    );
    const actions = statements.flatMap((s) => list(s['Action']) as string[]);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(statements.some((s) => 'NotAction' in s)).toBe(false);
    const token = statements.find((s) => list(s['Action']).includes('ecr:GetAuthorizationToken'));
    expect(token?.['Condition']).toBeUndefined();
    const decrypt = statements.find((s) => list(s['Action']).includes('kms:Decrypt'));
    expect(decrypt?.['Condition']).toEqual({ StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } });
  });

  it('should put the generated endpoint policies on the endpoints, admitting its role next to the given principals', () => {
    const principal = 'arn:aws:iam::111122223333:role/ci-puller';
    const { stack, pull, template } = pullStack({ props: { ecrEndpoint: { principals: [principal] } } });
    const bundle = generateBundle({ ...spec, ecrEndpoint: { principals: [principal] } });
    const roleArn = { 'Fn::GetAtt': [logicalId(stack, pull.executionRole as iam.Role), 'Arn'] };
    const ecr = bundle.ecrEndpointPolicy.document.Statement.map((s) => ({ ...s, Principal: { AWS: [principal, roleArn] } }));
    for (const service of ['ecr.api', 'ecr.dkr']) {
      const endpoint = endpoints(template).find((e) => String(e.Properties['ServiceName']).endsWith(service));
      expect(endpoint?.Properties['PolicyDocument']).toEqual({ Version: '2012-10-17', Statement: ecr });
    }
    const s3 = endpoints(template).find((e) => e.Properties['VpcEndpointType'] === 'Gateway');
    expect(s3?.Properties['PolicyDocument']).toEqual(bundle.s3GatewayEndpointPolicy.document);
    // Endpoints policygen writes no policy for keep AWS's full-access default, and say so.
    expect(endpoints(template).find((e) => String(e.Properties['ServiceName']).endsWith('.logs'))?.Properties['PolicyDocument']).toBeUndefined();
    expect(pull.advisories.map((a) => a.id)).toContain('endpoint-policy-default-full-access');
  });

  it('should grant a given execution role instead of creating one', () => {
    const stack = new Stack(new App({ outdir: outdir() }), 'Given', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const pull = new PrivateEcrPull(stack, 'Pull', { vpc: isolatedVpc(stack), executionRole: role, ecrEndpoint: { principals: [ACCOUNT] } });
    const template = Template.fromStack(stack);
    expect(pull.executionRole).toBe(role);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::Policy', { Roles: [{ Ref: logicalId(stack, role) }] });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: 'com.amazonaws.us-east-1.ecr.dkr',
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`, { 'Fn::GetAtt': [logicalId(stack, role), 'Arn'] }] } }),
        ]),
      },
    });
  });

  it('should grant an imported, immutable role too: the policy resource names it', () => {
    const stack = new Stack(new App({ outdir: outdir() }), 'Immutable', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const role = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/existing`, { mutable: false });
    new PrivateEcrPull(stack, 'Pull', { vpc: isolatedVpc(stack), executionRole: role });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.hasResourceProperties('AWS::IAM::Policy', { Roles: ['existing'] });
  });

  it('should keep the role to the generated statements when ECS task definitions get it as an immutable reference', () => {
    const { stack, pull } = pullStack();
    addFargateTask(stack, pull);
    const template = Template.fromStack(stack);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const granted = policies.flatMap((p) => (p.Properties['PolicyDocument'] as { Statement: Json[] }).Statement.flatMap((s) => list(s['Action'])));
    expect(granted.filter((a) => String(a).startsWith('ecr:')).sort()).toEqual([
      'ecr:BatchCheckLayerAvailability',
      'ecr:BatchGetImage',
      'ecr:GetAuthorizationToken',
      'ecr:GetDownloadUrlForLayer',
    ]);
    expect(policies.filter((p) => JSON.stringify(p.Properties['Roles']).includes(logicalId(stack, pull.executionRole as iam.Role)))).toHaveLength(1);
  });

  it('should add the advisories that still hold as annotations, warnings acknowledgeable by id', () => {
    const { stack, pull } = pullStack({ region: 'us-gov-west-1' });
    const ids = pull.advisories.map((a) => a.id);
    expect(ids).toContain('s3-layer-bucket-partition-unverified');
    // Settled by the construct: the pull is conditioned on its own endpoint, the CIDRs come from the subnets.
    expect(ids).not.toContain('pull-without-endpoint-condition');
    expect(ids).not.toContain('endpoint-security-group-cidrs-missing');
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/EcrPull/Pull', Match.stringLikeRegexp('policygen s3-layer-bucket-partition-unverified'));
    annotations.hasInfo('/EcrPull/Pull', Match.stringLikeRegexp('policygen endpoints-region-only'));
  });
});

describe('PrivateEcrPull: misuse', () => {
  const thrown = (create: () => unknown): Error => {
    try {
      create();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected an error');
  };

  it('should ask for an explicit env when the stack is environment-agnostic', () => {
    const stack = new Stack(new App({ outdir: outdir() }), 'Agnostic');
    const error = thrown(() => new PrivateEcrPull(stack, 'Pull', { vpc: isolatedVpc(stack) }));
    expect(error).toBeInstanceOf(PrivateEcrPullError);
    expect((error as PrivateEcrPullError).code).toBe('POLICYGEN_CDK_ENV_AGNOSTIC_STACK');
    expect(error.message).toMatch(/explicit region and account.*env: \{ account: '111122223333', region: 'us-east-1' \}/);
  });

  it('should report invalid options by their prop names, as the spec does', () => {
    const stack = new Stack(new App({ outdir: outdir() }), 'Invalid', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const error = thrown(() => new PrivateEcrPull(stack, 'Pull', { vpc: isolatedVpc(stack), repositories: ['My App'], logging: { logGroups: ['bad:name'] } }));
    expect(error).toBeInstanceOf(PolicygenInputError);
    expect((error as PolicygenInputError).issues.map((i) => i.field).sort()).toEqual(['logging.logGroups[0]', 'repositories[0]']);
  });

  it('should refuse a VPC with no private or isolated subnet unless told the subnets', () => {
    const stack = new Stack(new App({ outdir: outdir() }), 'PublicOnly', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] });
    expect(() => new PrivateEcrPull(stack, 'Pull', { vpc })).toThrow(/must have private or isolated subnets/);
  });

  it('should load aws-cdk-lib only from the cdk entry: no other source file imports it', () => {
    const root = join(__dirname, '..', '..', 'src');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const importers = walk(root)
      .filter((file) => /\.(ts|js)$/.test(file) && !relative(root, file).startsWith('cdk'))
      .filter((file) => /(from\s+|require\(\s*|import\(\s*)['"](aws-cdk-lib|constructs)(\/[^'"]*)?['"]/.test(readFileSync(file, 'utf8')));
    expect(importers).toEqual([]);
  });
});

/** The CDK policy-validation plugin with the project's guard rules, recording every report it returns. */
function recordingGuardValidator(): { plugin: IPolicyValidationPlugin; reports: PolicyValidationPluginReport[] } {
  const { CfnGuardValidator } = require('@cdklabs/cdk-validator-cfnguard') as { CfnGuardValidator: new (props: object) => IPolicyValidationPlugin };
  const guard = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: [POLICIES_DIR] });
  const reports: PolicyValidationPluginReport[] = [];
  const plugin: IPolicyValidationPlugin = {
    name: guard.name,
    ...(guard.version === undefined ? {} : { version: guard.version }),
    ...(guard.ruleIds === undefined ? {} : { ruleIds: guard.ruleIds }),
    validate: (context: IPolicyValidationContext) => {
      const report = guard.validate(context);
      reports.push(report);
      return report;
    },
  };
  return { plugin, reports };
}

const guardBinary = locateCfnGuard();
const describeGuard = 'path' in guardBinary ? describe : describe.skip;

describeGuard('PrivateEcrPull under the CDK policy-validation plugin with policies/ (CfnGuardValidator)', () => {
  it('should synthesize with every guard rule passing', () => {
    const { plugin, reports } = recordingGuardValidator();
    const app = new App({ outdir: outdir() });
    Validations.of(app).addPlugins(plugin);
    const { stack, pull } = pullStack({ app });
    addFargateTask(stack, pull);
    expect(() => app.synth()).not.toThrow();
    expect(reports).toHaveLength(1);
    expect(reports[0]?.violations).toEqual([]);
    expect(reports[0]?.success).toBe(true);
  });

  it('should fail the synthesis of a broken stack built with plain CDK constructs, naming our rules', () => {
    const { plugin, reports } = recordingGuardValidator();
    const app = new App({ outdir: outdir() });
    Validations.of(app).addPlugins(plugin);
    const stack = new Stack(app, 'Broken', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const vpc = isolatedVpc(stack);
    vpc.addInterfaceEndpoint('EcrApi', { service: ec2.InterfaceVpcEndpointAwsService.ECR });
    vpc.addInterfaceEndpoint('EcrDkr', { service: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER, privateDnsEnabled: false });
    const s3 = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    // Only the team's own bucket: the ECR layer bucket is missing, so layer downloads get 403.
    s3.addToPolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::my-team-bucket/*'] }));

    expect(() => app.synth()).toThrow(/ECR_DKR_PRIVATE_DNS_DISABLED[\s\S]*S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET/);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.success).toBe(false);
    expect(reports[0]?.violations.map((v) => v.ruleName).sort()).toEqual(['ECR_DKR_PRIVATE_DNS_DISABLED', 'S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET']);
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
    };
    const paths = report.pluginReports.flatMap((p) => p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)));
    expect(paths.sort()).toEqual(['ECR_DKR_PRIVATE_DNS_DISABLED Broken/Vpc/EcrDkr/Resource', 'S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET Broken/Vpc/S3/Resource']);
  });
});

describe('the synthesized cloud assembly under policygen’s own checks', () => {
  it('should pass `policygen lint` on cdk.out with no finding at all', async () => {
    const { app, stack, pull } = pullStack({
      props: { secrets: ['arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf'], features: { ecsExec: true } },
    });
    // The task reads the secret the construct grants: a grant no task uses would be a BROADER_NAMED_GRANT finding.
    const secret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Db', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf');
    addFargateTask(stack, pull).defaultContainer!.addSecret('DB_PASSWORD', ecs.Secret.fromSecretsManager(secret));
    const assembly = app.synth();
    let stdout = '';
    let stderr = '';
    const code = await main(['lint', '--format', 'json', assembly.directory], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    const report = JSON.parse(stdout) as { findings: unknown[]; summary: { files: number } };
    expect({ code, findings: report.findings, stderr }).toEqual({ code: 0, findings: [], stderr: '' });
    expect(report.summary.files).toBe(1);
  });

  it('should pass `policygen check --template`: every hop of the pull is allowed', async () => {
    const { app, stack, pull } = pullStack({ props: {} });
    addFargateTask(stack, pull);
    const assembly = app.synth();
    const template = join(assembly.directory, assembly.getStackByName(stack.stackName).templateFile);
    let stdout = '';
    let stderr = '';
    const code = await main(['check', '--template', template, '--region', 'us-east-1', '--account', ACCOUNT, '--format', 'json'], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
    });
    const report = JSON.parse(stdout) as { steps: { action: string; allowed: boolean; reason: string }[] };
    expect({ code, stderr, blocked: report.steps.filter((s) => !s.allowed) }).toEqual({ code: 0, stderr: '', blocked: [] });
    expect(report.steps.map((s) => s.action)).toEqual(expect.arrayContaining(['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 's3:GetObject']));
  });
});

describe('PrivateEcrPull: task security group', () => {
  // Clients of the endpoints need outbound TCP 443 to the interface endpoints' group and to the S3
  // prefix list of the gateway endpoint (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security).
  it('should create a task group whose only egress is 443 to the endpoint group and to the given S3 prefix list', () => {
    const stack = new Stack(new App({ outdir: outdir() }), 'Egress', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const s3PrefixList = ec2.PrefixList.fromPrefixListId(stack, 'S3', 'pl-6da54004');
    const pull = new PrivateEcrPull(stack, 'Pull', { vpc, s3PrefixList, endpointIpAddressType: ec2.VpcEndpointIpAddressType.DUALSTACK });
    const template = Template.fromStack(stack);
    const task = template.findResources('AWS::EC2::SecurityGroup')[logicalId(stack, pull.taskSecurityGroup as ec2.SecurityGroup)] as Resource;
    // CDK writes a rule inline or as its own resource: both count.
    const rules = [
      ...((task.Properties['SecurityGroupEgress'] as Json[] | undefined) ?? []),
      ...(Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')) as Resource[]).map((r) => r.Properties as Json),
    ];
    const endpointGroup = { 'Fn::GetAtt': [logicalId(stack, pull.endpointSecurityGroup!), 'GroupId'] };
    const described = rules.map((r) => [r['IpProtocol'], r['FromPort'], r['ToPort'], r['DestinationPrefixListId'] ?? r['DestinationSecurityGroupId']]);
    expect(described).toHaveLength(2);
    expect(described).toEqual(
      expect.arrayContaining([
        ['tcp', 443, 443, 'pl-6da54004'],
        ['tcp', 443, 443, endpointGroup],
      ]),
    );
    for (const endpoint of endpoints(template).filter((e) => e.Properties['VpcEndpointType'] === 'Interface')) {
      expect(endpoint.Properties['IpAddressType']).toBe('dualstack');
    }
  });
});
