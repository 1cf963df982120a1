import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CDK_OUT_MANIFEST, isCdkTemplateFile, listCdkOutTemplates, readCdkOutManifest } from '../../src/template/cdk-out';
import { readCloudFormation } from '../../src/template/cloudformation';
import { parseJsonSource } from '../../src/template/source/json-source';
import { SourceParseError } from '../../src/template/source/source-error';

const FOLDER = join(__dirname, '../fixtures/cdk-out');
const manifestText = readFileSync(join(FOLDER, CDK_OUT_MANIFEST), 'utf8');

describe('cdk.out', () => {
  it("should list the stack templates of the manifest, which are the folder's *.template.json files", () => {
    expect(listCdkOutTemplates(manifestText)).toEqual(['PrivatePullStack.template.json']);
    expect(readdirSync(FOLDER).filter(isCdkTemplateFile)).toEqual(['PrivatePullStack.template.json']);
  });

  it('should give the Region and account of a concrete environment', () => {
    expect(readCdkOutManifest(manifestText).stacks).toEqual([
      { artifactId: 'PrivatePullStack', templateFile: 'PrivatePullStack.template.json', region: 'eu-west-1', account: '111122223333' },
    ]);
  });

  it('should read the template with that environment: services and ARNs known, the role with its DefaultPolicy', () => {
    const [stack] = readCdkOutManifest(manifestText).stacks;
    const file = stack!.templateFile;
    const model = readCloudFormation(parseJsonSource(file, readFileSync(join(FOLDER, file), 'utf8')), { region: stack!.region, accountId: stack!.account });
    expect(model.endpoints.map((e) => e.serviceName.known && e.serviceName.value).sort()).toEqual([
      'com.amazonaws.eu-west-1.ecr.api',
      'com.amazonaws.eu-west-1.ecr.dkr',
      'com.amazonaws.eu-west-1.logs',
      'com.amazonaws.eu-west-1.s3',
    ]);
    const s3 = model.endpoints.find((e) => e.service === 's3')!;
    expect(s3.routeTableIds).toHaveLength(2);
    expect(s3.policy!.view.statements[0]!.resources!.map((r) => r.value)).toEqual(['arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*']);
    expect(model.roles[0]!.policies.map((p) => p.resource)).toEqual(['TaskDefExecutionRoleDefaultPolicy0DBB737A']);
    expect(model.taskDefinitions[0]!.executionRole).toEqual({ resource: 'TaskDefExecutionRoleB4775C97' });
    // Without the environment, Fn::Join service names still tell the service.
    const agnostic = readCloudFormation(parseJsonSource(file, readFileSync(join(FOLDER, file), 'utf8')));
    expect(agnostic.endpoints.map((e) => e.service).sort()).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3']);
  });

  it('should list nested assemblies and leave environment-agnostic stacks without Region', () => {
    const manifest = JSON.stringify({
      version: '36.0.0',
      artifacts: {
        Agnostic: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://unknown-account/unknown-region',
          properties: { templateFile: 'Agnostic.template.json' },
        },
        'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod', displayName: 'Prod' } },
        Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
      },
    });
    expect(readCdkOutManifest(manifest)).toEqual({
      stacks: [{ artifactId: 'Agnostic', templateFile: 'Agnostic.template.json' }],
      nestedAssemblies: ['assembly-Prod'],
    });
  });

  it('should skip file names that leave the folder and malformed artifacts', () => {
    const manifest = JSON.stringify({
      artifacts: {
        Up: { type: 'aws:cloudformation:stack', properties: { templateFile: '../../etc/passwd' } },
        Absolute: { type: 'aws:cloudformation:stack', properties: { templateFile: '/etc/passwd' } },
        Windows: { type: 'aws:cloudformation:stack', properties: { templateFile: 'C:\\x.template.json' } },
        Nested: { type: 'cdk:cloud-assembly', properties: { directoryName: 'a/../../b' } },
        NoFile: { type: 'aws:cloudformation:stack', properties: {} },
        Odd: 7,
        Fine: { type: 'aws:cloudformation:stack', properties: { templateFile: 'sub/Fine.template.json' } },
      },
    });
    expect(listCdkOutTemplates(manifest)).toEqual(['sub/Fine.template.json']);
    expect(readCdkOutManifest(manifest).nestedAssemblies).toEqual([]);
    expect(listCdkOutTemplates('{"artifacts": []}')).toEqual([]);
    expect(listCdkOutTemplates('null')).toEqual([]);
  });

  it('should throw SourceParseError with the position of bad JSON', () => {
    expect(() => listCdkOutTemplates('{\n  "artifacts": {,\n}')).toThrow(SourceParseError);
    try {
      listCdkOutTemplates('{\n  "artifacts": {,\n}');
    } catch (error) {
      expect((error as SourceParseError).position.line).toBe(2);
    }
  });
});
