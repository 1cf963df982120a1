import fc from 'fast-check';
import type { PolicygenSpec } from '../../src';
import { checkTemplate, specCheckTemplate, specRepositoryPolicies, type CheckReport, type CheckStep } from '../../src/check';
import { parseJsonSource } from '../../src/template/source/json-source';
import { spec } from './arbitraries';

/**
 * Issue 9 §3: "removing any one new statement makes the right step fail". For random specs with the
 * real-workload options (pull through cache prefixes, secrets referenced through Parameter Store,
 * environment files, EC2 container instance roles, cross-account repositories), every Allow statement
 * of every policy the generated template holds (the execution role, the container instance role, the
 * ECR and S3 endpoint policies) is removed in turn: the check must then block at least one step it
 * allowed, and only steps whose action the removed statement granted. A statement whose removal
 * blocks nothing would be a grant no pull needs; one whose removal blocks another action would mean
 * check and the generator disagree on what the statement is for.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The options of issue 9 that the shared arbitrary leaves out, drawn on top of it. */
const workloadSpec: fc.Arbitrary<PolicygenSpec> = fc
  .record({
    base: spec,
    prefixes: fc.uniqueArray(fc.constantFrom('ecr-public', 'docker-hub', 'quay'), { maxLength: 2 }),
    referencedSecret: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{1,12}$/), { nil: undefined }),
  })
  .map(({ base, prefixes, referencedSecret }) => ({
    ...base,
    ...(prefixes.length > 0 ? { pullThroughCachePrefixes: prefixes } : {}),
    // A Secrets Manager secret read through Parameter Store's reference path (issue 9 §1).
    ...(referencedSecret !== undefined ? { parameters: [...(base.parameters ?? []), `/aws/reference/secretsmanager/${referencedSecret}`] } : {}),
  }));

/**
 * Statements no step of a task's start exercises, with the reason: removing them cannot block a step,
 * so the property does not apply to them.
 */
function notATaskStep(statement: Json, s: PolicygenSpec): boolean {
  const actions = actionsOf(statement);
  const resources = JSON.stringify(statement['Resource'] ?? '');
  return (
    // The ECS agent's own calls: registration, polling, telemetry (test/check/instance-role.property.test.ts).
    actions.every((a) => a.startsWith('ecs:')) ||
    // s3Endpoint.buckets: the application's own objects through the gateway endpoint, which the spec asks for.
    (s.s3Endpoint?.buckets ?? []).some((bucket) => resources.includes(`:s3:::${bucket}/*`)) ||
    // s3Endpoint.amazonLinuxRepositories: the package repositories of EC2 hosts (yum/dnf), not of a task.
    /amazonlinux|al2023-repos/.test(resources) ||
    // ecrEndpoint.allowPush: pushes by build hosts in the VPC.
    actions.includes('ecr:PutImage') ||
    // Log groups listed with logging.awslogs off: granted as asked, but no container of the check's template logs to them.
    (actions.every((a) => a.startsWith('logs:')) && s.logging?.awslogs !== true) ||
    // kms:Decrypt for a customer managed key: which key encrypts a secret or parameter is a property of the
    // secret, which the template does not declare, so the check has no step for it (left: a kms hop).
    actions.every((a) => a.startsWith('kms:')) ||
    // A spec without repositories lets the pull reach any repository of the account (repository/*), the
    // cached ones included: the pull through cache statement then adds only ecr:BatchImportUpstreamImage
    // and ecr:CreateRepository, which only a first pull needs, and whether the image is cached is not in
    // the input (src/pull/upstream.ts): unknown before and after.
    (actions.includes('ecr:BatchImportUpstreamImage') && (s.repositories ?? []).length === 0)
  );
}

const POLICY_TYPES = new Set(['AWS::IAM::RolePolicy', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::EC2::VPCEndpoint']);

interface Removal {
  /** The resources holding the policy: the ECR endpoints share one (DOMAIN.md: one policy for both is recommended). */
  readonly resources: readonly string[];
  readonly index: number;
  readonly actions: readonly string[];
}

const actionsOf = (statement: Json): string[] => [statement['Action'] ?? []].flat() as string[];

function removals(template: Json, s: PolicygenSpec): Removal[] {
  // Resources that hold the same document hold one policy: a statement is removed from all of them.
  const holders = new Map<string, string[]>();
  for (const [id, resource] of Object.entries<Json>(template['Resources'] as Json)) {
    const document = resource['Properties']?.['PolicyDocument'] as Json | undefined;
    if (!POLICY_TYPES.has(resource['Type'] as string) || document === undefined) continue;
    const key = JSON.stringify(document);
    holders.set(key, [...(holders.get(key) ?? []), id]);
  }
  const out: Removal[] = [];
  for (const [key, resources] of holders) {
    (JSON.parse(key)['Statement'] as Json[]).forEach((statement, index) => {
      const actions = actionsOf(statement);
      if (statement['Effect'] === 'Allow' && actions.length > 0 && !notATaskStep(statement, s)) out.push({ resources, index, actions });
    });
  }
  return out;
}

const stepKey = (st: CheckStep): string => JSON.stringify([st.task, st.container, st.step, st.action, st.endpoint, st.resource]);

function check(s: PolicygenSpec, template: Json): CheckReport {
  const repositoryPolicies = specRepositoryPolicies(s);
  return checkTemplate(parseJsonSource('removed.json', JSON.stringify(template)), {
    region: s.region,
    accountId: s.account,
    ...(repositoryPolicies.length > 0 ? { repositoryPolicies } : {}),
  });
}

/** A verdict's rank: a step fails when its rank drops. */
const RANK: Readonly<Record<CheckStep['verdict'], number>> = { allowed: 2, unknown: 1, blocked: 0 };
const ranks = (report: CheckReport): Map<string, number> => new Map(report.steps.map((st) => [stepKey(st), RANK[st.verdict]]));

describe('check: removing any one generated statement fails the step it grants', () => {
  it('should block only steps of the removed statement’s actions, and at least one', () => {
    fc.assert(
      fc.property(workloadSpec, (s) => {
        const template = specCheckTemplate(s) as Json;
        // Steps left unknown on purpose (a first pull through a cache rule, Windows foreign layers) fail when they turn blocked.
        const before = ranks(check(s, template));
        for (const removal of removals(template, s)) {
          const copy = JSON.parse(JSON.stringify(template)) as Json;
          for (const id of removal.resources) {
            const statements = copy['Resources'][id]['Properties']['PolicyDocument']['Statement'] as Json[];
            statements.splice(removal.index, 1);
            // A policy left with no statement would be invalid (and an endpoint without one has full access): deny something unrelated instead.
            if (statements.length === 0) statements.push({ Effect: 'Deny', Principal: '*', Action: 'ec2:DeleteVpc', Resource: '*' });
          }
          const after = check(s, copy);
          const failed = after.steps.filter((st) => RANK[st.verdict] < (before.get(stepKey(st)) ?? -1));
          const label = `${removal.resources.join(' and ')} statement ${removal.index} (${removal.actions.join(', ')})`;
          expect({ removed: label, blocks: failed.length > 0 }).toEqual({ removed: label, blocks: true });
          const wrong = failed.filter((st) => !removal.actions.includes(st.action)).map((st) => `${st.step} ${st.action} ${st.resource}`);
          expect({ removed: label, wrong }).toEqual({ removed: label, wrong: [] });
        }
      }),
      { numRuns: 25 },
    );
  });
});
