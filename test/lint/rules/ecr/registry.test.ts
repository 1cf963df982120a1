import { ECR_RULES, ECR_STACK_RULE_CODES, WITHOUT_GUARD_TWIN } from '../../../../src/lint/rules/ecr';
import { SEVERITIES } from '../../../../src/lint/types';

describe('ECR_RULES', () => {
  it('has unique codes prefixed ECR_, S3_, VPCE_ or BROADER_', () => {
    const codes = ECR_RULES.map((r) => r.meta.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^(ECR|S3|VPCE|BROADER)_[A-Z0-9_]+$/);
  });

  it.each(ECR_RULES.map((r) => [r.meta.code, r] as const))('%s has complete metadata citing its AWS source', (_code, rule) => {
    expect(SEVERITIES).toContain(rule.meta.severity);
    expect(rule.meta.title.length).toBeGreaterThan(15);
    expect(rule.meta.description).toMatch(/Sources?: https:\/\/(docs\.aws\.amazon\.com|github\.com\/aws-samples)\//);
    expect(rule.meta.fix).toMatch(/[:{"]/);
  });

  it('lists the stack rules that policies/ mirrors: all but the views of check’s least-privilege warnings, each exempt with its reason', () => {
    const stackCodes = ECR_RULES.filter((r) => r.kind === 'stack').map((r) => r.meta.code);
    const exempt = Object.keys(WITHOUT_GUARD_TWIN);
    expect([...ECR_STACK_RULE_CODES, ...exempt].sort()).toEqual([...stackCodes].sort());
    expect(ECR_STACK_RULE_CODES).toHaveLength(8);
    expect(exempt.filter((code) => !code.startsWith('BROADER_'))).toEqual([]);
    expect(stackCodes.filter((code) => code.startsWith('BROADER_') && !exempt.includes(code))).toEqual([]);
    for (const reason of Object.values(WITHOUT_GUARD_TWIN)) expect(reason).toMatch(/evaluator|walk/);
  });

  it('gives every BROADER_ rule, a view of a least-privilege warning of check, security_warning', () => {
    const broader = ECR_RULES.filter((r) => r.meta.code.startsWith('BROADER_'));
    expect(broader).toHaveLength(9);
    for (const rule of broader) expect([rule.kind, rule.meta.severity]).toEqual(['stack', 'security_warning']);
  });

  // Error = will not work as written; the rest are judgements (see each rule's doc comment).
  it('uses error for what breaks the pull and lower severities for what is only too wide', () => {
    const bySeverity = Object.fromEntries(ECR_RULES.map((r) => [r.meta.code, r.meta.severity]));
    expect(bySeverity).toMatchObject({
      ECR_GET_AUTHORIZATION_TOKEN_VPC_CONDITION: 'error',
      S3_LAYER_BUCKET_ACCOUNT_CONDITION: 'error',
      ECR_KMS_DECRYPT_VPC_CONDITION: 'warning',
      VPCE_VPC_KEY_IF_EXISTS: 'security_warning',
      VPCE_VPC_KEY_SET_OPERATOR: 'security_warning',
      ECR_EXECUTION_ROLE_WILDCARD_ACTION: 'security_warning',
    });
  });
});
