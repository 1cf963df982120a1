/**
 * PrivateEcrPull's existingEndpoints and awsOwnedImages props (issue 9), in CDK terms, against what
 * `generate` writes for the same spec fields. existingEndpoints: the VPC already has the endpoints or
 * resolves a hub VPC's, so the construct creates none (a second endpoint with private DNS fails on
 * deploy) and conditions the pull on the given IDs and on the hub VPC, since aws:SourceVpc is the VPC of
 * the endpoint (docs/aws-facts.md §2). awsOwnedImages: the GuardDuty Runtime Monitoring sidecar is pulled
 * with the execution role from an AWS-owned repository (GuardDuty User Guide, "ECR Repository for
 * GuardDuty agent on AWS Fargate (Amazon ECS only)": account 593207742271 in us-east-1).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateEcrPull, PrivateEcrPullError, type PrivateEcrPullProps } from '../../src/cdk';
import { generateBundle } from '../../src/generate/bundle';
import { renderCloudFormation } from '../../src/generate/cloudformation-template';

const ACCOUNT = '111122223333';
const HUB_VPC = 'vpc-0aaaaaaaaaaaaaaaa';
const DKR = 'vpce-0123456789abcdef0';
const API = 'vpce-0fedcba9876543210';
const GUARDDUTY_REPOSITORY = 'arn:aws:ecr:us-east-1:593207742271:repository/aws-guardduty-agent-fargate';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A stack with an explicit environment and a VPC whose task subnets have no internet route. */
function scaffold() {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-cdk-ee-'));
  dirs.push(dir);
  const stack = new Stack(new App({ outdir: dir }), 'Pull', { env: { account: ACCOUNT, region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'tasks', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  return { stack, vpc };
}

function build(props: Partial<PrivateEcrPullProps>) {
  const { stack, vpc } = scaffold();
  const pull = new PrivateEcrPull(stack, 'Pull', { vpc, repositories: ['my-app'], logging: { awslogs: true, logGroups: ['/ecs/my-app'] }, ...props });
  return { stack, vpc, pull, template: () => Template.fromStack(stack) };
}

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
const policyStatements = (template: Template): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
  );
const pullStatement = (statements: readonly Statement[]) => statements.find((s) => [s.Action].flat().includes('ecr:BatchGetImage'))!;

describe('PrivateEcrPull: existingEndpoints', () => {
  it('should create no endpoint and no security group, and condition the pull on the given endpoints and the hub VPC', () => {
    const { pull, template } = build({ existingEndpoints: { endpoints: [DKR, API], sourceVpc: HUB_VPC } });
    const t = template();
    t.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    t.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    expect(pullStatement(policyStatements(t)).Condition).toEqual({ StringEquals: { 'aws:SourceVpc': HUB_VPC, 'aws:SourceVpce': [DKR, API] } });
    expect(pull.endpoints).toEqual({});
    expect([pull.ecrDkrEndpoint, pull.s3GatewayEndpoint, pull.endpointSecurityGroup, pull.taskSecurityGroup]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('should grant what generate’s role-only template grants for the same spec', () => {
    const spec = {
      region: 'us-east-1',
      account: ACCOUNT,
      launchType: 'fargate' as const,
      repositories: ['my-app'],
      logging: { awslogs: true, logGroups: ['/ecs/my-app'] },
      existingEndpoints: { endpointIds: [DKR], sourceVpc: HUB_VPC },
    };
    const generated = renderCloudFormation(generateBundle(spec), spec).Resources['TaskExecutionRolePolicy']?.Properties['PolicyDocument'] as {
      Statement: Statement[];
    };
    const { template } = build({ existingEndpoints: { endpoints: [DKR], sourceVpc: HUB_VPC } });
    expect(policyStatements(template())).toEqual(generated.Statement);
  });

  it('should take an imported endpoint, and default aws:SourceVpc to the construct’s VPC', () => {
    const { stack, vpc } = scaffold();
    const dkr = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Dkr', { vpcEndpointId: DKR, port: 443 });
    new PrivateEcrPull(stack, 'Pull', { vpc, repositories: ['my-app'], existingEndpoints: { endpoints: [dkr] } });
    expect(pullStatement(policyStatements(Template.fromStack(stack))).Condition).toEqual({
      StringEquals: { 'aws:SourceVpc': { Ref: stack.getLogicalId(vpc.node.defaultChild as ec2.CfnVPC) }, 'aws:SourceVpce': DKR },
    });
  });

  it('should say the endpoint policies are the user’s to apply (advisory existing-endpoints), as generate does', () => {
    const { stack, pull } = build({ existingEndpoints: { endpoints: [DKR], sourceVpc: HUB_VPC } });
    expect(pull.advisories.map((a) => a.id)).toContain('existing-endpoints');
    Annotations.fromStack(stack).hasInfo('*', Match.stringLikeRegexp('existing-endpoints'));
  });

  it('should refuse an endpoint ID that is a token', () => {
    const { stack, vpc } = scaffold();
    const other = new ec2.InterfaceVpcEndpoint(stack, 'Other', { vpc, service: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER });
    let error: unknown;
    try {
      new PrivateEcrPull(stack, 'Pull', { vpc, existingEndpoints: { endpoints: [other] } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrivateEcrPullError);
    expect(error).toMatchObject({ code: 'POLICYGEN_CDK_ENDPOINT_ID_UNKNOWN', message: expect.stringMatching(/existingEndpoints\.endpoints/) });
  });
});

describe('PrivateEcrPull: awsOwnedImages', () => {
  it('should grant the GuardDuty agent’s repository to the role and admit it at the ECR endpoints', () => {
    const { template } = build({ awsOwnedImages: ['guardduty-agent'] });
    const t = template();
    expect([pullStatement(policyStatements(t)).Resource].flat()).toContain(GUARDDUTY_REPOSITORY);
    for (const service of ['com.amazonaws.us-east-1.ecr.api', 'com.amazonaws.us-east-1.ecr.dkr']) {
      t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: service,
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:BatchGetImage']), Resource: GUARDDUTY_REPOSITORY })]) },
      });
    }
  });

  it('should grant it with existingEndpoints too, and the bundle’s ECR endpoint policy names it for the hub', () => {
    const { pull, template } = build({ awsOwnedImages: ['guardduty-agent'], existingEndpoints: { endpoints: [DKR], sourceVpc: HUB_VPC } });
    expect([pullStatement(policyStatements(template())).Resource].flat()).toContain(GUARDDUTY_REPOSITORY);
    expect(JSON.stringify(pull.bundle.ecrEndpointPolicy.document)).toContain(GUARDDUTY_REPOSITORY);
  });
});
