import type { EndpointModel, IngressRuleModel, RuleHit, SecurityGroupModel, StackModel, StackRule } from '../../types';
import { endpointService, propertyPath, type Tri } from './pull-path';
import { cite } from '../../../model/aws-sources';

const HTTPS = 443;

/** Does the rule admit TCP 443 (from any source: the rule checks the port, not who may use it)? */
function admitsHttps(rule: IngressRuleModel): Tri {
  if (!rule.protocol.known) return 'unknown';
  const protocol = rule.protocol.value.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'yes';
  if (protocol !== 'tcp' && protocol !== '6') return 'no';
  if (!rule.fromPort.known || !rule.toPort.known) return 'unknown';
  // -1 is AWS's "all ports" (and what readers put for ports left out).
  if (rule.fromPort.value === -1 || rule.toPort.value === -1) return 'yes';
  return rule.fromPort.value <= HTTPS && HTTPS <= rule.toPort.value ? 'yes' : 'no';
}

/**
 * The endpoints' network interfaces answer on 443 only if one of their security groups admits it
 * (docs/aws-facts.md §2). Decided only when every group is declared in the stack: a group given as a
 * literal sg- ID, a parameter or an import may admit 443 for all we know, so then the rule is silent.
 */
export const vpceSecurityGroupNoHttpsIngress: StackRule<'VPCE_SECURITY_GROUP_NO_HTTPS_INGRESS'> = {
  kind: 'stack',
  meta: {
    code: 'VPCE_SECURITY_GROUP_NO_HTTPS_INGRESS',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'Interface endpoint whose security groups do not admit HTTPS',
    description:
      'Interface endpoints are reached over HTTPS: their security groups must allow inbound TCP 443 from the task subnets (or the ' +
      "task security group). When none of an interface endpoint's security groups has an ingress rule for TCP (or all traffic) " +
      'with a port range covering 443, every call to it (ecr.api, ecr.dkr, logs, …) times out. Only security groups declared in the ' +
      'stack are checked. ' +
      `${cite('ECR-VPCE', 'ECS-VPCE')}.`,
    fix:
      'Add an ingress rule to the endpoint security group: SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, ' +
      'CidrIp: 10.0.0.0/16}] (the task subnets, or SourceSecurityGroupId: the task security group).',
  },
  check(stack) {
    const groups = new Map(stack.securityGroups.map((g) => [g.resource, g]));
    return stack.endpoints.flatMap((endpoint) => endpointHits(stack, endpoint, groups));
  },
};

function endpointHits(stack: StackModel, endpoint: EndpointModel, groups: ReadonlyMap<string, SecurityGroupModel>): RuleHit[] {
  if (!endpoint.type.known || endpoint.type.value !== 'Interface' || endpoint.securityGroups.length === 0) return [];
  const declared = endpoint.securityGroups.map((ref) => (ref.resource === undefined ? undefined : groups.get(ref.resource)));
  if (declared.some((g) => g === undefined)) return [];
  const verdicts = declared.flatMap((g) => g!.ingress.map(admitsHttps));
  if (verdicts.some((v) => v !== 'no')) return [];
  const names = declared.map((g) => g!.resource).join(', ');
  const service = endpointService(endpoint);
  return [
    {
      message: `no security group of the interface endpoint ${endpoint.resource}${service ? ` (${service})` : ''} admits TCP 443: ${names} ${declared.length === 1 ? 'has' : 'have'} no ingress rule for tcp or all traffic covering port 443, so tasks cannot reach the endpoint; add an HTTPS ingress rule from the task subnets`,
      path: propertyPath(stack, endpoint.path, 'SecurityGroupIds'),
      resource: endpoint.resource,
    },
  ];
}
