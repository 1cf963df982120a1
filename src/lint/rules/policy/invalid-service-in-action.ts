import type { PolicyRule } from '../../types';
import { invalidActionHits } from './lib/action-status';
import { hit, showValue, splitAction } from './lib/support';

export const invalidServiceInAction: PolicyRule<'INVALID_SERVICE_IN_ACTION'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_SERVICE_IN_ACTION',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'The service prefix of the action does not exist',
    description:
      'The part before the colon of an Action or NotAction value must be a service prefix of the Service Authorization ' +
      'Reference (Access Analyzer check INVALID_SERVICE_IN_ACTION, an error). Common slips: "ecr-api", "cloudwatchlogs" ' +
      '(the prefix is "logs"), "secretmanager"; prefixes of retired services (deepracer, mobilehub, iot1click) are also gone.',
    fix: 'Use the service prefix, e.g. "cloudwatchlogs:PutLogEvents" -> "logs:PutLogEvents".',
  },
  check(unit, { iam }) {
    return invalidActionHits(unit.view.statements, iam, (a, status) => {
      if (status !== 'unknown-service') return undefined;
      const service = splitAction(a.value)?.service ?? a.value;
      return hit(`the service ${showValue(service)} in action ${showValue(a.value)} does not exist`, a.path, `Action::${a.value}`);
    });
  },
};
