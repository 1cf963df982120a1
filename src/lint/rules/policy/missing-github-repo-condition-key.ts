import type { PolicyRule, RuleHit } from '../../types';
import { GITHUB_OIDC_PROVIDER, oidcPrincipals } from './lib/oidc-principals';
import { conditionOn, hit, NO_HITS, showValue } from './lib/support';

export const missingGithubRepoConditionKey: PolicyRule<'MISSING_GITHUB_REPO_CONDITION_KEY'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_GITHUB_REPO_CONDITION_KEY',
    severity: 'security_warning',
    source: 'access-analyzer',
    offline: true,
    title: 'A trust policy trusts GitHub Actions without token.actions.githubusercontent.com:sub',
    description:
      'Without a condition on token.actions.githubusercontent.com:sub, "GitHub Actions from organizations or repositories outside of ' +
      'your control are able to assume roles associated with the GitHub IAM IdP in your AWS account" (Access Analyzer check ' +
      'MISSING_GITHUB_REPO_CONDITION_KEY, a security warning). Runs on role trust policies.',
    fix: 'Limit the role to your repository and branch, e.g. "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main"}.',
  },
  appliesTo: ['trust'],
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const p of oidcPrincipals(s)) {
        if (p.provider.toLowerCase() !== GITHUB_OIDC_PROVIDER || conditionOn(s, `${GITHUB_OIDC_PROVIDER}:sub`) !== undefined) continue;
        (hits ??= []).push(
          hit(
            `a statement trusting ${showValue(p.value)} must have a condition on ${GITHUB_OIDC_PROVIDER}:sub naming the repository and branch, received none`,
            p.path,
          ),
        );
      }
    }
    return hits ?? NO_HITS;
  },
};
