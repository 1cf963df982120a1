import type { PolicyRule, RuleHit } from '../../types';
import { federatedKindOf } from './lib/oidc-principals';
import { hit, NO_HITS, showValue } from './lib/support';

/**
 * The federated actions and the provider each takes: "Use a SAML provider principal with the
 * sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity
 * action" (IAM User Guide, "IAM policy validation check reference", Error – Mismatched action for principal,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
 */
const PROVIDER_OF_ACTION: ReadonlyMap<string, 'saml' | 'oidc'> = new Map([
  ['sts:assumerolewithsaml', 'saml'],
  ['sts:assumerolewithwebidentity', 'oidc'],
]);

export const mismatchedActionForPrincipal: PolicyRule<'MISMATCHED_ACTION_FOR_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'MISMATCHED_ACTION_FOR_PRINCIPAL',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A federated assume-role action is granted to a principal of another kind',
    description:
      'sts:AssumeRoleWithSAML takes a Federated SAML provider (arn:aws:iam::ACCOUNT:saml-provider/NAME) and sts:AssumeRoleWithWebIdentity a ' +
      'Federated OIDC provider (an oidc-provider ARN, or accounts.google.com, graph.facebook.com, www.amazon.com, cognito-identity.amazonaws.com); ' +
      'any other principal in the statement cannot use the action (Access Analyzer check MISMATCHED_ACTION_FOR_PRINCIPAL, an error). ' +
      'Actions written with a wildcard and "Principal": "*" are not judged. Runs on role trust policies.',
    fix: 'Pair each action with its provider, e.g. "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider"} with "Action": "sts:AssumeRoleWithSAML".',
  },
  appliesTo: ['trust'],
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.effect !== 'Allow' || s.principalValues.length === 0) continue;
      for (const a of s.actions ?? []) {
        const provider = PROVIDER_OF_ACTION.get(a.value.toLowerCase());
        if (provider === undefined) continue;
        const others = s.principalValues.filter((p) => p.type !== '*' && !(p.type === 'Federated' && federatedKindOf(p.value) === provider));
        if (others.length > 0)
          (hits ??= []).push(
            hit(
              `${showValue(a.value)} must be granted to a Federated ${provider === 'saml' ? 'SAML' : 'OIDC'} provider, received ${others.map((p) => showValue(p.value)).join(', ')}`,
              a.path,
              `Action::${a.value}`,
            ),
          );
      }
    }
    return hits ?? NO_HITS;
  },
};
