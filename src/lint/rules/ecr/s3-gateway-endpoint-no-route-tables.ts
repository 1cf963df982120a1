import type { StackRule } from '../../types';
import { endpointService, propertyPath } from './pull-path';
import { blockedByNetwork, pullReportOf } from './pull-view';
import { cite } from '../../../model/aws-sources';

/**
 * A gateway endpoint works through the routes it adds to the route tables it is attached to
 * (docs/aws-facts.md §2: "attached to the private route tables"); with none, S3 traffic never reaches it.
 * Readers give an unknown list (a parameter without default, say) as one unknown reference, so an
 * empty list means none was written.
 */
export const s3GatewayEndpointNoRouteTables: StackRule<'S3_GATEWAY_ENDPOINT_NO_ROUTE_TABLES'> = {
  kind: 'stack',
  meta: {
    code: 'S3_GATEWAY_ENDPOINT_NO_ROUTE_TABLES',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'S3 gateway endpoint without route tables',
    description:
      'An S3 gateway endpoint takes effect only in the route tables it is attached to: it adds a route to the S3 prefix list there. ' +
      "Without RouteTableIds (Terraform: route_table_ids or aws_vpc_endpoint_route_table_association), the tasks' layer downloads " +
      'never use it and, without internet access, time out. ' +
      'On CloudFormation templates the rule is a view of the walk of `policygen check`: it reports exactly where check blocks a hop of the pull for this reason (an internet route, with a public IP for awsvpc tasks, carries the hop instead), and nothing where check cannot decide. ' +
      `${cite('ECR-VPCE')}.`,
    fix: 'Attach the route tables of the task subnets: RouteTableIds: [!Ref PrivateRouteTableA, !Ref PrivateRouteTableB].',
  },
  check(stack) {
    const report = pullReportOf(stack);
    // The view of check's walk: only the gateway endpoints where the walk blocks a layer download.
    const blocked = report === undefined ? undefined : new Set(blockedByNetwork(report, 'no-route-tables', ['s3']).map((s) => s.endpointResource));
    return stack.endpoints
      .filter((e) => endpointService(e) === 's3' && e.type.known && e.type.value === 'Gateway' && e.routeTableIds.length === 0)
      .filter((e) => blocked === undefined || blocked.has(e.resource))
      .map((e) => ({
        message: `the S3 gateway endpoint ${e.resource} is attached to no route table, so no subnet routes S3 traffic (the ECR image layers) through it; set RouteTableIds to the task subnets' route tables`,
        path: propertyPath(stack, e.path, 'RouteTableIds'),
        resource: e.resource,
      }));
  },
};
