import { parseEcrImage } from '../../src/pull/ecr-image';

/** ECR private registry URIs (ECR User Guide, "Private registry"; DOMAIN.md §2 for China). */
describe('parseEcrImage', () => {
  it.each([
    ['111122223333.dkr.ecr.eu-west-1.amazonaws.com/my-app:1.0.0', { account: '111122223333', region: 'eu-west-1', repository: 'my-app', reference: '1.0.0' }],
    ['111122223333.dkr.ecr.us-east-1.amazonaws.com/team/app', { account: '111122223333', region: 'us-east-1', repository: 'team/app' }],
    [
      '111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app@sha256:0a1b',
      { account: '111122223333', region: 'cn-north-1', repository: 'app', reference: 'sha256:0a1b' },
    ],
    ['111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app', { account: '111122223333', region: 'us-gov-west-1', repository: 'app' }],
    [
      '{{Ref AWS.AccountId}}.dkr.ecr.{{Ref AWS.Region}}.{{Ref AWS.URLSuffix}}/{{Ref Repo}}:{{Ref Tag}}',
      { account: '{{Ref AWS.AccountId}}', region: '{{Ref AWS.Region}}', repository: '{{Ref Repo}}', reference: '{{Ref Tag}}' },
    ],
  ])('should read %s', (uri, expected) => {
    expect(parseEcrImage(uri)).toEqual(expected);
  });

  it.each([
    'nginx:1.27',
    'public.ecr.aws/nginx/nginx:latest',
    'docker.io/library/nginx',
    '11112222333.dkr.ecr.eu-west-1.amazonaws.com/app',
    '111122223333Xdkr.ecr.eu-west-1.amazonaws.com/app',
    '111122223333.dkr.ecr.eu-west-1.example.com/app',
  ])('should not take %s for an ECR private image', (uri) => {
    expect(parseEcrImage(uri)).toBeUndefined();
  });
});
