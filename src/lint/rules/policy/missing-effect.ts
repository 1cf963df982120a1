import type { PolicyRule } from '../../types';
import { grammarIssues } from './lib/grammar-issues';
import { hit } from './lib/support';

export const missingEffect: PolicyRule<'MISSING_EFFECT'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_EFFECT',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A statement has no Effect',
    description:
      'Every statement needs "Effect": "Allow" or "Deny" (IAM User Guide, policy grammar; Access Analyzer check MISSING_EFFECT, an error). IAM rejects the policy.',
    fix: 'Add the Effect, e.g. {"Action": "ecr:BatchGetImage", \u2026} -> {"Effect": "Allow", "Action": "ecr:BatchGetImage", \u2026}.',
  },
  check(unit) {
    return grammarIssues(unit)
      .filter((issue) => issue.code === 'MISSING_EFFECT')
      .map((issue) => hit(issue.message, issue.path));
  },
};
