import { cdkAssetFiles } from '../../src/template/cdk-out';
import { PolicygenInputError } from '../../src/model/errors';
import { expandNestedStacks, nestedTemplateLocation, type ExpandedSource, type NestedTemplateReader } from '../../src/template/nested-stacks';
import { parseTemplate } from '../../src/template/parse-template';
import type { SourceFile } from '../../src/template/types';

/**
 * Local nested stacks (issue 10 §2), on templates written here from the AWS::CloudFormation::Stack
 * reference (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stack.html):
 * the parent sets the child's Parameters, and reads its outputs as `Fn::GetAtt [Stack, Outputs.Name]`.
 */

/** A reader over files held in memory, relative to the parent's folder as the CLI resolves them. */
function readerOf(files: Readonly<Record<string, string>>): NestedTemplateReader {
  return (location, from) => {
    const folder = from.file.includes('/') ? from.file.slice(0, from.file.lastIndexOf('/') + 1) : '';
    const path = `${folder}${location.replace(/^\.\//, '')}`;
    const text = files[path];
    return text === undefined ? undefined : parseTemplate(text, path);
  };
}

const resources = (source: SourceFile): Record<string, { Type: string; Properties?: Record<string, unknown> }> =>
  (source.data as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }).Resources;

const CHILD = `Parameters:
  Subnet:
    Type: String
  Prefix:
    Type: String
    Default: app
Resources:
  Group:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/ecs/\${Prefix}/\${Subnet}'
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      SubnetIds: [!Ref Subnet]
Outputs:
  GroupName:
    Value: !Ref Group
  EndpointId:
    Value: !Ref Endpoint
`;

describe('expandNestedStacks', () => {
  const parent = `Resources:
  Subnet:
    Type: AWS::EC2::Subnet
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: nested/child.yaml
      Parameters:
        Subnet: !Ref Subnet
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      A: !GetAtt Child.Outputs.GroupName
      B: !GetAtt [Child, Outputs.EndpointId]
      C: !Sub 'id \${Child.Outputs.EndpointId}'
`;
  const files = { 'stacks/nested/child.yaml': CHILD };
  const expanded = () => expandNestedStacks(parseTemplate(parent, 'stacks/parent.yaml'), readerOf(files));

  it("should inline the child's resources under the nested stack's ID and drop the stack resource", () => {
    expect(Object.keys(resources(expanded())).sort()).toEqual(['ChildEndpoint', 'ChildGroup', 'Subnet', 'Task']);
  });

  it("should replace a parameter the parent sets by the parent's value, in Ref and in Fn::Sub", () => {
    const r = resources(expanded());
    expect(r['ChildEndpoint']!.Properties!['SubnetIds']).toEqual([{ Ref: 'Subnet' }]);
    expect(r['ChildGroup']!.Properties!['LogGroupName']).toEqual({ 'Fn::Sub': ['/ecs/${ChildPrefix}/${Nested0}', { Nested0: { Ref: 'Subnet' } }] });
  });

  it('should keep a parameter the parent does not set, with its Default, under the prefixed name', () => {
    const parameters = (expanded().data as { Parameters: Record<string, unknown> }).Parameters;
    expect(parameters).toEqual({ ChildPrefix: { Type: 'String', Default: 'app' } });
  });

  it("should give the parent's Fn::GetAtt of Outputs.X the child's output value, in both spellings and in Fn::Sub", () => {
    const task = resources(expanded())['Task']!.Properties!;
    expect(task['A']).toEqual({ Ref: 'ChildGroup' });
    expect(task['B']).toEqual({ Ref: 'ChildEndpoint' });
    expect(task['C']).toEqual({ 'Fn::Sub': ['id ${Nested0}', { Nested0: { Ref: 'ChildEndpoint' } }] });
  });

  it('should locate an inlined path in the child file', () => {
    const source = expanded() as ExpandedSource;
    const origin = source.origin(['Resources', 'ChildEndpoint', 'Properties']);
    expect(origin.file).toBe('stacks/nested/child.yaml');
    expect(origin.path).toEqual(['Resources', 'Endpoint', 'Properties']);
    // CHILD's line 14 is `    Properties:` of Endpoint.
    expect(source.locate(['Resources', 'ChildEndpoint', 'Properties']).line).toBe(14);
    expect(source.origin(['Resources', 'Task']).file).toBe('stacks/parent.yaml');
  });

  it('should inline the stack whose outputs another uses first, whatever their order', () => {
    const two = `Resources:
  Uses:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters:
        Subnet: !GetAtt Gives.Outputs.EndpointId
  Gives:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters:
        Subnet: subnet-0123
`;
    const out = expandNestedStacks(parseTemplate(two, 'p.yaml'), readerOf({ 'child.yaml': CHILD }));
    expect(resources(out)['UsesEndpoint']!.Properties!['SubnetIds']).toEqual([{ Ref: 'GivesEndpoint' }]);
    expect(resources(out)['GivesEndpoint']!.Properties!['SubnetIds']).toEqual(['subnet-0123']);
  });

  it('should inline nested stacks of nested stacks', () => {
    const middle = `Resources:
  Inner:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters:
        Subnet: subnet-1
Outputs:
  Id:
    Value: !GetAtt Inner.Outputs.EndpointId
`;
    const top = `Resources:
  Mid:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: middle.yaml
  Use:
    Type: AWS::ECS::Service
    Properties:
      X: !GetAtt Mid.Outputs.Id
`;
    const out = expandNestedStacks(parseTemplate(top, 'top.yaml'), readerOf({ 'middle.yaml': middle, 'child.yaml': CHILD }));
    expect(resources(out)['Use']!.Properties!['X']).toEqual({ Ref: 'MidInnerEndpoint' });
    expect((out as ExpandedSource).origin(['Resources', 'MidInnerEndpoint']).file).toBe('child.yaml');
  });

  it('should leave a nested stack on S3 as it is: nothing is fetched', () => {
    const remote = `Resources:
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/child.yaml
`;
    const source = parseTemplate(remote, 'p.yaml');
    expect(
      expandNestedStacks(source, () => {
        throw new Error('must not read');
      }),
    ).toBe(source);
  });

  it('should refuse a TemplateURL naming no file, at its line', () => {
    const missing = `Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: gone.yaml\n`;
    const thrown = (() => {
      try {
        expandNestedStacks(parseTemplate(missing, 'p.yaml'), readerOf({}));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(PolicygenInputError);
    const issue = (thrown as PolicygenInputError).issues[0]!;
    expect(issue.field).toBe('TemplateURL of Child');
    expect(issue.received).toContain('gone.yaml');
    expect(issue.location).toEqual({ file: 'p.yaml', line: 5, column: 20 });
  });

  it('should refuse a stack that nests itself, naming the chain', () => {
    const self = `Resources:\n  Again:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./a.yaml\n`;
    expect(() => expandNestedStacks(parseTemplate(self, 'a.yaml'), readerOf({ 'a.yaml': self }))).toThrow(
      /must not nest a stack inside itself.*a\.yaml -> a\.yaml/,
    );
  });
});

describe('nestedTemplateLocation', () => {
  const assets = new Map([['b641d2.json', 'ParentChild.nested.template.json']]);
  it.each([
    ['a relative TemplateURL', { Properties: { TemplateURL: 'infra/vpc.yaml' } }, 'infra/vpc.yaml'],
    ['an https URL not in the assets', { Properties: { TemplateURL: 'https://s3.amazonaws.com/b/vpc.yaml' } }, undefined],
    [
      'an S3 URL of a cdk.out asset',
      { Properties: { TemplateURL: 'https://s3.us-east-1.amazonaws.com/bucket/b641d2.json' } },
      'ParentChild.nested.template.json',
    ],
    [
      "the CDK's Fn::Join of the asset URL",
      { Properties: { TemplateURL: { 'Fn::Join': ['', ['https://s3.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/cdk-assets/b641d2.json']] } } },
      'ParentChild.nested.template.json',
    ],
    [
      'the aws:asset:path metadata',
      { Metadata: { 'aws:asset:path': 'Other.nested.template.json' }, Properties: { TemplateURL: { Ref: 'X' } } },
      'Other.nested.template.json',
    ],
    ['a TemplateURL from a parameter', { Properties: { TemplateURL: { Ref: 'Url' } } }, undefined],
  ])('%s', (_what, resource, expected) => {
    expect(nestedTemplateLocation(resource, assets)).toBe(expected);
  });
});

describe('cdkAssetFiles', () => {
  it('should map the object key of each file asset to its file, and skip paths outside the folder', () => {
    // The layout of a cdk.out asset manifest (cdk-assets "files": source.path, destinations.*.objectKey).
    const manifest = JSON.stringify({
      version: '55.0.0',
      files: {
        a: { source: { path: 'Child.nested.template.json', packaging: 'file' }, destinations: { d: { bucketName: 'b', objectKey: 'a1.json' } } },
        b: { source: { path: '../escape.json', packaging: 'file' }, destinations: { d: { bucketName: 'b', objectKey: 'b1.json' } } },
        c: { source: { path: 'asset.lambda', packaging: 'zip' }, destinations: { d: { bucketName: 'b', objectKey: 'c1.zip' } } },
      },
    });
    expect([...cdkAssetFiles(manifest)]).toEqual([['a1.json', 'Child.nested.template.json']]);
    expect(cdkAssetFiles('not json').size).toBe(0);
  });
});
