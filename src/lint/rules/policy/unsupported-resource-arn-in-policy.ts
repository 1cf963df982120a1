import type { PolicyRule, RuleHit, StatementView } from '../../types';
import { arnFields } from './lib/arn-fields';
import { arnFitsScope, resourcePolicyScope } from './lib/resource-policy-scope';
import { hit, NO_HITS, showValue } from './lib/support';

export const unsupportedResourceArnInPolicy: PolicyRule<'UNSUPPORTED_RESOURCE_ARN_IN_POLICY'> = {
  kind: 'policy',
  meta: {
    code: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A Resource the resource policy of its resource type may not name',
    description:
      'The Resource element of an S3 bucket policy must name the bucket or its objects (arn:aws:s3:::bucket, arn:aws:s3:::bucket/key), ' +
      'of an access point policy the access point (…:accesspoint/name and its objects), of an S3 Object Lambda access point policy its ' +
      'access point; "*" and the ARNs of other resources are not supported (Access Analyzer check UNSUPPORTED_RESOURCE_ARN_IN_POLICY, ' +
      'an error). Runs for --resource-type of those types; a field with a wildcard or a variable is given the benefit of the doubt.',
    fix: 'Name the resource the policy is attached to, e.g. "Resource": "*" in a bucket policy -> "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"].',
  },
  appliesTo: ['resource'],
  check(unit) {
    const arn = resourcePolicyScope(unit)?.arn;
    if (arn === undefined) return NO_HITS;
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements as readonly StatementView[]) {
      for (const r of s.resources ?? []) {
        const fields = r.value === '*' ? undefined : arnFields(r.value);
        // A value that is neither "*" nor an ARN is INVALID_ARN_PREFIX.
        if (r.value !== '*' && (fields === undefined || arnFitsScope(fields, arn))) continue;
        (hits ??= []).push(
          hit(`the resource of a policy attached to ${unit.resourceType} must be ${arn.shape}, received ${showValue(r.value)}`, r.path, `Resource::${r.value}`),
        );
      }
    }
    return hits ?? NO_HITS;
  },
};
