#!/usr/bin/env node
// Writes src/model/regions.generated.ts, the Region and partition table, from maintained data
// (DOMAIN.md §6) so that nobody types Region names by hand.
//
//   node scripts/generate-regions.mjs           write the table
//   node scripts/generate-regions.mjs --check   exit 1 when the committed table is stale
//
// The output depends only on the installed package versions: no dates, no absolute paths, so two
// runs on any machine produce the same bytes and `--check` can run in CI.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = 'src/model/regions.generated.ts';
const SDK_PACKAGE = '@aws-sdk/core';
const SDK_PARTITIONS_FILE = 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js';
const SDK_PREFIX = 'export const partitionsInfo = ';
const REGION_INFO_PACKAGE = '@aws-cdk/region-info';

const PARTITION_IDS = ['aws', 'aws-cn', 'aws-eusc', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-us-gov'];

// VPC endpoint service-name prefixes. The SDK data has none, so they come from aws-cdk
// packages/aws-cdk-lib/aws-ec2/lib/vpc-endpoint.ts, `getDefaultEndpointPrefix`: it returns
// com.amazonaws for every service outside its per-Region exception list (logs, ssm, secretsmanager,
// ecs and the S3 *gateway*, built by GatewayVpcEndpointAwsService, never use the exceptions), and for
// ecr.api / ecr.dkr it returns the prefixes below. `verified` marks the partitions whose prefix AWS
// documentation also states; for the others the CDK source is the only witness, so generators add
// an `[unverified]` advisory.
const ENDPOINT_PREFIXES = {
  aws: { ecr: 'com.amazonaws', verified: true },
  'aws-cn': { ecr: 'cn.com.amazonaws', verified: true },
  'aws-eusc': { ecr: 'eu.amazonaws', verified: false },
  'aws-iso': { ecr: 'gov.ic.c2s', verified: false },
  'aws-iso-b': { ecr: 'gov.sgov.sc2s', verified: false },
  'aws-iso-e': { ecr: 'uk.adc-e.cloud', verified: false },
  'aws-iso-f': { ecr: 'gov.ic.hci.csp', verified: false },
  'aws-us-gov': { ecr: 'com.amazonaws', verified: true },
};
const DEFAULT_ENDPOINT_PREFIX = 'com.amazonaws';

class ShapeError extends Error {
  constructor(message) {
    super(`generate-regions: ${message}; the upstream data changed shape, update this script`);
    this.name = 'ShapeError';
  }
}

function expect(condition, message) {
  if (!condition) throw new ShapeError(message);
}

const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

function packageVersion(name) {
  return JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version;
}

function readSdkPartitions() {
  const file = join(packageDir(SDK_PACKAGE), SDK_PARTITIONS_FILE);
  const text = readFileSync(file, 'utf8').trim();
  expect(text.startsWith(SDK_PREFIX) && text.endsWith(';'), `${SDK_PARTITIONS_FILE} is not "${SDK_PREFIX}{…};"`);
  let info;
  try {
    info = JSON.parse(text.slice(SDK_PREFIX.length, -1));
  } catch (error) {
    throw new ShapeError(`${SDK_PARTITIONS_FILE} does not hold JSON (${error.message})`);
  }
  expect(Array.isArray(info?.partitions), 'partitionsInfo.partitions is not an array');
  return info.partitions.map((partition) => {
    const { id, outputs, regionRegex, regions } = partition ?? {};
    expect(typeof id === 'string', 'a partition has no string id');
    expect(typeof outputs?.dnsSuffix === 'string', `partition ${id} has no outputs.dnsSuffix`);
    expect(typeof regionRegex === 'string', `partition ${id} has no regionRegex`);
    expect(regions !== null && typeof regions === 'object', `partition ${id} has no regions object`);
    const pattern = new RegExp(regionRegex);
    const names = Object.keys(regions).filter((name) => !name.endsWith('-global'));
    for (const name of names) expect(pattern.test(name), `Region ${name} does not match the ${id} regionRegex`);
    return { id, dnsSuffix: outputs.dnsSuffix, regionPattern: regionRegex, regions: new Set(names) };
  });
}

/** Regions that @aws-cdk/region-info knows and the SDK does not, added to their partition. */
function addRegionInfoRegions(partitions) {
  const { RegionInfo } = require(REGION_INFO_PACKAGE);
  expect(Array.isArray(RegionInfo?.regions), `${REGION_INFO_PACKAGE} RegionInfo.regions is not an array`);
  for (const region of RegionInfo.regions) {
    const name = region?.name;
    expect(typeof name === 'string', `${REGION_INFO_PACKAGE} has a Region without a name`);
    const partition = partitions.find((p) => p.id === region.partition);
    // A Region whose partition the SDK does not know cannot get a dnsSuffix or pattern: leave it out.
    if (name.endsWith('-global') || !partition || !new RegExp(partition.regionPattern).test(name)) continue;
    partition.regions.add(name);
  }
}

function buildTable() {
  const partitions = readSdkPartitions();
  const ids = partitions.map((p) => p.id).sort(byCodePoint);
  expect(JSON.stringify(ids) === JSON.stringify(PARTITION_IDS), `partitions are ${ids.join(', ')}, expected ${PARTITION_IDS.join(', ')}`);
  addRegionInfoRegions(partitions);
  return partitions
    .sort((a, b) => byCodePoint(a.id, b.id))
    .map((p) => ({
      id: p.id,
      dnsSuffix: p.dnsSuffix,
      regionPattern: p.regionPattern,
      regions: [...p.regions].sort(byCodePoint),
      endpointPrefix: { default: DEFAULT_ENDPOINT_PREFIX, ecr: ENDPOINT_PREFIXES[p.id].ecr },
      prefixVerified: ENDPOINT_PREFIXES[p.id].verified,
    }));
}

function tsString(value) {
  expect(!/[\u0000-\u001f\u2028\u2029]/.test(value), `unexpected control character in ${JSON.stringify(value)}`);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A TypeScript literal with 2-space indentation; keys keep the order they were built in. */
function tsLiteral(value, indent = '') {
  const inner = `${indent}  `;
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[\n${value.map((v) => `${inner}${tsLiteral(v, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value).map(([key, v]) => {
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : tsString(key);
    return `${inner}${name}: ${tsLiteral(v, inner)},\n`;
  });
  return `{\n${entries.join('')}${indent}}`;
}

function render() {
  const source = `${SDK_PACKAGE} ${packageVersion(SDK_PACKAGE)} partitions + ${REGION_INFO_PACKAGE} ${packageVersion(REGION_INFO_PACKAGE)}`;
  return [
    `// generated by scripts/generate-regions.mjs from ${source}; do not edit.`,
    '// Regenerate with `node scripts/generate-regions.mjs` after updating those packages.',
    '',
    `export const REGION_DATA_SOURCE = ${tsString(source)};`,
    '',
    `export const PARTITIONS = ${tsLiteral(buildTable())} as const;`,
    '',
  ].join('\n');
}

function main(args) {
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`generate-regions: unknown argument ${unknown[0]}; usage: generate-regions.mjs [--check]\n`);
    return 2;
  }
  const target = join(ROOT, OUTPUT);
  const content = render();
  if (args.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // a missing file is reported as stale below
    }
    if (committed !== content) {
      process.stderr.write(`generate-regions: ${OUTPUT} is stale or missing; run node scripts/generate-regions.mjs\n`);
      return 1;
    }
    return 0;
  }
  writeFileSync(target, content);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
