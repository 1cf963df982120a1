import type { PolicyRule } from '../../types';
import { ENDPOINT_POLICY_TYPES, hit } from './lib/support';
import { cite } from '../../../model/aws-sources';

export const vpcePolicyDenyOnly: PolicyRule<'VPCE_POLICY_DENY_ONLY'> = {
  kind: 'policy',
  meta: {
    code: 'VPCE_POLICY_DENY_ONLY',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'The endpoint policy has only Deny statements, so it denies everything',
    description:
      'An endpoint policy replaces the default full-access policy; a request through the endpoint needs an Allow in it. ' +
      'With Deny statements only, nothing is allowed and every call through the endpoint fails (IAM policy evaluation ' +
      'logic; a known broken sample of a popular Terraform module does this). ' +
      `${cite('IAM-EVAL', 'PL')}.`,
    fix: 'Add the Allow statement that the Denies carve exceptions from, e.g. {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}.',
  },
  appliesTo: ENDPOINT_POLICY_TYPES,
  check(unit) {
    const statements = unit.view.statements;
    if (statements.length === 0 || !statements.every((s) => s.effect === 'Deny')) return [];
    return [
      hit(
        `the endpoint policy must have at least one Allow statement, received ${statements.length} Deny statement${statements.length === 1 ? '' : 's'} only: it denies every request`,
        ['Statement'],
      ),
    ];
  },
};
