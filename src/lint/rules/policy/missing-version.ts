import type { PolicyRule } from '../../types';
import { hit } from './lib/support';

export const missingVersion: PolicyRule<'MISSING_VERSION'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_VERSION',
    severity: 'warning',
    source: 'access-analyzer',
    offline: true,
    title: 'The policy has no Version element',
    description:
      'Without Version, IAM reads the policy with the 2008-10-17 rules: policy variables such as ${aws:username} are plain ' +
      'text (IAM User Guide, "Version"; Access Analyzer check MISSING_VERSION, a general warning).',
    fix: 'Add "Version": "2012-10-17" before "Statement".',
  },
  check(unit) {
    const doc = unit.document;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [];
    if ('Version' in doc) return [];
    return [hit('the policy must have a Version element, received none: add "Version": "2012-10-17"', [])];
  },
};
