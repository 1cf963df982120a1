import type { PolicyRule } from '../../types';
import { keyStatus } from './lib/condition-keys';
import { conditionHits, hit, showValue } from './lib/support';

export const invalidService: PolicyRule<'INVALID_SERVICE'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_SERVICE',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'The service prefix of the condition key does not exist',
    description:
      'A condition key is `aws:name` or `service:name` with a service prefix of the Service Authorization Reference ' +
      '(Access Analyzer check INVALID_SERVICE, an error: "The service prefix in the action or condition key must match"; ' +
      'actions have their own code, INVALID_SERVICE_IN_ACTION). A key of an unknown service is never in the request, so the ' +
      'condition never matches. Keys of identity providers (accounts.google.com:aud, token.actions.githubusercontent.com:sub, saml:aud) are not checked.',
    fix: 'Use the key of the service, e.g. "ecs:cluster" (not "ecs-tasks:cluster"), or a global key such as aws:SourceVpce.',
  },
  check(unit, { iam }) {
    return conditionHits(unit.view.statements, (c) => {
      const status = keyStatus(iam, c.key);
      if (status.kind !== 'unknown-service') return undefined;
      return hit(`the service ${showValue(status.service)} of condition key ${showValue(c.key)} does not exist`, c.path, `Condition::${c.key}`);
    });
  },
};
