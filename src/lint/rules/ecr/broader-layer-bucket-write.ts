import type { StackRule } from '../../types';
import { cite } from '../../../model/aws-sources';
import { GRANT_VIEW_NOTE, grantHits } from './grant-view';

/** The view of check's least-privilege warning BROADER_LAYER_BUCKET_WRITE (src/pull/probes.ts), at the resource that grants it. */
export const broaderLayerBucketWrite: StackRule<'BROADER_LAYER_BUCKET_WRITE'> = {
  kind: 'stack',
  meta: {
    code: 'BROADER_LAYER_BUCKET_WRITE',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'Grants write to the ECR layer bucket',
    description:
      'The execution role (or the S3 gateway endpoint policy) allows s3:PutObject on the ECR layer bucket: the pull only ' +
      'reads it (s3:GetObject), and a write grant usually comes from s3:* or * on "*", which allows writing to any bucket ' +
      'through the endpoint. ' +
      GRANT_VIEW_NOTE +
      `${cite('ECS-EXEC', 'PL')}.`,
    fix: 'Grant s3:GetObject only: {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"}.',
  },
  check: (stack) => grantHits(stack, 'BROADER_LAYER_BUCKET_WRITE'),
};
