import type { StackRule } from '../../types';
import { cite } from '../../../model/aws-sources';
import { GRANT_VIEW_NOTE, grantHits } from './grant-view';

/** The view of check's least-privilege warning BROADER_NAMED_GRANT (src/pull/named-grants.ts), at the resource that grants it. */
export const broaderNamedGrant: StackRule<'BROADER_NAMED_GRANT'> = {
  kind: 'stack',
  meta: {
    code: 'BROADER_NAMED_GRANT',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'Grants grant on a named resource that no task of the role uses',
    description:
      'An Allow of a role that pulls names an ECR repository, S3 bucket or object, log group, secret, parameter or KMS key ' +
      "that none of the role's tasks uses (their image pulls, log streams, secrets, environment files): a leftover or a " +
      "copy from another service's role. Resources known only at deploy time are not judged. " +
      GRANT_VIEW_NOTE +
      `${cite('ECS-EXEC', 'PL')}.`,
    fix: 'Remove the statement, or move it to the role that uses the resource: the task role (TaskRoleArn) for what the application reads at run time, e.g. {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-app-config/*"}.',
  },
  check: (stack) => grantHits(stack, 'BROADER_NAMED_GRANT'),
};
