import { lint } from '../../src/lint/engine';

// CloudFormation takes a policy as an object or as JSON text (AWS::IAM::Role AssumeRolePolicyDocument,
// IAM API CreateRole), and templates build that text with Fn::Sub or Fn::Join; an EKS service
// account role (aws-quickstart/quickstart-amazon-eks, amazon-eks-load-balancer-controller.template.yaml)
// names its OIDC provider with ${AWS::Partition} and a parameter. Before deploy, such text is not
// known: lint must not read the Fn::Sub object as the document and report a missing Statement.

const template = (document: unknown) =>
  JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { Issuer: { Type: 'String' } },
    Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: document } } },
  });

const trust = (federated: string, key: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: federated },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [key]: 'system:serviceaccount:kube-system:controller' } },
      },
    ],
  });

async function codes(document: unknown): Promise<string[]> {
  const report = await lint([{ file: 'template.json', text: template(document) }]);
  return report.findings.map((f) => f.code);
}

describe('a template policy written as JSON text that is not known before deploy', () => {
  it('reports nothing for an Fn::Sub trust policy with deploy-time values', async () => {
    expect(await codes({ 'Fn::Sub': trust('arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/${Issuer}', '${Issuer}:sub') })).toEqual([]);
  });

  it('reports nothing for an Fn::Join of known text and a parameter', async () => {
    const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"';
    expect(await codes({ 'Fn::Join': ['', [head, { Ref: 'Issuer' }, '"},"Action":"sts:AssumeRoleWithWebIdentity"}]}']] })).toEqual([]);
  });

  it('still lints JSON text the template resolves whole, and an object document with an unresolved value', async () => {
    expect(
      await codes({ 'Fn::Sub': trust('arn:aws:iam::111122223333:oidc-provider/oidc.example.com', 'oidc.example.com:sub').replace('"Effect":"Allow",', '') }),
    ).toContain('MISSING_EFFECT');
    expect(
      await codes({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: { Ref: 'Issuer' } } }], Extra: 1 }),
    ).toContain('INVALID_POLICY_ELEMENT');
  });
});
