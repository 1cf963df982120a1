import type { StackRule } from '../../types';
import { cite } from '../../../model/aws-sources';
import { GRANT_VIEW_NOTE, grantHits } from './grant-view';

/** The view of check's least-privilege warning BROADER_OTHER_BUCKET (src/pull/probes.ts), at the resource that grants it. */
export const broaderOtherBucket: StackRule<'BROADER_OTHER_BUCKET'> = {
  kind: 'stack',
  meta: {
    code: 'BROADER_OTHER_BUCKET',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'Grants read any S3 bucket',
    description:
      'The execution role (or the S3 gateway endpoint policy) allows s3:GetObject on a bucket other than the ECR layer ' +
      'bucket: through the gateway endpoint, that is a path to read (and with other actions, copy data to) any bucket. The ' +
      'pull needs s3:GetObject on arn:aws:s3:::prod-REGION-starport-layer-bucket/* only. ' +
      GRANT_VIEW_NOTE +
      `${cite('ECS-EXEC', 'PL')}.`,
    fix: 'Limit the S3 gateway endpoint policy to the layer bucket: {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"}; `policygen s3-gateway-policy` writes it.',
  },
  check: (stack) => grantHits(stack, 'BROADER_OTHER_BUCKET'),
};
