import type { PolicyRule, RuleHit } from '../../types';
import { ENDPOINT_POLICY_TYPES, hit, NO_HITS, showValue } from './lib/support';

export const federatedPrincipalNotSupported: PolicyRule<'FEDERATED_PRINCIPAL_NOT_SUPPORTED'> = {
  kind: 'policy',
  meta: {
    code: 'FEDERATED_PRINCIPAL_NOT_SUPPORTED',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A resource policy other than a role trust policy names a Federated principal',
    description:
      'Federated principals give access through identity federation in the trust policy of a role; "other resource-based policies don\'t ' +
      "support a federated identity provider in the Principal element. For example, you can't use a SAML principal in an Amazon S3 bucket " +
      'policy" (Access Analyzer check FEDERATED_PRINCIPAL_NOT_SUPPORTED, an error). Runs on resource and endpoint policies (identity ' +
      'policies take no Principal at all: UNSUPPORTED_PRINCIPAL).',
    fix: 'Grant the role that the federated users assume, e.g. "Principal": {"Federated": "…saml-provider/Sso"} -> "Principal": {"AWS": "arn:aws:iam::111122223333:role/SsoUsers"}.',
  },
  appliesTo: ['resource', ...ENDPOINT_POLICY_TYPES],
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const p of s.principalValues) {
        if (p.type === 'Federated')
          (hits ??= []).push(hit(`a resource-based policy must not name a Federated principal, received ${showValue(p.value)}`, p.path));
      }
    }
    return hits ?? NO_HITS;
  },
};
