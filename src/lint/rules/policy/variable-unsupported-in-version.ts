import type { PolicyRule } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';
import { variableHostValues } from './lib/variables';

export const variableUnsupportedInVersion: PolicyRule<'VARIABLE_UNSUPPORTED_IN_VERSION'> = {
  kind: 'policy',
  meta: {
    code: 'VARIABLE_UNSUPPORTED_IN_VERSION',
    severity: 'error',
    title: 'A policy variable in a policy whose Version is not 2012-10-17',
    description:
      'Policy variables came with policy language version 2012-10-17; under 2008-10-17, or without a Version (which means ' +
      '2008-10-17), `${aws:username}` is literal text (Access Analyzer check VARIABLE_UNSUPPORTED_IN_VERSION, an error; IAM User ' +
      'Guide, "IAM JSON policy elements: Version"). Reported once per policy, at the first variable.',
    fix: 'Set "Version": "2012-10-17" at the top of the policy.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    if (unit.view.version === '2012-10-17') return NO_HITS;
    for (const s of unit.view.statements) {
      const first = variableHostValues(s)[0];
      if (first !== undefined) {
        const version = unit.view.version === undefined ? 'no Version' : `Version ${showValue(unit.view.version)}`;
        return [
          hit(`the policy variable in ${showValue(first.value)} needs "Version": "2012-10-17", received ${version}: it is read as literal text`, first.path),
        ];
      }
    }
    return NO_HITS;
  },
};
