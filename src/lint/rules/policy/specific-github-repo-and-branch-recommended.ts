import type { PolicyRule } from '../../types';
import { GITHUB_OIDC_PROVIDER } from './lib/oidc-principals';
import { conditionValueHits, hit, isLikeOperator, isNegatedOperator, showValue } from './lib/support';

const SUB_KEY = `${GITHUB_OIDC_PROVIDER}:sub`;

export const specificGithubRepoAndBranchRecommended: PolicyRule<'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED'> = {
  kind: 'policy',
  meta: {
    code: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
    severity: 'warning',
    source: 'access-analyzer',
    offline: true,
    title: 'token.actions.githubusercontent.com:sub is matched with a wildcard',
    description:
      '"Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended": name the ' +
      'repository and branch (Access Analyzer check SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED, a general warning). Judged under the ' +
      'Like operators, where * is a wildcard (a * under StringEquals is WILDCARD_WITHOUT_LIKE_OPERATOR). Runs on role trust policies.',
    fix: 'Name the branch or environment, e.g. "StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/*"} -> "StringEquals": {"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main"}.',
  },
  appliesTo: ['trust'],
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) =>
      c.key.toLowerCase() === SUB_KEY && isLikeOperator(c.baseOperator) && !isNegatedOperator(c.baseOperator) && v.value.includes('*')
        ? hit(`the value of ${SUB_KEY} should name the repository and branch, received ${showValue(v.value)}`, v.path)
        : undefined,
    );
  },
};
