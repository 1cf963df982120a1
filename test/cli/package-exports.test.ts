import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { consumerTscArgs } from '../support/tsc';

/**
 * The built package as consumers load it: by name, from ESM and from CommonJS, with types.
 * (The packed-tarball install is tested with the IaC consumer tests.)
 */
const root = resolve(__dirname, '../..');
let consumer: string;

beforeAll(() => {
  consumer = mkdtempSync(join(tmpdir(), 'policygen-consumer-'));
  const modules = join(consumer, 'node_modules');
  execFileSync('mkdir', ['-p', modules]);
  symlinkSync(root, join(modules, 'policygen'), 'dir');
  writeFileSync(join(consumer, 'package.json'), '{"name":"consumer","private":true}\n');
});
afterAll(() => rmSync(consumer, { recursive: true, force: true }));

const run = (file: string, code: string): string => {
  writeFileSync(join(consumer, file), code);
  return execFileSync(process.execPath, [join(consumer, file)], { cwd: consumer, encoding: 'utf8' });
};

describe('package entry points', () => {
  it('should load from CommonJS with require', () => {
    const out = run('cjs.cjs', "const p = require('policygen'); console.log(p.generateS3GatewayPolicy({ region: 'eu-west-1' }).document.Statement.length);");
    expect(out.trim()).toBe('1');
  });

  it('should load from ESM with named imports, sharing the CommonJS build', () => {
    const out = run(
      'esm.mjs',
      "import { generateBundle, EXAMPLE_SPEC } from 'policygen'; import { createRequire } from 'node:module';\n" +
        "const cjs = createRequire(import.meta.url)('policygen');\n" +
        'console.log(Object.keys(generateBundle(EXAMPLE_SPEC)).join(","), cjs.generateBundle === generateBundle);',
    );
    expect(out.trim()).toBe('region,partition,executionRolePolicy,ecrEndpointPolicy,s3GatewayEndpointPolicy,plan,advisories true');
  });

  it('should expose every CommonJS export to ESM', () => {
    const out = run(
      'keys.mjs',
      "import * as esm from 'policygen'; import { createRequire } from 'node:module';\nconst cjs = createRequire(import.meta.url)('policygen');\nconsole.log(JSON.stringify([Object.keys(esm).filter((k) => k !== 'default').sort(), Object.keys(cjs).filter((k) => k !== '__esModule').sort()]));",
    );
    const [esm, cjs] = JSON.parse(out) as [string[], string[]];
    expect(esm).toEqual(cjs);
  });

  it('should type-check a TypeScript consumer in ESM and CommonJS resolution', () => {
    writeFileSync(
      join(consumer, 'use.mts'),
      "import { generateExecutionRolePolicy, type PolicyDocument } from 'policygen';\nconst doc: PolicyDocument = generateExecutionRolePolicy({ region: 'us-east-1', account: '111122223333' }).document;\nexport default doc;\n",
    );
    writeFileSync(
      join(consumer, 'use.cts'),
      "import { planEndpoints, type EndpointPlan } from 'policygen';\nconst plan: EndpointPlan = planEndpoints({ region: 'us-east-1', launchType: 'fargate' });\nexport = plan;\n",
    );
    expect(() =>
      execFileSync(process.execPath, consumerTscArgs(root, ['use.mts', 'use.cts']), {
        cwd: consumer,
        encoding: 'utf8',
      }),
    ).not.toThrow();
  });
});
