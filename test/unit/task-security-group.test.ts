import { generateBundle } from '../../src/generate/bundle';
import { renderCloudFormation } from '../../src/generate/cloudformation-template';
import { planEndpoints, type EndpointPlanOptions } from '../../src/generate/plan';
import { PolicygenInputError } from '../../src/model/errors';
import type { PolicygenSpec } from '../../src/model/policygen-spec.generated';
import { renderTerraform } from '../../src/render/terraform';

// VPC endpoints: the interface endpoints' security group admits HTTPS from the clients, and the
// clients' security group needs outbound HTTPS to the endpoints and, for a gateway endpoint, to the
// service's AWS-managed prefix list, named com.amazonaws.REGION.s3 for S3
// (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security).
const base: EndpointPlanOptions = { region: 'eu-west-1', launchType: 'fargate' };
const fields = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicygenInputError) return error.issues.map((i) => i.field);
    throw error;
  }
  return [];
};

describe('planEndpoints: task security group egress', () => {
  it('should plan TCP 443 to the endpoints’ security group and to the com.amazonaws.REGION.s3 prefix list', () => {
    const plan = planEndpoints(base);
    expect(plan.taskSecurityGroupEgress.map((r) => [r.ipProtocol, r.fromPort, r.toPort, r.destination])).toEqual([
      ['tcp', 443, 443, 'endpoint-security-group'],
      ['tcp', 443, 443, 's3-prefix-list'],
    ]);
    const s3 = plan.taskSecurityGroupEgress.find((r) => r.destination === 's3-prefix-list');
    expect(s3).toMatchObject({ prefixListName: 'com.amazonaws.eu-west-1.s3' });
    expect(s3).not.toHaveProperty('prefixListId');
    expect(plan.advisories.map((a) => a.id)).toContain('s3-prefix-list-id-missing');
  });

  it('should carry the S3 prefix list ID when given, and drop the advisory', () => {
    const plan = planEndpoints({ ...base, s3PrefixListId: 'pl-6da54004' });
    expect(plan.taskSecurityGroupEgress.find((r) => r.destination === 's3-prefix-list')).toMatchObject({ prefixListId: 'pl-6da54004' });
    expect(plan.advisories.map((a) => a.id)).not.toContain('s3-prefix-list-id-missing');
  });

  it('should admit the task security group, other groups and IPv6 CIDRs on 443', () => {
    const plan = planEndpoints({
      ...base,
      taskSecurityGroupId: 'sg-0123456789abcdef0',
      endpointIngress: ['sg-0fedcba9876543210'],
      subnetIpv6Cidrs: ['2a05:d018:1:100::/64'],
    });
    expect(plan.securityGroupIngress.map((r) => ('sourceSecurityGroupId' in r ? r.sourceSecurityGroupId : 'cidrIpv6' in r ? r.cidrIpv6 : r.cidrIp))).toEqual([
      'sg-0123456789abcdef0',
      'sg-0fedcba9876543210',
      '2a05:d018:1:100::/64',
    ]);
    expect(plan.securityGroupIngress.every((r) => r.ipProtocol === 'tcp' && r.fromPort === 443 && r.toPort === 443)).toBe(true);
    expect(plan.advisories.map((a) => a.id)).not.toContain('endpoint-security-group-cidrs-missing');
  });

  it.each<[string, Partial<EndpointPlanOptions>, string]>([
    ['a security group ID too short', { endpointIngress: ['sg-1'] }, 'endpointIngress[0]'],
    ['a task security group that is a VPC', { taskSecurityGroupId: 'vpc-0123456789abcdef0' }, 'taskSecurityGroupId'],
    ['a prefix list ID without pl-', { s3PrefixListId: 'com.amazonaws.eu-west-1.s3' }, 's3PrefixListId'],
    ['an IPv4 CIDR as IPv6', { subnetIpv6Cidrs: ['10.0.0.0/16'] }, 'subnetIpv6Cidrs[0]'],
    ['an IPv6 prefix longer than 128', { subnetIpv6Cidrs: ['2a05:d018::/129'] }, 'subnetIpv6Cidrs[0]'],
    ['two "::" in an IPv6 CIDR', { subnetIpv6Cidrs: ['2a05::d018::/64'] }, 'subnetIpv6Cidrs[0]'],
    ['an unknown IP address type', { endpointIpAddressType: 'ipv5' as never }, 'endpointIpAddressType'],
    // ipv6 endpoints need IPv6-only subnets (EC2 VpcEndpointIpAddressType): IPv4 CIDRs contradict it.
    ['IPv4 subnets with ipv6 endpoints', { endpointIpAddressType: 'ipv6', subnetCidrs: ['10.0.0.0/24'] }, 'subnetCidrs'],
    // dualstack needs subnets with both ranges.
    ['dualstack without IPv6 CIDRs', { endpointIpAddressType: 'dualstack', subnetCidrs: ['10.0.0.0/24'], subnetIpv6Cidrs: [] }, 'subnetIpv6Cidrs'],
  ])('should refuse %s, naming the field', (_name, extra, field) => {
    expect(fields(() => planEndpoints({ ...base, ...extra }))).toEqual([field]);
  });

  it('should accept the IPv6 CIDR forms AWS documents', () => {
    expect(fields(() => planEndpoints({ ...base, subnetIpv6Cidrs: ['2600:1f18:abcd:1200::/56', '::/0', '2001:db8:0:0:0:0:0:0/64'] }))).toEqual([]);
  });

  it('should give the interface endpoints the IP address type, not the S3 gateway, and warn that IPv6 is unverified', () => {
    const plan = planEndpoints({ ...base, endpointIpAddressType: 'dualstack', subnetCidrs: ['10.0.0.0/24'], subnetIpv6Cidrs: ['2a05:d018:1:100::/64'] });
    expect(plan.endpoints.map((e) => [e.service, e.ipAddressType])).toEqual([
      ['ecr.api', 'dualstack'],
      ['ecr.dkr', 'dualstack'],
      ['s3', undefined],
    ]);
    expect(plan.advisories.map((a) => a.id)).toContain('endpoint-ipv6-unverified');
    expect(planEndpoints(base).endpoints.every((e) => e.ipAddressType === undefined)).toBe(true);
  });
});

describe('IaC outputs: task security group egress', () => {
  const spec: PolicygenSpec = {
    region: 'eu-west-1',
    account: '111122223333',
    launchType: 'fargate',
    repositories: ['web'],
    network: { subnetCidrs: ['10.0.0.0/24'] },
  };
  type Resource = { Type: string; Properties: Record<string, unknown> };

  it('CloudFormation: creates a task security group whose only egress is 443 to the S3 prefix list parameter and to the endpoint group, without a cycle', () => {
    const template = renderCloudFormation(generateBundle(spec), spec);
    const resources = template.Resources as Record<string, Resource>;
    const task = resources['TaskSecurityGroup']!;
    expect(task.Properties['SecurityGroupEgress']).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: { Ref: 'S3PrefixListId' } }),
    ]);
    expect(resources['TaskSecurityGroupEgressToEndpoints']).toMatchObject({
      Type: 'AWS::EC2::SecurityGroupEgress',
      Properties: {
        GroupId: { 'Fn::GetAtt': ['TaskSecurityGroup', 'GroupId'] },
        DestinationSecurityGroupId: { 'Fn::GetAtt': ['EndpointSecurityGroup', 'GroupId'] },
        FromPort: 443,
        ToPort: 443,
      },
    });
    expect(resources['EndpointSecurityGroupIngressFromTasks']).toMatchObject({
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: { 'Fn::GetAtt': ['EndpointSecurityGroup', 'GroupId'] },
        SourceSecurityGroupId: { 'Fn::GetAtt': ['TaskSecurityGroup', 'GroupId'] },
      },
    });
    // Neither group names the other inside itself: CloudFormation would refuse the circular dependency.
    expect(JSON.stringify(task)).not.toContain('EndpointSecurityGroup');
    expect(JSON.stringify(resources['EndpointSecurityGroup'])).not.toContain('TaskSecurityGroup');
    // The prefix list ID cannot be looked up in CloudFormation: a parameter without default unless the spec has it.
    expect(template.Parameters['S3PrefixListId']).toMatchObject({ Type: 'String' });
    expect(template.Parameters['S3PrefixListId']).not.toHaveProperty('Default');
    expect(template.Outputs['TaskSecurityGroupId']?.Value).toEqual({ 'Fn::GetAtt': ['TaskSecurityGroup', 'GroupId'] });
  });

  it('CloudFormation: with an existing task security group, adds egress rules to it and creates none', () => {
    const withGroup = { ...spec, network: { ...spec.network, taskSecurityGroupId: 'sg-0123456789abcdef0', s3PrefixListId: 'pl-6da54004' } };
    const template = renderCloudFormation(generateBundle(withGroup), withGroup);
    const resources = template.Resources as Record<string, Resource>;
    expect(resources['TaskSecurityGroup']).toBeUndefined();
    expect(template.Parameters['TaskSecurityGroupId']).toMatchObject({ Type: 'AWS::EC2::SecurityGroup::Id', Default: 'sg-0123456789abcdef0' });
    expect(template.Parameters['S3PrefixListId']).toMatchObject({ Default: 'pl-6da54004' });
    expect(resources['TaskSecurityGroupEgressToS3']?.Properties).toMatchObject({
      GroupId: { Ref: 'TaskSecurityGroupId' },
      DestinationPrefixListId: { Ref: 'S3PrefixListId' },
    });
    expect(resources['TaskSecurityGroupEgressToEndpoints']?.Properties).toMatchObject({ GroupId: { Ref: 'TaskSecurityGroupId' } });
  });

  it('Terraform: egress to the gateway endpoint’s prefix_list_id and to the endpoint group by reference', () => {
    const config = renderTerraform(generateBundle(spec), spec);
    const egress = config.resource['aws_vpc_security_group_egress_rule']!;
    expect(egress['tasks_to_s3']).toMatchObject({
      security_group_id: '${aws_security_group.tasks.id}',
      prefix_list_id: '${aws_vpc_endpoint.s3.prefix_list_id}',
      from_port: 443,
      to_port: 443,
    });
    expect(egress['tasks_to_endpoints']).toMatchObject({ referenced_security_group_id: '${aws_security_group.vpc_endpoints.id}', ip_protocol: 'tcp' });
    expect(config.resource['aws_vpc_security_group_ingress_rule']!['vpc_endpoints_from_tasks']).toMatchObject({
      referenced_security_group_id: '${aws_security_group.tasks.id}',
    });
  });
});
