import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';

/**
 * A Federated principal is "a domain name or a SAML metadata ARN" (IAM User Guide, "IAM policy validation
 * check reference", Error – Invalid federated principal syntax in role trust policy,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html), or an
 * IAM OIDC provider ARN (IAM User Guide, "AWS JSON policy elements: Principal", OIDC session principals).
 */
const PROVIDER_ARN = /^arn:[a-z-]+:iam::\d{12}:(?:saml-provider|oidc-provider)\/\S+$/;
const DOMAIN_NAME = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export const invalidFederatedPrincipalSyntaxInRoleTrustPolicy: PolicyRule<'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A Federated principal is neither a domain name nor a provider ARN',
    description:
      'The Federated principal of a role trust policy names an identity provider: a domain name (cognito-identity.amazonaws.com, ' +
      'accounts.google.com) or the ARN of an IAM SAML or OIDC provider (arn:aws:iam::ACCOUNT:saml-provider/NAME); anything else matches ' +
      'no provider (Access Analyzer check INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY, an error). Values with a policy ' +
      'variable are not judged. Runs on role trust policies.',
    fix: 'Name the provider by its ARN, e.g. "ExampleOrgSSOProvider" -> "arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider".',
  },
  appliesTo: ['trust'],
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const p of s.principalValues) {
        if (p.type !== 'Federated' || p.value.includes('${') || PROVIDER_ARN.test(p.value) || DOMAIN_NAME.test(p.value)) continue;
        (hits ??= []).push(hit(`a Federated principal must be a domain name or a SAML or OIDC provider ARN, received ${showValue(p.value)}`, p.path));
      }
    }
    return hits ?? NO_HITS;
  },
};
