import { showValue } from '../model/errors';
import { needsAllEcsEndpoints } from '../model/ecs-regions';
import { parseFargatePlatformVersion, parseOsFamily, type OsFamily } from '../model/fargate';
import { parseIpv4Cidr } from '../model/ids';
import type { PolicyDocument } from '../model/policy';
import { endpointServiceName, type PartitionId } from '../model/region';
import { advisory, sortAdvisories, type Advisory } from './advisories';
import { checkOptions, IssueCollector, resolveRegion, type RegionOptions } from './common';

export type LaunchType = 'fargate' | 'ec2';

export interface EndpointPlanOptions extends RegionOptions {
  readonly launchType: LaunchType;
  /** Operating system family of the tasks (default linux): it decides the valid Fargate platform versions. */
  readonly osFamily?: OsFamily;
  /** Fargate platform version: Linux 1.4.0 or LATEST (the default), Windows 1.0.0 or LATEST. */
  readonly platformVersion?: string;
  /** Containers log with the awslogs driver. */
  readonly awslogs?: boolean;
  /** The task definition references Secrets Manager secrets. */
  readonly secretsManager?: boolean;
  /** The task definition references SSM Parameter Store parameters. */
  readonly ssmParameters?: boolean;
  /** ECS Exec is enabled. */
  readonly ecsExec?: boolean;
  /** Service Connect is enabled. */
  readonly serviceConnect?: boolean;
  /** Private DNS on ecr.api (default true; ecr.dkr always has it). */
  readonly ecrApiPrivateDns?: boolean;
  /** CIDRs of the tasks' private subnets, admitted on TCP 443 by the endpoints' security group. */
  readonly subnetCidrs?: readonly string[];
  /** Endpoint policies to attach: one for both ECR endpoints, one for the S3 gateway. */
  readonly policies?: { readonly ecr?: PolicyDocument; readonly s3?: PolicyDocument };
}

/** One endpoint to create; field names are AWS::EC2::VPCEndpoint's, camelCased (`type` is VpcEndpointType). */
export interface PlannedEndpoint {
  readonly service: string;
  readonly serviceName: string;
  readonly type: 'Interface' | 'Gateway';
  readonly privateDnsEnabled: boolean;
  readonly policyDocument?: PolicyDocument;
  readonly reason: string;
}

/** An ingress rule of the endpoints' security group, in AWS::EC2::SecurityGroupIngress terms. */
export interface IngressRule {
  readonly ipProtocol: 'tcp';
  readonly fromPort: 443;
  readonly toPort: 443;
  readonly cidrIp: string;
  readonly description: string;
}

export interface EndpointPlan {
  readonly region: string;
  readonly partition: PartitionId;
  readonly endpoints: readonly PlannedEndpoint[];
  readonly securityGroupIngress: readonly IngressRule[];
  readonly advisories: readonly Advisory[];
}

/** What decides whether an endpoint is needed, resolved once per plan. */
interface PlanFacts {
  readonly options: EndpointPlanOptions;
  /** The ECS agent talks to the ECS endpoints: EC2 launch type, or Service Connect on Fargate. */
  readonly ecsAgent: boolean;
  /** The Region needs all three ECS endpoints as soon as one is used (see needsAllEcsEndpoints). */
  readonly allEcsEndpoints: boolean;
}

interface EndpointRule {
  readonly service: string;
  readonly type: 'Interface' | 'Gateway';
  readonly needed: (facts: PlanFacts) => boolean;
  readonly reason: string;
}

/**
 * docs/aws-facts.md §2, in the order the hops happen (ECR-VPCE, ECS-VPCE). ecr.api is always needed: by
 * every Fargate platform version that still launches (Linux 1.4.0; Windows 1.0.0 and later, ECR-VPCE)
 * and by the EC2 launch type.
 */
const ENDPOINT_RULES: readonly EndpointRule[] = [
  {
    service: 'ecr.api',
    type: 'Interface',
    needed: () => true,
    reason: 'ecr:GetAuthorizationToken: the registry auth token (every Fargate platform version that launches today, and the EC2 launch type)',
  },
  {
    service: 'ecr.dkr',
    type: 'Interface',
    needed: () => true,
    reason: 'ecr:BatchGetImage, ecr:GetDownloadUrlForLayer: the image manifest and layer URLs',
  },
  {
    service: 's3',
    type: 'Gateway',
    needed: () => true,
    reason: 's3:GetObject on prod-REGION-starport-layer-bucket: the image layers; attach it to the private subnets’ route tables',
  },
  {
    service: 'logs',
    type: 'Interface',
    needed: (f) => f.options.awslogs === true,
    reason: 'logs:CreateLogStream, logs:PutLogEvents: the awslogs log driver',
  },
  {
    service: 'secretsmanager',
    type: 'Interface',
    needed: (f) => f.options.secretsManager === true,
    reason: 'secretsmanager:GetSecretValue: secrets referenced by the task definition',
  },
  {
    service: 'ssm',
    type: 'Interface',
    needed: (f) => f.options.ssmParameters === true,
    reason: 'ssm:GetParameters: parameters referenced by the task definition',
  },
  { service: 'ssmmessages', type: 'Interface', needed: (f) => f.options.ecsExec === true, reason: 'ECS Exec sessions' },
  {
    service: 'ecs',
    type: 'Interface',
    needed: (f) => f.options.launchType === 'ec2' || (f.ecsAgent && f.allEcsEndpoints),
    reason: 'the ECS container agent (EC2 launch type; with Service Connect in Regions introduced since 23 December 2023)',
  },
  {
    service: 'ecs-agent',
    type: 'Interface',
    needed: (f) => f.ecsAgent,
    reason: 'the ECS container agent (EC2 launch type, or Service Connect)',
  },
  {
    service: 'ecs-telemetry',
    type: 'Interface',
    needed: (f) => f.options.launchType === 'ec2' || (f.ecsAgent && f.allEcsEndpoints),
    reason: 'ECS container agent telemetry (EC2 launch type; with Service Connect in Regions introduced since 23 December 2023)',
  },
];

/**
 * The VPC endpoints an ECS workload in subnets without an internet route needs, with the security
 * group rule and the advisories of docs/aws-facts.md §2.
 *
 * @example planEndpoints({ region: 'us-east-1', launchType: 'fargate', awslogs: true })
 */
export function planEndpoints(options: EndpointPlanOptions): EndpointPlan {
  checkOptions(options, {
    platformVersion: 'string',
    awslogs: 'boolean',
    secretsManager: 'boolean',
    ssmParameters: 'boolean',
    ecsExec: 'boolean',
    serviceConnect: 'boolean',
    ecrApiPrivateDns: 'boolean',
    subnetCidrs: 'strings',
    policies: 'object',
  });
  const issues = new IssueCollector();
  const { region, advisories: regionAdvisories } = resolveRegion(options, issues);
  if (options.launchType !== 'fargate' && options.launchType !== 'ec2') {
    issues.add({ field: 'launchType', received: showValue(options.launchType), expected: 'be "fargate" or "ec2"' });
  }
  const osFamily = options.osFamily === undefined ? 'linux' : issues.take(parseOsFamily(options.osFamily));
  if (options.platformVersion !== undefined && options.launchType === 'ec2') {
    issues.add({ field: 'platformVersion', received: showValue(options.platformVersion), expected: 'be given only with launchType "fargate"' });
  } else if (options.platformVersion !== undefined && osFamily !== undefined) {
    issues.take(parseFargatePlatformVersion(options.platformVersion, osFamily));
  }
  const cidrs = issues.takeAll(options.subnetCidrs, 'subnetCidrs', (v, f) => parseIpv4Cidr(v, f));
  issues.throwIfAny();
  const r = region!;
  const ecrApiPrivateDns = options.ecrApiPrivateDns !== false;
  const ecsAgent = options.launchType === 'ec2' || options.serviceConnect === true;
  const newRegion = needsAllEcsEndpoints(r);
  const facts: PlanFacts = { options, ecsAgent, allEcsEndpoints: newRegion !== 'no' };

  const endpoints = ENDPOINT_RULES.filter((rule) => rule.needed(facts)).map((rule): PlannedEndpoint => {
    const policyDocument = rule.service.startsWith('ecr.') ? options.policies?.ecr : rule.service === 's3' ? options.policies?.s3 : undefined;
    return {
      service: rule.service,
      serviceName: endpointServiceName(r, rule.service),
      type: rule.type,
      privateDnsEnabled: rule.type === 'Interface' && (rule.service !== 'ecr.api' || ecrApiPrivateDns),
      ...(policyDocument === undefined ? {} : { policyDocument }),
      reason: rule.reason.replace('REGION', r.name),
    };
  });

  const advisories: Advisory[] = [
    ...regionAdvisories,
    advisory('endpoints-region-only'),
    advisory('private-dns-route53-resolver'),
    advisory('s3-gateway-interrupts-connections'),
    advisory('pull-through-cache-needs-internet'),
    advisory('task-security-group-egress'),
  ];
  if (!ecrApiPrivateDns) advisories.push(advisory('ecr-api-private-dns-required'));
  if (cidrs.length === 0) advisories.push(advisory('endpoint-security-group-cidrs-missing'));
  if (osFamily === 'windows') advisories.push(advisory('windows-foreign-layers'));
  if (ecsAgent && newRegion === 'yes') advisories.push(advisory('ecs-endpoints-new-region', r.name));
  if (ecsAgent && newRegion === 'unverified') advisories.push(advisory('ecs-endpoints-region-date-unverified', r.name));
  if (options.launchType === 'ec2') advisories.push(advisory('ecs-agent-version'));
  if (!r.prefixVerified) advisories.push(advisory('endpoint-prefix-unverified', `${r.ecrEndpointPrefix} in ${r.partition}`));
  if (endpoints.some((e) => e.policyDocument === undefined)) {
    const bare = endpoints.filter((e) => e.policyDocument === undefined).map((e) => e.service);
    advisories.push(advisory('endpoint-policy-default-full-access', `no policy for: ${bare.join(', ')}`));
  }

  return {
    region: r.name,
    partition: r.partition,
    endpoints,
    securityGroupIngress: [...new Set(cidrs)].sort().map((cidrIp) => ({
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIp,
      description: 'HTTPS from the tasks’ private subnets to the interface endpoints',
    })),
    advisories: sortAdvisories(advisories),
  };
}
