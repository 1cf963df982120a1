import { lint } from '../../src/lint/engine';
import { viewPolicy } from '../../src/template/policy-view';

// A policy statement behind a CloudFormation Fn::If whose condition depends on a value known only at
// deploy time (here the Region) is one of two statements, or none. Each branch must be a valid
// statement on its own (IAM JSON policy grammar); only one of them is deployed, so the branches may
// share a Sid or repeat each other. Case from cfn-lint's test templates (templates/good/resources/s3/bucket_policy.yaml).

const template = (resources: Record<string, unknown>) =>
  JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Conditions: { InUsEast1: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } },
    Resources: resources,
  });

const bucketPolicy = (statement: unknown) => ({
  Bucket: {
    Type: 'AWS::S3::BucketPolicy',
    Properties: { Bucket: 'amzn-s3-demo-bucket', PolicyDocument: { Version: '2012-10-17', Statement: statement } },
  },
});

const statement = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*',
  ...extra,
});
const NO_VALUE = { Ref: 'AWS::NoValue' };

async function findings(resources: Record<string, unknown>) {
  const report = await lint([{ file: 'template.json', text: template(resources) }]);
  return report.findings.map((f) => ({ code: f.code, path: f.path?.join('/') }));
}

describe('statements behind an undecided Fn::If', () => {
  it('checks each branch as a statement, not the Fn::If object: no MISSING_PRINCIPAL when both branches have one', async () => {
    const found = await findings(
      bucketPolicy([
        {
          'Fn::If': [
            'InUsEast1',
            statement({ Sid: 'East' }),
            statement({ Sid: 'Elsewhere', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket' }),
          ],
        },
      ]),
    );
    expect(found.filter((f) => f.code === 'MISSING_PRINCIPAL')).toEqual([]);
  });

  it('reports a branch statement that lacks its Principal, at the branch', async () => {
    const { Principal: _dropped, ...withoutPrincipal } = statement();
    const found = await findings(bucketPolicy([statement({ Sid: 'Always' }), { 'Fn::If': ['InUsEast1', NO_VALUE, withoutPrincipal] }]));
    expect(found.filter((f) => f.code === 'MISSING_PRINCIPAL').map((f) => f.path)).toEqual(['Resources/Bucket/Properties/PolicyDocument/Statement/1/Fn::If/2']);
  });

  it('reads a whole Statement list behind Fn::If, and a branch of Ref AWS::NoValue as no statement', async () => {
    const { Principal: _dropped, ...withoutPrincipal } = statement();
    const found = await findings(bucketPolicy({ 'Fn::If': ['InUsEast1', [statement(), withoutPrincipal], NO_VALUE] }));
    expect(found.filter((f) => f.code === 'MISSING_PRINCIPAL').map((f) => f.path)).toEqual(['Resources/Bucket/Properties/PolicyDocument/Statement/Fn::If/1/1']);
  });

  it('does not take the two branches for one policy: the same Sid, or the same statement, in both is no finding', async () => {
    const found = await findings({
      Role: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                'Fn::If': [
                  'InUsEast1',
                  { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' },
                  { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' },
                ],
              },
            ],
          },
        },
      },
    });
    expect(found.map((f) => f.code).filter((c) => /SID|REDUNDANT_STATEMENT|MISSING_RESOURCE|MISSING_ACTION|MISSING_EFFECT/.test(c))).toEqual([]);
  });

  it('still finds a repeated Sid among the statements that are always there', async () => {
    const found = await findings({
      Policy: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' },
              { 'Fn::If': ['InUsEast1', { Sid: 'Read', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket' }, NO_VALUE] },
              { Sid: 'Read', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' },
            ],
          },
        },
      },
    });
    expect(found.filter((f) => f.code === 'UNIQUE_SIDS_REQUIRED').map((f) => f.path)).toEqual(['Resources/Policy/Properties/PolicyDocument/Statement/2/Sid']);
  });

  it('leaves Fn::If alone in a policy file, where it is no intrinsic: the statement is malformed there', () => {
    const document = { Version: '2012-10-17', Statement: [{ 'Fn::If': ['C', statement(), NO_VALUE] }] };
    expect(viewPolicy(document).statements.map((s) => s.conditional)).toEqual([false]);
    expect(viewPolicy(document, { branches: true }).statements.map((s) => [s.path.join('/'), s.conditional])).toEqual([['Statement/0/Fn::If/1', true]]);
  });
});
