import type { PolicyRule } from '../../types';
import { grammarIssues } from './lib/grammar-issues';
import { hit } from './lib/support';

export const unsupportedElementCombination: PolicyRule<'UNSUPPORTED_ELEMENT_COMBINATION'> = {
  kind: 'policy',
  meta: {
    code: 'UNSUPPORTED_ELEMENT_COMBINATION',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A statement has two elements that exclude each other',
    description:
      'A statement takes one of Action and NotAction, at most one of Resource and NotResource, and at most one of Principal and NotPrincipal (IAM User Guide, policy grammar; Access Analyzer check UNSUPPORTED_ELEMENT_COMBINATION, an error). IAM rejects the policy.',
    fix: 'Keep one of the two, e.g. remove NotAction when Action is present.',
  },
  check(unit) {
    return grammarIssues(unit)
      .filter((issue) => issue.code === 'UNSUPPORTED_ELEMENT_COMBINATION')
      .map((issue) => hit(issue.message, issue.path));
  },
};
