import { generateBundle } from '../../src/generate/bundle';
import { generateExecutionRolePolicy } from '../../src/generate/execution-role-policy';
import { generateS3GatewayPolicy } from '../../src/generate/s3-gateway-policy';
import { PolicygenInputError } from '../../src/model/errors';
import { runInProcess } from '../cli/helpers';

// Amazon ECS Developer Guide, "Amazon ECS task execution IAM role", "Required IAM permissions for
// Amazon S3 file storage": s3:GetObject on arn:aws:s3:::examplebucket/folder_name/env_file_name and
// s3:GetBucketLocation on arn:aws:s3:::examplebucket; environment files end in .env.
const FILE = 'arn:aws:s3:::examplebucket/folder_name/app.env';
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
type Doc = ReturnType<typeof generateExecutionRolePolicy>['document'];
const grants = (doc: Doc, action: string) => doc.Statement.filter((s) => list(s.Action).includes(action)).flatMap((s) => list(s.Resource));
const fields = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicygenInputError) return error.issues.map((i) => i.field);
    throw error;
  }
  return [];
};

describe('environment files from S3', () => {
  it('should grant the role s3:GetObject on the file and s3:GetBucketLocation on its bucket, nothing wider', () => {
    const doc = generateExecutionRolePolicy({ region: 'us-east-1', account: '111122223333', environmentFiles: [FILE] }).document;
    expect(grants(doc, 's3:GetObject')).toEqual([FILE]);
    expect(grants(doc, 's3:GetBucketLocation')).toEqual(['arn:aws:s3:::examplebucket']);
    expect(doc.Statement.flatMap((s) => list(s.Action)).filter((a) => String(a).startsWith('s3:'))).toHaveLength(2);
  });

  it('should admit the same object and bucket through the S3 gateway endpoint, beside the layer bucket', () => {
    const doc = generateS3GatewayPolicy({ region: 'us-east-1', environmentFiles: [FILE] }).document;
    expect(grants(doc, 's3:GetObject')).toEqual(expect.arrayContaining([FILE, 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*']));
    expect(grants(doc, 's3:GetObject')).not.toContain('arn:aws:s3:::examplebucket/*');
    expect(grants(doc, 's3:GetBucketLocation')).toEqual(['arn:aws:s3:::examplebucket']);
    // The layer statement stays free of any condition (DOMAIN.md §3).
    const layer = doc.Statement.find((s) => list(s.Resource).includes('arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*'));
    expect(layer?.Condition).toBeUndefined();
  });

  it('should carry the spec field into both policies of the bundle', () => {
    const bundle = generateBundle({ region: 'us-east-1', account: '111122223333', launchType: 'fargate', environmentFiles: [FILE] });
    expect(grants(bundle.executionRolePolicy.document, 's3:GetObject')).toEqual([FILE]);
    expect(grants(bundle.s3GatewayEndpointPolicy.document, 's3:GetBucketLocation')).toEqual(['arn:aws:s3:::examplebucket']);
  });

  it.each([
    ['a bucket ARN', 'arn:aws:s3:::examplebucket'],
    ['a file without .env', 'arn:aws:s3:::examplebucket/app.txt'],
    ['a wildcard', 'arn:aws:s3:::examplebucket/*.env'],
    ['another partition', 'arn:aws-cn:s3:::examplebucket/app.env'],
    ['a bad bucket name', 'arn:aws:s3:::Example_Bucket/app.env'],
    ['a bucket name', 'examplebucket'],
  ])('should reject %s, naming environmentFiles[0]', (_name, value) => {
    expect(fields(() => generateExecutionRolePolicy({ region: 'us-east-1', account: '111122223333', environmentFiles: [value] }))).toEqual([
      'environmentFiles[0]',
    ]);
    expect(fields(() => generateS3GatewayPolicy({ region: 'us-east-1', environmentFiles: [value] }))).toEqual(['environmentFiles[0]']);
  });

  it('should take --environment-file on execution-role-policy and exit 2 on a bad one', async () => {
    const good = await runInProcess(['execution-role-policy', '--region', 'us-east-1', '--account', '111122223333', '--environment-file', FILE, '-q']);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('s3:GetBucketLocation');
    const bad = await runInProcess(['s3-gateway-policy', '--region', 'us-east-1', '--environment-file', 'arn:aws:s3:::examplebucket']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('environmentFiles[0]');
  });
});
