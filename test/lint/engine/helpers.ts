import type { IamCatalog, PolicyRule, StackRule } from '../../../src/lint/types';

/** A catalog that knows every action and key: engine tests need none of iam-data. */
export const FAKE_CATALOG: IamCatalog = {
  dataVersion: 'test',
  serviceExists: () => true,
  actionExists: () => true,
  actionValueStatus: () => 'known',
  matchActions: () => [],
  actionResourceTypes: () => [],
  resourceArnFormats: () => [],
  conditionKeyExists: () => true,
  conditionKeyTypes: () => ['String'],
};

/** A catalog loader that counts its calls. */
export function recordingLoader(): { calls: number; load: () => IamCatalog } {
  const loader = {
    calls: 0,
    load: () => {
      loader.calls++;
      return FAKE_CATALOG;
    },
  };
  return loader;
}

/** One suggestion per action value, with a cdk-nag style detail. */
export const EVERY_ACTION: PolicyRule = {
  kind: 'policy',
  meta: { code: 'TEST_ACTION', severity: 'suggestion', title: 't', description: 'd', fix: 'f', source: 'policygen', offline: true },
  check: (unit) =>
    unit.view.statements.flatMap((s) => (s.actions ?? []).map((a) => ({ message: `action ${a.value}`, path: a.path, detail: `Action::${a.value}` }))),
};

/** A warning on each statement whose Sid is "flag". */
export const FLAGGED_STATEMENT: PolicyRule = {
  kind: 'policy',
  meta: { code: 'TEST_FLAGGED', severity: 'warning', title: 't', description: 'd', fix: 'f', source: 'policygen', offline: true },
  check: (unit) => unit.view.statements.filter((s) => s.sid === 'flag').map((s) => ({ message: 'flagged statement', path: [...s.path, 'Sid'] })),
};

/** Throws on policies with a statement whose Sid is "boom"; silent otherwise. */
export const CRASHES_ON_BOOM: PolicyRule = {
  kind: 'policy',
  meta: { code: 'TEST_CRASH', severity: 'error', title: 't', description: 'd', fix: 'f', source: 'policygen', offline: true },
  check: (unit) => {
    if (unit.view.statements.some((s) => s.sid === 'boom')) throw new Error('kaboom');
    return [];
  },
};

/** Reports the policy type of every gateway endpoint policy, at the document. */
export const GATEWAY_ONLY: PolicyRule = {
  kind: 'policy',
  meta: { code: 'TEST_GATEWAY', severity: 'error', title: 't', description: 'd', fix: 'f', source: 'policygen', offline: true },
  appliesTo: ['vpc-endpoint-gateway'],
  check: (unit) => [{ message: `type ${unit.policyType}`, path: [] }],
};

/** A security warning per role of a stack, at the role. */
export const EVERY_ROLE: StackRule = {
  kind: 'stack',
  meta: { code: 'TEST_ROLE', severity: 'security_warning', title: 't', description: 'd', fix: 'f', source: 'policygen', offline: true },
  check: (stack) => stack.roles.map((r) => ({ message: `role ${r.resource}`, path: r.path, resource: r.resource })),
};

export const STACK_CRASH: StackRule = {
  kind: 'stack',
  meta: { code: 'TEST_STACK_CRASH', severity: 'error', title: 't', description: 'd', fix: 'f', source: 'policygen', offline: true },
  check: () => {
    throw new TypeError('stack kaboom');
  },
};
