import type { PolicygenSpec } from '../model/policygen-spec.generated';

/**
 * The built-in example (`policygen generate --example`): a Fargate service in us-east-1 in private
 * subnets, logging with awslogs. IDs are documentation placeholders.
 */
export const EXAMPLE_SPEC: PolicygenSpec = {
  region: 'us-east-1',
  account: '111122223333',
  launchType: 'fargate',
  platformVersion: '1.4.0',
  repositories: ['my-app'],
  network: {
    vpcId: 'vpc-0123456789abcdef0',
    endpointIds: ['vpce-0123456789abcdef0'],
    subnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
  },
  logging: { awslogs: true, logGroups: ['/ecs/my-app'] },
  ecrEndpoint: { principals: ['arn:aws:iam::111122223333:role/my-app-execution-role'] },
};
