import type { PolicyRule } from '../../types';
import { hit, showValue } from './lib/support';

const VERSIONS: readonly unknown[] = ['2012-10-17', '2008-10-17'];

export const invalidVersion: PolicyRule<'INVALID_VERSION'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_VERSION',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'The Version element is not a policy language version',
    description:
      'Version, when present, must be "2012-10-17" or "2008-10-17" (IAM User Guide, "IAM JSON policy elements: Version"; ' +
      'Access Analyzer check INVALID_VERSION, an error).',
    fix: 'Write "Version": "2012-10-17" (not a date of your own, and as a string).',
  },
  check(unit) {
    const doc = unit.document;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || !('Version' in doc)) return [];
    const version = (doc as Record<string, unknown>)['Version'];
    if (VERSIONS.includes(version)) return [];
    return [hit(`Version must be "2012-10-17" or "2008-10-17", received ${showValue(version)}`, ['Version'])];
  },
};
