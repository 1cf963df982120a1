import fc from 'fast-check';
import type { PolicygenSpec } from '../../src';
import { checkTemplate, specCheckTemplate, specRepositoryPolicies, type CheckReport, type CheckStep } from '../../src/check';
import { SPEC_INSTANCE_ROLE_TASK_DEFINITION } from '../../src/check/spec-template';
import { parseJsonSource } from '../../src/template/source/json-source';
import { leftOpen, spec } from './arbitraries';

/** Where the spec deploys, with the repository policy of its repositories in other accounts (set there, not in the template). */
const deployed = (s: PolicygenSpec) => {
  const repositoryPolicies = specRepositoryPolicies(s);
  return { region: s.region, accountId: s.account, ...(repositoryPolicies.length > 0 ? { repositoryPolicies } : {}) };
};

/**
 * issue 9 §3, EC2 container instance role: a task without an execution role pulls and sends awslogs
 * with the container instance role (DOMAIN.md §1 hop 6). Removing any one statement of that role
 * that the pull needs blocks exactly the step it grants, for that task only; the agent's own
 * statements (ecs:*) are not steps of a pull, so removing one of them blocks nothing.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ec2WithInstanceRole = spec
  .filter((s) => s.launchType === 'ec2' && s.containerInstance !== undefined)
  .map((s): PolicygenSpec => ({ ...s, containerInstance: { ...s.containerInstance!, tasksWithoutExecutionRole: true } }));

// A Windows spec's layer downloads are left open (unknown), not blocked: see leftOpen.
const blocked = (report: CheckReport, s: PolicygenSpec): readonly CheckStep[] => report.steps.filter((st) => st.verdict !== 'allowed' && !leftOpen(s, st));
const actionsOf = (statement: Json): string[] => [statement['Action']].flat() as string[];

/** The step each pull statement grants first, from the hop order of DOMAIN.md §1 (auth, manifest, layers, logs). */
function firstStepOf(statement: Json, s: PolicygenSpec): { action: string; endpoint: string } | undefined {
  const actions = actionsOf(statement);
  // Without awslogs the tasks write no logs, so the logs statements grant no step.
  if (s.logging?.awslogs !== true && actions.every((a) => a.startsWith('logs:'))) return undefined;
  if (actions.includes('ecr:GetAuthorizationToken')) return { action: 'ecr:GetAuthorizationToken', endpoint: 'ecr.api' };
  if (actions.includes('ecr:BatchGetImage')) return { action: 'ecr:BatchGetImage', endpoint: 'ecr.dkr' };
  if (actions.includes('logs:CreateLogGroup')) return { action: 'logs:CreateLogGroup', endpoint: 'logs' };
  if (actions.includes('logs:CreateLogStream')) return { action: 'logs:CreateLogStream', endpoint: 'logs' };
  return undefined;
}

function checkWithout(s: PolicygenSpec, index: number): CheckReport {
  const template = JSON.parse(JSON.stringify(specCheckTemplate(s))) as Json;
  const policy = template['Resources']['ContainerInstanceRolePolicy']['Properties']['PolicyDocument'] as Json;
  policy['Statement'] = (policy['Statement'] as Json[]).filter((_, i) => i !== index);
  return checkTemplate(parseJsonSource('mutated.json', JSON.stringify(template)), deployed(s));
}

describe('check: the container instance role', () => {
  it('should walk the task without an execution role with the container instance role, every step allowed', () => {
    fc.assert(
      fc.property(ec2WithInstanceRole, (s) => {
        const template = JSON.parse(JSON.stringify(specCheckTemplate(s))) as Json;
        const report = checkTemplate(parseJsonSource('spec.json', JSON.stringify(template)), deployed(s));
        expect(blocked(report, s)).toEqual([]);
        const instanceSteps = report.steps.filter((st) => st.task === SPEC_INSTANCE_ROLE_TASK_DEFINITION);
        expect(instanceSteps.length).toBeGreaterThan(0);
        for (const st of instanceSteps.filter((x) => x.action.startsWith('ecr:'))) {
          expect(st.decidedBy.some((d) => d.startsWith('ContainerInstanceRolePolicy'))).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('should block the step a removed pull statement granted, for the task without an execution role only', () => {
    fc.assert(
      fc.property(ec2WithInstanceRole, fc.nat(), (s, pick) => {
        const template = specCheckTemplate(s) as unknown as Json;
        const statements = template['Resources']['ContainerInstanceRolePolicy']['Properties']['PolicyDocument']['Statement'] as Json[];
        const index = pick % statements.length;
        const expected = firstStepOf(statements[index]!, s);
        const failed = blocked(checkWithout(s, index), s);
        if (expected === undefined) {
          // An agent statement, or a logs statement without awslogs: not a step of the pull.
          expect(actionsOf(statements[index]!).every((a) => a.startsWith('ecs:') || (a.startsWith('logs:') && s.logging?.awslogs !== true))).toBe(true);
          expect(failed).toEqual([]);
          return;
        }
        expect(failed.length).toBeGreaterThan(0);
        expect({ action: failed[0]!.action, endpoint: failed[0]!.endpoint }).toEqual(expected);
        for (const st of failed) expect(st.task).toBe(SPEC_INSTANCE_ROLE_TASK_DEFINITION);
      }),
      { numRuns: 80 },
    );
  });
});
