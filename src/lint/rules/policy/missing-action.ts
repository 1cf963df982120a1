import type { PolicyRule } from '../../types';
import { grammarIssues } from './lib/grammar-issues';
import { hit } from './lib/support';

export const missingAction: PolicyRule<'MISSING_ACTION'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_ACTION',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A statement has neither Action nor NotAction',
    description:
      'Every statement needs Action or NotAction (IAM User Guide, policy grammar; Access Analyzer check MISSING_ACTION, an error). IAM rejects the policy.',
    fix: 'Add the actions the statement is about, e.g. "Action": "ecr:BatchGetImage".',
  },
  check(unit) {
    return grammarIssues(unit)
      .filter((issue) => issue.code === 'MISSING_ACTION')
      .map((issue) => hit(issue.message, issue.path));
  },
};
