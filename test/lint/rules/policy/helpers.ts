import { loadIamCatalog } from '../../../../src/catalog/iam-catalog';
import { viewPolicy } from '../../../../src/template/policy-view';
import type { IamCatalog, PolicyRule, PolicyType, PolicyUnit, ResourceType, RuleHit } from '../../../../src/lint/types';

/** A policy unit as an input reader would build it, without a real source file. */
export function unitOf(document: unknown, policyType: PolicyType = 'identity', text?: string, resourceType?: ResourceType): PolicyUnit {
  const source = { file: 'policy.json', text: text ?? JSON.stringify(document), data: document, locate: () => ({ line: 1, column: 1 }) };
  return {
    source,
    document,
    view: viewPolicy(document),
    path: [],
    policyType,
    ...(text === undefined ? {} : { text }),
    ...(resourceType === undefined ? {} : { resourceType }),
  };
}

/** Runs the rule the way the engine does: only for the policy types it applies to. */
export function run(rule: PolicyRule, unit: PolicyUnit, iam: IamCatalog): readonly RuleHit[] {
  if (rule.appliesTo !== undefined && !rule.appliesTo.includes(unit.policyType)) return [];
  return rule.check(unit, { iam });
}

/** A table row: a fixture and the paths (relative to the document) where the rule must report, in order. */
export interface Case {
  readonly name: string;
  readonly policyType?: PolicyType;
  /** --resource-type, for rules of a resource policy type. */
  readonly resourceType?: ResourceType;
  readonly document: unknown;
  readonly text?: string;
  readonly paths: readonly (readonly (string | number)[])[];
}

/** Builds the standard table-driven test of one rule: each bad case hits exactly its paths, each good case nothing. */
export function describeRule(rule: PolicyRule, cases: readonly Case[], extra?: (iam: () => IamCatalog) => void): void {
  describe(rule.meta.code, () => {
    let iam: IamCatalog;
    beforeAll(() => {
      iam = loadIamCatalog();
    });
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const hits = run(rule, unitOf(c.document, c.policyType ?? 'identity', c.text, c.resourceType), iam);
      expect(hits.map((h) => h.path)).toEqual(c.paths);
      for (const h of hits) expect(h.message.length).toBeGreaterThan(10);
    });
    it('has complete metadata', () => {
      expect(rule.kind).toBe('policy');
      expect(rule.meta.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(rule.meta.title.length).toBeGreaterThan(10);
      expect(rule.meta.description.length).toBeGreaterThan(40);
      expect(rule.meta.fix).toMatch(/e\.g\.|"|:/);
    });
    extra?.(() => iam);
  });
}

/** A one-statement identity policy. */
export const policy = (...statements: readonly Record<string, unknown>[]): unknown => ({ Version: '2012-10-17', Statement: statements });
