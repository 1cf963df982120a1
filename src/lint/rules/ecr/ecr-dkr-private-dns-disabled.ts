import type { StackRule } from '../../types';
import { endpointService, judgedWithoutWalk, propertyPath } from './pull-path';
import { blockedByNetwork, pullReportOf } from './pull-view';
import { cite } from '../../../model/aws-sources';

/**
 * Docker clients and the ECS agent pull from the registry's default host name
 * (ACCOUNT.dkr.ecr.REGION.amazonaws.com); only private DNS makes it resolve to the endpoint
 * (docs/aws-facts.md §2: "private DNS must be on"). CloudFormation's PrivateDnsEnabled defaults to false.
 */
export const ecrDkrPrivateDnsDisabled: StackRule<'ECR_DKR_PRIVATE_DNS_DISABLED'> = {
  kind: 'stack',
  meta: {
    code: 'ECR_DKR_PRIVATE_DNS_DISABLED',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'ecr.dkr interface endpoint without private DNS',
    description:
      'Image pulls address the registry by its default host name ACCOUNT.dkr.ecr.REGION.amazonaws.com, which resolves to the ' +
      'ecr.dkr interface endpoint only when the endpoint has private DNS enabled. AWS::EC2::VPCEndpoint PrivateDnsEnabled defaults ' +
      'to false, and aws_vpc_endpoint private_dns_enabled to false: without it, tasks in subnets without internet access time out ' +
      'pulling. ' +
      'On CloudFormation templates the rule is a view of the walk of `policygen check`: it reports exactly where check blocks a hop of the pull for this reason (an internet route, with a public IP for awsvpc tasks, carries the hop instead), and nothing where check cannot decide. ' +
      'Where check cannot walk the pull (a Terraform plan, or images given by parameters without value), it reports only in a stack that shows an ECR pull and declares no internet route. ' +
      `${cite('ECR-VPCE')}.`,
    fix: 'Set PrivateDnsEnabled: true on the ecr.dkr endpoint (Terraform: private_dns_enabled = true); the VPC needs enableDnsSupport and enableDnsHostnames.',
  },
  check(stack) {
    const report = pullReportOf(stack);
    // The view of check's walk: only where the walk blocks the manifest or layer URLs (with an internet route, the pull goes that way).
    const blocked = report === undefined ? undefined : new Set(blockedByNetwork(report, 'private-dns-off', ['ecr.dkr']).map((s) => s.endpointResource));
    if (blocked === undefined && !judgedWithoutWalk(stack)) return [];
    return stack.endpoints
      .filter((e) => endpointService(e) === 'ecr.dkr' && e.type.known && e.type.value === 'Interface')
      .filter((e) => e.privateDnsEnabled.known && !e.privateDnsEnabled.value)
      .filter((e) => blocked === undefined || blocked.has(e.resource))
      .map((e) => ({
        message: `the ecr.dkr endpoint ${e.resource} has private DNS disabled (PrivateDnsEnabled defaults to false), so the registry host name ACCOUNT.dkr.ecr.REGION.amazonaws.com does not resolve to it and image pulls cannot reach ECR; set PrivateDnsEnabled: true`,
        path: propertyPath(stack, e.path, 'PrivateDnsEnabled'),
        resource: e.resource,
      }));
  },
};
