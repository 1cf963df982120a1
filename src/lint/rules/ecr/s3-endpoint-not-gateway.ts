import type { StackRule } from '../../types';
import { endpointService, propertyPath, showsEcrWorkload } from './pull-path';
import { blockedByNetwork, firstBy, pullReportOf } from './pull-view';
import { cite } from '../../../model/aws-sources';

/**
 * The layer download goes to S3 through the gateway endpoint in the subnets' route tables
 * (docs/aws-facts.md §2). An S3 interface endpoint alone does not carry it. A stack that has both (an
 * interface endpoint for on-premises access, say) is fine, so only S3 endpoints without any S3
 * gateway beside them are reported.
 */
export const s3EndpointNotGateway: StackRule<'S3_ENDPOINT_NOT_GATEWAY'> = {
  kind: 'stack',
  meta: {
    code: 'S3_ENDPOINT_NOT_GATEWAY',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'S3 endpoint that is not a Gateway endpoint',
    description:
      'Amazon ECR documents the S3 endpoint for image layers as a gateway endpoint (com.amazonaws.REGION.s3, type Gateway) attached ' +
      'to the route tables of the task subnets; the tasks download the layers from S3 through it. An S3 endpoint of type Interface ' +
      'or GatewayLoadBalancer does not take its place, so pulls time out. Reported when the stack declares S3 endpoints and none of ' +
      'them is a Gateway (an interface endpoint beside the gateway, for on-premises access, is fine). ' +
      'On CloudFormation templates the rule is a view of the walk of `policygen check`: it reports exactly where check blocks a hop of the pull for this reason (an internet route, with a public IP for awsvpc tasks, carries the hop instead), and nothing where check cannot decide. ' +
      'Where check cannot walk the pull (a Terraform plan, or images given by parameters without value), it reports only in a stack with an ECS task definition or an ECR endpoint. ' +
      `${cite('ECR-VPCE')}.`,
    fix: 'Declare the S3 endpoint with VpcEndpointType: Gateway and RouteTableIds of the private subnets (Terraform: vpc_endpoint_type = "Gateway", route_table_ids).',
  },
  check(stack) {
    const report = pullReportOf(stack);
    if (report !== undefined) {
      // The view of check's walk: the layer download blocked at an S3 endpoint of the wrong type.
      return firstBy(blockedByNetwork(report, 'wrong-type', ['s3']), (s) => s.endpointResource ?? '').flatMap((step) => {
        const e = stack.endpoints.find((x) => x.resource === step.endpointResource);
        if (e === undefined) return [];
        return [
          {
            message: `the S3 endpoint ${e.resource} is of type ${e.type.known ? e.type.value : 'unknown'} and the stack has no S3 gateway endpoint: ${step.task} (${step.container}) downloads its ECR image layers from S3 through a Gateway endpoint in the subnets' route tables; make it VpcEndpointType: Gateway with RouteTableIds`,
            path: propertyPath(stack, e.path, 'VpcEndpointType'),
            resource: e.resource,
          },
        ];
      });
    }
    if (!showsEcrWorkload(stack)) return [];
    const s3 = stack.endpoints.filter((e) => endpointService(e) === 's3');
    // An endpoint of unknown type might be the gateway.
    if (s3.some((e) => !e.type.known || e.type.value === 'Gateway')) return [];
    return s3.map((e) => ({
      message: `the S3 endpoint ${e.resource} is of type ${e.type.known ? e.type.value : 'unknown'} and the stack has no S3 gateway endpoint: ECR image layers are downloaded from S3 through a Gateway endpoint in the subnets' route tables; make it VpcEndpointType: Gateway with RouteTableIds`,
      path: propertyPath(stack, e.path, 'VpcEndpointType'),
      resource: e.resource,
    }));
  },
};
