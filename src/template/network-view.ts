import { isRecord, own } from './stack-helpers';
import type { SourceFile } from './types';

/**
 * `check --network-from` (issue 10 §2, "when the network lives in a stack the user does not have"):
 * a template read only for its network and its exports. Its task definitions, roles and services
 * are left out, so they are neither walked nor taken for the checked stack's; what the checked
 * stack imports from it (subnets, endpoints, security groups) resolves to it.
 */

/** The resource types that make the network a task's requests take (VPC User Guide; PrivateLink Guide). */
const NETWORK_TYPES: ReadonlySet<string> = new Set([
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::NatGateway',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::EgressOnlyInternetGateway',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::VPNGateway',
  'AWS::EC2::EIP',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
]);

/** The template with only its network resources (and its Parameters, Mappings, Conditions, Outputs). */
export function networkView(source: SourceFile): SourceFile {
  const data = source.data;
  if (!isRecord(data)) return source;
  const resources = own(data, 'Resources');
  const kept = Object.fromEntries(
    Object.entries(isRecord(resources) ? resources : {}).filter(([, r]) => {
      const type = own(r, 'Type');
      return typeof type === 'string' && NETWORK_TYPES.has(type);
    }),
  );
  return { ...source, data: { ...data, Resources: kept } };
}
