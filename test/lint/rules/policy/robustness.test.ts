import { loadIamCatalog } from '../../../../src/catalog/iam-catalog';
import { POLICY_RULES } from '../../../../src/lint/rules/policy';
import { POLICY_TYPES } from '../../../../src/lint/types';
import { unitOf } from './helpers';

// Rules never throw for bad input: a malformed document is the grammar rule's finding, not a crash.
const MALFORMED: readonly unknown[] = [
  null,
  42,
  'Version',
  [],
  {},
  { Statement: 5 },
  { Statement: [] },
  { Statement: [null, 7, 'x', []] },
  { Version: 1, Statement: { Effect: 'Allow' } },
  { Statement: [{ Effect: 'Allow', Action: [1, true, null, {}], Resource: [{}], Principal: 7, Condition: [] }] },
  { Statement: [{ Effect: 'Deny', NotAction: '', NotResource: '', NotPrincipal: { AWS: [null] }, Condition: { StringLike: [] } }] },
  { Statement: [{ Effect: 'Allow', Action: ['*:*', ':', 'ecr:', ':GetObject', 'iam:*PassRole*'], Resource: ['', '*?', 'arn:'] }] },
  {
    Statement: [
      {
        Effect: 'Allow',
        Action: 'ecr:*',
        Resource: '*',
        Condition: { Null: { 'aws:TagKeys': null }, Bool: { '': 'x' }, 'ForAllValues:StringLike': { ':': ['*'] } },
      },
    ],
  },
  {
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: [42, 'ECS'], AWS: '*' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'iam:PassedToService': [null] } },
      },
    ],
  },
  { ['__proto__']: { Statement: [] }, Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'x'.repeat(30_000) }] },
];

describe('policy rules on malformed documents', () => {
  it.each(POLICY_TYPES.map((t) => [t]))('never throw for a %s policy', async (policyType) => {
    const iam = loadIamCatalog();
    for (const document of MALFORMED) {
      const unit = unitOf(document, policyType);
      for (const rule of POLICY_RULES) expect(() => rule.check(unit, { iam })).not.toThrow();
    }
  });

  it('report a malformed document through the grammar rule', async () => {
    const iam = loadIamCatalog();
    // Access Analyzer calls a value of the wrong JSON type DATA_TYPE_MISMATCH.
    const grammar = POLICY_RULES.find((r) => r.meta.code === 'DATA_TYPE_MISMATCH');
    expect(grammar?.check(unitOf({ Statement: 5 }), { iam }).length).toBeGreaterThan(0);
    expect(grammar?.check(unitOf(null), { iam }).length).toBeGreaterThan(0);
  });
});
