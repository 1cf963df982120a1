import { ECR_RULES, ECR_STACK_RULE_CODES } from '../../../../src/lint/rules/ecr';
import { SEVERITIES } from '../../../../src/lint/types';

describe('ECR_RULES', () => {
  it('has unique codes prefixed ECR_, S3_ or VPCE_', () => {
    const codes = ECR_RULES.map((r) => r.meta.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^(ECR|S3|VPCE)_[A-Z0-9_]+$/);
  });

  it.each(ECR_RULES.map((r) => [r.meta.code, r] as const))('%s has complete metadata citing its AWS source', (_code, rule) => {
    expect(SEVERITIES).toContain(rule.meta.severity);
    expect(rule.meta.title.length).toBeGreaterThan(15);
    expect(rule.meta.description).toMatch(/Sources?: https:\/\/(docs\.aws\.amazon\.com|github\.com\/aws-samples)\//);
    expect(rule.meta.fix).toMatch(/[:{"]/);
  });

  it('lists the stack rules that policies/ mirrors', () => {
    expect([...ECR_STACK_RULE_CODES].sort()).toEqual(
      ECR_RULES.filter((r) => r.kind === 'stack')
        .map((r) => r.meta.code)
        .sort(),
    );
    expect(ECR_STACK_RULE_CODES).toHaveLength(8);
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
