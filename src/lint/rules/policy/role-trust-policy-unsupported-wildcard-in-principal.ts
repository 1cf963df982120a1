import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS } from './lib/support';

export const roleTrustPolicyUnsupportedWildcardInPrincipal: PolicyRule<'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A role trust policy has "Principal": "*"',
    description:
      "\"'Principal:' '*' is not supported in the principal element of a role trust policy\" (IAM User Guide, \"IAM policy validation check " +
      'reference", Access Analyzer check ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL, an error; ' +
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html). The page names the bare "*"; ' +
      '{"AWS": "*"} is not judged.',
    fix: 'Name the principals that may assume the role, e.g. "Principal": "*" -> "Principal": {"AWS": "arn:aws:iam::111122223333:root"}.',
  },
  appliesTo: ['trust'],
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.principal === '*') (hits ??= []).push(hit('the Principal of a role trust policy must name principals, received "*"', [...s.path, 'Principal']));
    }
    return hits ?? NO_HITS;
  },
};
