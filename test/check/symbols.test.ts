import { templateContext } from '../../src/template/intrinsics';
import { TemplateSymbols } from '../../src/pull/symbols';
import { blockedKeys, checkYaml, goodFargateWith, stepOf } from './helpers';

/**
 * Deploy-time values as symbols (issue 4 §3): a condition naming `{"Ref": "EcrDkrEndpoint"}` matches
 * the requests through that endpoint; a literal ID does not, and neither does another endpoint's Ref.
 */

const PULL_CONDITION = 'aws:SourceVpce: !Ref EcrDkrEndpoint';
const PULL_BLOCKED = ['manifest ecr:BatchGetImage ecr.dkr', 'layer-urls ecr:GetDownloadUrlForLayer ecr.dkr'];

describe('check: endpoint IDs and other deploy-time values', () => {
  it('should match a condition on the Ref of the endpoint the request goes through', () => {
    expect(blockedKeys(checkYaml(goodFargateWith(PULL_CONDITION, PULL_CONDITION)))).toEqual([]);
  });

  it('should read !GetAtt Endpoint.Id as the same ID as !Ref Endpoint', () => {
    expect(blockedKeys(checkYaml(goodFargateWith(PULL_CONDITION, 'aws:SourceVpce: !GetAtt EcrDkrEndpoint.Id')))).toEqual([]);
  });

  it('should not match a literal endpoint ID', () => {
    expect(blockedKeys(checkYaml(goodFargateWith(PULL_CONDITION, 'aws:SourceVpce: vpce-0123456789abcdef0')))).toEqual(PULL_BLOCKED);
  });

  it('should not match the Ref of another endpoint', () => {
    expect(blockedKeys(checkYaml(goodFargateWith(PULL_CONDITION, 'aws:SourceVpce: !Ref EcrApiEndpoint')))).toEqual(PULL_BLOCKED);
  });

  it("should give aws:SourceVpc the endpoint's VpcId: !Ref Vpc matches, a literal VPC does not", () => {
    const both = (vpc: string) => goodFargateWith(PULL_CONDITION, `${PULL_CONDITION}\n                    aws:SourceVpc: ${vpc}`);
    expect(blockedKeys(checkYaml(both('!Ref Vpc')))).toEqual([]);
    expect(blockedKeys(checkYaml(both('vpc-0123456789abcdef0')))).toEqual(PULL_BLOCKED);
    expect(stepOf(checkYaml(both('vpc-0123456789abcdef0')), 'manifest').reason).toContain('aws:SourceVpc is {{Ref Vpc}}');
  });

  it("should match an endpoint policy's literal role ARN only when the role's RoleName makes it that ARN", () => {
    const literalPrincipal = (text: string) => text.replace(/AWS: !GetAtt ExecutionRole\.Arn/g, 'AWS: arn:aws:iam::111122223333:role/app-execution');
    const named = literalPrincipal(goodFargateWith('AssumeRolePolicyDocument:', 'RoleName: app-execution\n      AssumeRolePolicyDocument:'));
    expect(blockedKeys(checkYaml(named))).toEqual([]);
    // Without RoleName, CloudFormation generates the name: the literal ARN is another role.
    const generated = literalPrincipal(goodFargateWith(PULL_CONDITION, PULL_CONDITION));
    expect(blockedKeys(checkYaml(generated))).toEqual(['auth-token ecr:GetAuthorizationToken ecr.api', ...PULL_BLOCKED]);
    expect(stepOf(checkYaml(generated), 'auth-token').reason).toContain('the policy of EcrApiEndpoint');
  });

  it('should read an Fn::If on a deploy-time condition as its first branch, and say so', () => {
    const text = goodFargateWith('Parameters:\n', 'Parameters:\n  Strict:\n    Type: String\n    AllowedValues: [yes, no]\n')
      .replace('Resources:\n', 'Conditions:\n  IsStrict: !Equals [!Ref Strict, yes]\n\nResources:\n')
      .replace(PULL_CONDITION, 'aws:SourceVpce: !If [IsStrict, vpce-0123456789abcdef0, !Ref EcrDkrEndpoint]');
    const report = checkYaml(text);
    expect(blockedKeys(report)).toEqual(PULL_BLOCKED);
    expect(report.warnings.find((w) => w.code === 'ASSUMED_CONDITION')!.message).toContain('IsStrict');
  });

  it('should build documented ARNs of template resources from their parts', () => {
    const symbols = new TemplateSymbols(
      templateContext(
        {
          Resources: {
            Role: { Type: 'AWS::IAM::Role', Properties: { Path: '/service/', RoleName: 'exec' } },
            Generated: { Type: 'AWS::IAM::Role', Properties: {} },
            Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/ecs/app' } },
            Repo: { Type: 'AWS::ECR::Repository', Properties: {} },
            Endpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: {} },
          },
          Parameters: { Tag: { Type: 'String' } },
        },
        { region: 'eu-west-1', accountId: '111122223333' },
      ),
    );
    expect(symbols.value({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe('arn:aws:iam::111122223333:role/service/exec');
    expect(symbols.value({ 'Fn::GetAtt': 'Generated.Arn' })).toBe('arn:aws:iam::111122223333:role/{{Ref Generated}}');
    expect(symbols.value({ 'Fn::GetAtt': ['Logs', 'Arn'] })).toBe('arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/app:*');
    expect(symbols.value({ 'Fn::Sub': '${Repo.RepositoryUri}:${Tag}' })).toBe('111122223333.dkr.ecr.eu-west-1.amazonaws.com/{{Ref Repo}}:{{Ref Tag}}');
    expect(symbols.value({ 'Fn::GetAtt': ['Endpoint', 'Id'] })).toBe(symbols.value({ Ref: 'Endpoint' }));
    expect(symbols.value({ 'Fn::Join': ['', ['a-', { Ref: 'AWS::StackName' }]] })).toBe('a-{{Ref AWS.StackName}}');
    expect(symbols.value({ 'Fn::Sub': ['${X}-${!Literal}', { X: { Ref: 'AWS::AccountId' } }] })).toBe('111122223333-${Literal}');
  });

  it('should never put a colon, a wildcard or a policy variable into a symbol', () => {
    const symbols = new TemplateSymbols(templateContext({ Resources: {} }));
    for (const expression of [
      { Ref: 'AWS::Region' },
      { 'Fn::ImportValue': 'network:vpc-*?' },
      { 'Fn::GetAtt': ['Missing', 'Attr.With:Colon'] },
      { 'Fn::Cidr': ['10.0.0.0/16', 6, 5] },
      { 'Fn::Base64': { 'Fn::Sub': '${AWS::Region}:*' } },
    ]) {
      const text = symbols.text(expression);
      const inner = [...text.matchAll(/\{\{([^}]*)\}\}/g)].map((m) => m[1]!);
      expect(inner.length).toBeGreaterThan(0);
      for (const part of inner) expect(part).not.toMatch(/[:*?$]/);
    }
  });
});

describe('check: hostile templates', () => {
  it('should end self-referencing names in a symbol, not a stack overflow', () => {
    const text = goodFargateWith(
      'AssumeRolePolicyDocument:',
      'RoleName: !Sub "${ExecutionRole.Arn}-x"\n      Path: !Ref ExecutionRole\n      AssumeRolePolicyDocument:',
    );
    const report = checkYaml(text);
    expect(report.steps.length).toBe(6);
  });

  it('should resolve a long chain of names that each refer to the next twice without blowing up', () => {
    const roles = Array.from({ length: 40 }, (_, i) => ({
      Type: 'AWS::IAM::Role',
      Properties: { RoleName: i === 39 ? 'last' : { 'Fn::Sub': `\${R${i + 1}}-\${R${i + 1}}` } },
    }));
    const symbols = new TemplateSymbols(templateContext({ Resources: Object.fromEntries(roles.map((r, i) => [`R${i}`, r])) }));
    const started = Date.now();
    expect(symbols.ref('R0').length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
