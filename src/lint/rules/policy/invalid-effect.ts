import type { PolicyRule } from '../../types';
import { grammarIssues } from './lib/grammar-issues';
import { hit } from './lib/support';

export const invalidEffect: PolicyRule<'INVALID_EFFECT'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_EFFECT',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'Effect is not Allow or Deny',
    description:
      'Effect takes exactly "Allow" or "Deny", case-sensitive (IAM User Guide, policy grammar; Access Analyzer check INVALID_EFFECT, an error). IAM rejects the policy.',
    fix: 'Write Allow or Deny, e.g. "Effect": "Alow" -> "Effect": "Allow".',
  },
  check(unit) {
    return grammarIssues(unit)
      .filter((issue) => issue.code === 'INVALID_EFFECT')
      .map((issue) => hit(issue.message, issue.path));
  },
};
