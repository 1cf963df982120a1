import { showValue } from '../model/errors';
import { needsAllEcsEndpoints } from '../model/ecs-regions';
import { parseFargatePlatformVersion, parseOsFamily, type OsFamily } from '../model/fargate';
import { parseIpv4Cidr, parseIpv6Cidr, parsePrefixListId, parseSecurityGroupId } from '../model/ids';
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
  /** IPv6 CIDRs of the tasks' dual-stack or IPv6-only subnets, admitted on TCP 443 by the endpoints' security group. */
  readonly subnetIpv6Cidrs?: readonly string[];
  /** Security groups (sg-…) admitted on TCP 443 by the endpoints' security group, besides the tasks' own. */
  readonly endpointIngress?: readonly string[];
  /** The tasks' existing security group (sg-…): admitted by the endpoints' security group, and given the egress rules. */
  readonly taskSecurityGroupId?: string;
  /** ID of the Region's S3 managed prefix list com.amazonaws.REGION.s3 (pl-…), the destination of the tasks' egress to S3. */
  readonly s3PrefixListId?: string;
  /** IP address type of the endpoints (default ipv4, AWS's default). */
  readonly endpointIpAddressType?: EndpointIpAddressType;
  /** Endpoint policies to attach: one for both ECR endpoints, one for the S3 gateway. */
  readonly policies?: { readonly ecr?: PolicyDocument; readonly s3?: PolicyDocument };
}

/**
 * The IP address types of a VPC endpoint. ipv4 needs subnets with IPv4 ranges, dualstack subnets with
 * both, ipv6 IPv6-only subnets, and the endpoint service must accept that family
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#create-interface-endpoint-aws,
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.VpcEndpointIpAddressType.html).
 */
const ENDPOINT_IP_ADDRESS_TYPES = ['ipv4', 'dualstack', 'ipv6'] as const;
export type EndpointIpAddressType = (typeof ENDPOINT_IP_ADDRESS_TYPES)[number];

/** One endpoint to create; field names are AWS::EC2::VPCEndpoint's, camelCased (`type` is VpcEndpointType). */
export interface PlannedEndpoint {
  readonly service: string;
  readonly serviceName: string;
  readonly type: 'Interface' | 'Gateway';
  readonly privateDnsEnabled: boolean;
  /** IpAddressType, only when the input chose one (AWS's default is ipv4). */
  readonly ipAddressType?: EndpointIpAddressType;
  readonly policyDocument?: PolicyDocument;
  readonly reason: string;
}

interface HttpsRule {
  readonly ipProtocol: 'tcp';
  readonly fromPort: 443;
  readonly toPort: 443;
  readonly description: string;
}

/**
 * An ingress rule of the endpoints' security group, in AWS::EC2::SecurityGroupIngress terms: from an
 * IPv4 or IPv6 CIDR, or from a security group by reference (VPC endpoints must admit HTTPS from the
 * clients: https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#create-interface-endpoint-aws).
 */
export type IngressRule = HttpsRule & ({ readonly cidrIp: string } | { readonly cidrIpv6: string } | { readonly sourceSecurityGroupId: string });

/**
 * An egress rule of the tasks' security group: TCP 443 to the interface endpoints' security group
 * (by reference) and to the Region's S3 managed prefix list, through which the gateway endpoint is
 * routed (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security).
 * `prefixListId` is absent when the input did not give it: it differs per Region, and the IaC
 * outputs look it up (Terraform) or take it as a parameter (CloudFormation).
 */
export type EgressRule = HttpsRule &
  (
    | { readonly destination: 'endpoint-security-group' }
    | { readonly destination: 's3-prefix-list'; readonly prefixListName: string; readonly prefixListId?: string }
  );

export interface EndpointPlan {
  readonly region: string;
  readonly partition: PartitionId;
  readonly endpoints: readonly PlannedEndpoint[];
  readonly securityGroupIngress: readonly IngressRule[];
  /** The tasks' security group egress the pull needs (the tasks' existing group when taskSecurityGroupId is given). */
  readonly taskSecurityGroupEgress: readonly EgressRule[];
  readonly advisories: readonly Advisory[];
}

/** The IPv4 and IPv6 CIDRs admitted by a plan's ingress rules, in the plan's order. */
export const ingressCidrs = (rules: readonly IngressRule[]): { readonly ipv4: string[]; readonly ipv6: string[] } => ({
  ipv4: rules.flatMap((r) => ('cidrIp' in r ? [r.cidrIp] : [])),
  ipv6: rules.flatMap((r) => ('cidrIpv6' in r ? [r.cidrIpv6] : [])),
});

const HTTPS = { ipProtocol: 'tcp', fromPort: 443, toPort: 443 } as const;
const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

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
    subnetIpv6Cidrs: 'strings',
    endpointIngress: 'strings',
    taskSecurityGroupId: 'string',
    s3PrefixListId: 'string',
    endpointIpAddressType: 'string',
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
  const ipv6Cidrs = issues.takeAll(options.subnetIpv6Cidrs, 'subnetIpv6Cidrs', (v, f) => parseIpv6Cidr(v, f));
  const ingressGroups = issues.takeAll(options.endpointIngress, 'endpointIngress', (v, f) => parseSecurityGroupId(v, f));
  const taskGroup =
    options.taskSecurityGroupId === undefined ? undefined : issues.take(parseSecurityGroupId(options.taskSecurityGroupId, 'taskSecurityGroupId'));
  const prefixListId = options.s3PrefixListId === undefined ? undefined : issues.take(parsePrefixListId(options.s3PrefixListId, 's3PrefixListId'));
  const ipAddressType = options.endpointIpAddressType;
  if (ipAddressType !== undefined && !(ENDPOINT_IP_ADDRESS_TYPES as readonly unknown[]).includes(ipAddressType)) {
    issues.add({ field: 'endpointIpAddressType', received: showValue(ipAddressType), expected: `be one of ${ENDPOINT_IP_ADDRESS_TYPES.join(', ')}` });
  } else if (ipAddressType === 'ipv6' && cidrs.length > 0) {
    // ipv6 endpoints go only in IPv6-only subnets, which have no IPv4 range (see ENDPOINT_IP_ADDRESS_TYPES).
    issues.add({
      field: 'subnetCidrs',
      received: cidrs.join(', '),
      expected: 'be empty with endpoint IP address type "ipv6": such endpoints need IPv6-only subnets; use "dualstack" for subnets with IPv4 and IPv6 ranges',
    });
  } else if (
    ipAddressType === 'dualstack' &&
    options.subnetCidrs !== undefined &&
    options.subnetIpv6Cidrs !== undefined &&
    (cidrs.length === 0 || ipv6Cidrs.length === 0)
  ) {
    issues.add({
      field: cidrs.length === 0 ? 'subnetCidrs' : 'subnetIpv6Cidrs',
      received: 'an empty list',
      expected: 'list the subnets’ CIDRs with endpoint IP address type "dualstack": such endpoints need subnets with both IPv4 and IPv6 ranges',
    });
  }
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
      // Interface endpoints only: the S3 gateway endpoint keeps AWS's default; policygen has no AWS
      // page to cite on gateway endpoints and IPv6 (see the endpoint-ipv6-unverified advisory).
      ...(ipAddressType === undefined || rule.type !== 'Interface' ? {} : { ipAddressType }),
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
  if (cidrs.length === 0 && ipv6Cidrs.length === 0 && ingressGroups.length === 0 && taskGroup === undefined) {
    advisories.push(advisory('endpoint-security-group-cidrs-missing'));
  }
  if (prefixListId === undefined) advisories.push(advisory('s3-prefix-list-id-missing', `com.amazonaws.${r.name}.s3`));
  if (ipAddressType === 'dualstack' || ipAddressType === 'ipv6') advisories.push(advisory('endpoint-ipv6-unverified'));
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
    securityGroupIngress: [
      ...(taskGroup === undefined
        ? []
        : [{ ...HTTPS, sourceSecurityGroupId: taskGroup, description: 'HTTPS from the tasks’ security group to the interface endpoints' }]),
      ...sortedUnique(ingressGroups).map((sourceSecurityGroupId) => ({
        ...HTTPS,
        sourceSecurityGroupId,
        description: 'HTTPS from a security group to the interface endpoints',
      })),
      ...sortedUnique(cidrs).map((cidrIp) => ({ ...HTTPS, cidrIp, description: 'HTTPS from the tasks’ private subnets to the interface endpoints' })),
      ...sortedUnique(ipv6Cidrs).map((cidrIpv6) => ({
        ...HTTPS,
        cidrIpv6,
        description: 'HTTPS from the tasks’ private subnets (IPv6) to the interface endpoints',
      })),
    ],
    taskSecurityGroupEgress: [
      { ...HTTPS, destination: 'endpoint-security-group', description: 'HTTPS to the interface endpoints' },
      {
        ...HTTPS,
        destination: 's3-prefix-list',
        prefixListName: `com.amazonaws.${r.name}.s3`,
        ...(prefixListId === undefined ? {} : { prefixListId }),
        description: 'HTTPS to Amazon S3 through the gateway endpoint (image layers)',
      },
    ],
    advisories: sortAdvisories(advisories),
  };
}
