import type { PolicyRule, RuleHit, StatementView } from '../../types';
import { resourcePolicyScope } from './lib/resource-policy-scope';
import { hasWildcard, hit, NO_HITS, showValue, splitAction } from './lib/support';

export const unsupportedActionInPolicy: PolicyRule<'UNSUPPORTED_ACTION_IN_POLICY'> = {
  kind: 'policy',
  meta: {
    code: 'UNSUPPORTED_ACTION_IN_POLICY',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: "An action of another service in the resource policy of a resource type that doesn't take it",
    description:
      'The resource-based policy of an S3 bucket or access point, an S3 Object Lambda access point or a role trust policy may only name ' +
      'actions of its own service (s3, s3-object-lambda, sts): "AWS Key Management Service actions aren\'t supported in Amazon S3 bucket ' +
      'policies" (Access Analyzer check UNSUPPORTED_ACTION_IN_POLICY, an error). Runs for --resource-type of those types and for trust ' +
      'policies; a service prefix with a wildcard and a service that does not exist (INVALID_SERVICE_IN_ACTION) are not judged.',
    fix: 'Move the action to an identity policy or to the policy of the resource it acts on, e.g. "kms:Decrypt" in a bucket policy -> the key policy.',
  },
  appliesTo: ['resource', 'trust'],
  check(unit, { iam }) {
    const scope = resourcePolicyScope(unit);
    if (scope === undefined) return NO_HITS;
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements as readonly StatementView[]) {
      for (const a of s.actions ?? []) {
        const service = splitAction(a.value)?.service;
        if (service === undefined || hasWildcard(service) || !iam.serviceExists(service)) continue;
        if (scope.services.includes(service.toLowerCase())) continue;
        (hits ??= []).push(
          hit(
            `the actions of a resource-based policy attached to ${scope.resourceType} must be of ${scope.services.map((v) => showValue(v)).join(' or ')}, received ${showValue(a.value)}`,
            a.path,
            `Action::${a.value}`,
          ),
        );
      }
    }
    return hits ?? NO_HITS;
  },
};
