import type { PolicyRule, RuleHit } from '../../types';
import { GITHUB_OIDC_PROVIDER, oidcPrincipals, providerConditions } from './lib/oidc-principals';
import { hit, NO_HITS, showValue } from './lib/support';

export const missingConditionKeyForOidcPrincipal: PolicyRule<'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL',
    severity: 'security_warning',
    source: 'access-analyzer',
    offline: true,
    title: 'A trust policy trusts an OIDC provider without a condition on its keys',
    description:
      '"Using an Open ID Connect principal without a condition can be overly permissive": without a condition key prefixed by the ' +
      'provider (oidc.eks.REGION.amazonaws.com/id/ID:sub, accounts.google.com:aud …), every identity the provider issues a token to may ' +
      'assume the role (Access Analyzer check MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL, a security warning). GitHub Actions has its own ' +
      'check, MISSING_GITHUB_REPO_CONDITION_KEY. Runs on role trust policies.',
    fix: 'Add a condition on the provider\'s keys, e.g. "Condition": {"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub": "system:serviceaccount:app:app", "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud": "sts.amazonaws.com"}}.',
  },
  appliesTo: ['trust'],
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const p of oidcPrincipals(s)) {
        if (p.provider.toLowerCase() === GITHUB_OIDC_PROVIDER || providerConditions(s, p.provider).length > 0) continue;
        (hits ??= []).push(
          hit(
            `a statement trusting the OIDC provider ${showValue(p.value)} must have a condition on a ${showValue(`${p.provider}:`)} key, received none`,
            p.path,
          ),
        );
      }
    }
    return hits ?? NO_HITS;
  },
};
