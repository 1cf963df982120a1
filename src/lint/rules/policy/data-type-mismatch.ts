import type { PolicyRule } from '../../types';
import { grammarIssues } from './lib/grammar-issues';
import { hit } from './lib/support';

export const dataTypeMismatch: PolicyRule<'DATA_TYPE_MISMATCH'> = {
  kind: 'policy',
  meta: {
    code: 'DATA_TYPE_MISMATCH',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'An element has the wrong JSON type',
    description:
      'Each element has a JSON type in the policy grammar: Effect and Sid are strings, Action and Resource a string or an array of strings, Condition and a Principal map objects (IAM User Guide, policy grammar; Access Analyzer check DATA_TYPE_MISMATCH, an error). IAM rejects the policy.',
    fix: 'Write the element with its type, e.g. "Resource": {"Ref": \u2026} resolved to "arn:aws:s3:::amzn-s3-demo-bucket", or "Action": 5 -> "Action": "s3:GetObject".',
  },
  check(unit) {
    return grammarIssues(unit)
      .filter((issue) => issue.code === 'DATA_TYPE_MISMATCH')
      .map((issue) => hit(issue.message, issue.path));
  },
};
