import { fail, ok, showValue, type Result } from './errors';
import type { RegionInfo } from './region';

/**
 * Images that ECS runs beside the task's own containers, pulled with the task execution role from a
 * repository of an AWS-owned account (one per Region), which a role or ECR endpoint policy limited to
 * the workload's own account blocks (docs/aws-facts.md).
 *
 * `guardduty-agent`: the GuardDuty Runtime Monitoring sidecar on Fargate (Amazon ECS only). Source:
 * Amazon GuardDuty User Guide, "ECR Repository for GuardDuty agent on AWS Fargate (Amazon ECS only)"
 * (https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html); the
 * GovCloud (US) accounts from the AWS GovCloud (US) User Guide, "Amazon GuardDuty"
 * (https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-guardduty.html). A Region
 * missing here gets no grant and the advisory `aws-owned-image-region-unverified`.
 */
const AWS_OWNED_IMAGES = {
  'guardduty-agent': {
    repository: 'aws-guardduty-agent-fargate',
    accounts: {
      'af-south-1': '197869348890',
      'ap-east-1': '258348409381',
      'ap-east-2': '259886477082',
      'ap-northeast-1': '533107202818',
      'ap-northeast-2': '914738172881',
      'ap-northeast-3': '273192626886',
      'ap-south-1': '251508486986',
      'ap-south-2': '950823858135',
      'ap-southeast-1': '174946120834',
      'ap-southeast-2': '005257825471',
      'ap-southeast-3': '510637619217',
      'ap-southeast-4': '251357961535',
      'ap-southeast-5': '156041399949',
      'ap-southeast-7': '054037130133',
      'ca-central-1': '354763396469',
      'ca-west-1': '339712888787',
      'eu-central-1': '323658145986',
      'eu-central-2': '529164026651',
      'eu-north-1': '591436053604',
      'eu-south-1': '266869475730',
      'eu-south-2': '919611009337',
      'eu-west-1': '694911143906',
      'eu-west-2': '892757235363',
      'eu-west-3': '665651866788',
      'il-central-1': '870907303882',
      'me-central-1': '000014521398',
      'me-south-1': '536382113932',
      'mx-central-1': '311141559934',
      'sa-east-1': '758426053663',
      'us-east-1': '593207742271',
      'us-east-2': '307168627858',
      'us-gov-east-1': '383115532789',
      'us-gov-west-1': '383110348953',
      'us-west-1': '684579721401',
      'us-west-2': '733349766148',
    } as Readonly<Record<string, string>>,
  },
} as const;

export type AwsOwnedImage = keyof typeof AWS_OWNED_IMAGES;

export function parseAwsOwnedImage(value: unknown, field = 'awsOwnedImages'): Result<AwsOwnedImage> {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(AWS_OWNED_IMAGES, value)
    ? ok(value as AwsOwnedImage)
    : fail({ field, received: showValue(value), expected: `be one of ${Object.keys(AWS_OWNED_IMAGES).join(', ')}` });
}

/** The image's repository ARN in the Region, or undefined when the source lists no account for that Region. */
export function awsOwnedImageRepositoryArn(image: AwsOwnedImage, region: RegionInfo): string | undefined {
  const { repository, accounts } = AWS_OWNED_IMAGES[image];
  const account = Object.prototype.hasOwnProperty.call(accounts, region.name) ? accounts[region.name] : undefined;
  return account === undefined ? undefined : `arn:${region.partition}:ecr:${region.name}:${account}:repository/${repository}`;
}
