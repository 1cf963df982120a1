import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  awsManagedPolicyName,
  ECR_OPTIONAL_PULL_ACTIONS,
  ECR_PULL_ACTIONS,
  ECR_REQUIRED_PULL_ACTIONS,
  ECS_TASK_EXECUTION_ROLE_POLICY_ACTIONS,
  layerBucketName,
  LAYER_BUCKET_IN_TEXT,
  MANAGED_POLICIES_GRANTING_PULL,
  namesLayerBucket,
} from '../../src/model/aws-facts';
import { listSourceFiles } from '../architecture/import-graph';

describe('AWS facts', () => {
  it('should require only the manifest and layer-URL actions of a pull (DOMAIN.md §1 hop 2)', () => {
    expect([...ECR_REQUIRED_PULL_ACTIONS].sort()).toEqual(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']);
    expect(ECR_OPTIONAL_PULL_ACTIONS).toEqual(['ecr:BatchCheckLayerAvailability']);
    expect([...ECR_PULL_ACTIONS]).toEqual([...ECR_REQUIRED_PULL_ACTIONS, ...ECR_OPTIONAL_PULL_ACTIONS].sort());
  });

  it('should name the layer bucket as ECR-VPCE writes it, and find it in text', () => {
    expect(layerBucketName('eu-west-1')).toBe('prod-eu-west-1-starport-layer-bucket');
    expect([...'arn:aws:s3:::prod-ap-south-2-starport-layer-bucket/*'.matchAll(LAYER_BUCKET_IN_TEXT)].map((m) => m[1])).toEqual(['ap-south-2']);
    expect(namesLayerBucket('{"Fn::Sub":"arn:${AWS::Partition}:s3:::prod-${AWS::Region}-starport-layer-bucket/*"}')).toBe(true);
    expect(namesLayerBucket('arn:aws:s3:::my-bucket/*')).toBe(false);
  });

  it('should list the four ECR actions and two awslogs actions of AmazonECSTaskExecutionRolePolicy (DOMAIN.md §3)', () => {
    expect([...ECS_TASK_EXECUTION_ROLE_POLICY_ACTIONS].sort()).toEqual(
      [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:GetAuthorizationToken',
        'ecr:GetDownloadUrlForLayer',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ].sort(),
    );
    expect(MANAGED_POLICIES_GRANTING_PULL.has('AmazonECSTaskExecutionRolePolicy')).toBe(true);
    expect(MANAGED_POLICIES_GRANTING_PULL.has('AmazonEC2ContainerRegistryPullOnly')).toBe(true);
  });

  it.each([
    ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy', 'AmazonECSTaskExecutionRolePolicy'],
    ['arn:aws-cn:iam::aws:policy/AdministratorAccess', 'AdministratorAccess'],
    ['arn:aws-us-gov:iam::aws:policy/a/b/PowerUserAccess', 'PowerUserAccess'],
    ['arn:aws:iam::111122223333:policy/AdministratorAccess', undefined],
  ])('should read the managed policy name of %s', (arn, name) => {
    expect(awsManagedPolicyName(arn)).toBe(name);
  });
});

describe('each AWS fact once', () => {
  const root = path.resolve(__dirname, '..', '..');
  const code = listSourceFiles(root)
    .filter((f) => f !== 'src/model/aws-facts.ts' && !f.includes('.generated.'))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(root, f), 'utf8') }));
  // Shapes of a second definition, not of a mention in a message: a bucket name built from a
  // variable, a list of pull actions or of managed policy names as code (single-quoted string
  // literals, as prettier writes them; JSON examples inside messages use double quotes).
  const redefinitions: readonly [string, RegExp][] = [
    ['layer bucket name', /prod-\$\{(?!AWS::)[^}]*\}-starport-layer-bucket/],
    ['layer bucket pattern', /\/[^/\n]*starport-layer-bucket[^/\n]*\/[gimsuy]*[.;,)]/],
    ['pull action list', /'ecr:(?:BatchGetImage|GetDownloadUrlForLayer|BatchCheckLayerAvailability)',\s*'ecr:/],
    ['managed policy list', /'(?:AmazonEC2ContainerRegistry\w+|AmazonECSTaskExecutionRolePolicy)',\s*'/],
  ];

  it.each(redefinitions)('should define the %s only in src/model/aws-facts.ts', (_what, shape) => {
    expect(code.filter(({ text }) => shape.test(text)).map(({ file }) => file)).toEqual([]);
  });
});
