import { isRecord, own } from './stack-helpers';
import { SourceParseError, positionAt } from './source/source-error';
import { findJsonError } from './source/json-source';

/**
 * The layout of a CDK cloud assembly (`cdk.out`): `manifest.json` lists the artifacts; each stack
 * artifact (`aws:cloudformation:stack`) names its template file, a `*.template.json` beside the
 * manifest, and nested assemblies (`cdk:cloud-assembly`, one per CDK Stage) are folders with their
 * own manifest. This module only reads the manifest: the CLI lists and reads the files, then lints
 * each template as CloudFormation (`readCloudFormation`), with the Region and account of the
 * stack's environment when the manifest states them.
 */

/** The manifest's file name in a cloud assembly folder. */
export const CDK_OUT_MANIFEST = 'manifest.json';

/** A template file name as the CDK writes it; what a folder without manifest is searched for. */
export const isCdkTemplateFile = (name: string): boolean => name.endsWith('.template.json');

export interface CdkStackTemplate {
  /** The artifact ID (the stack's construct path, e.g. `MyStack` or `MyStageMyStack…`). */
  readonly artifactId: string;
  /** Relative to the assembly folder, e.g. `MyStack.template.json`. */
  readonly templateFile: string;
  /** From the artifact's `aws://ACCOUNT/REGION` environment, when concrete. */
  readonly region?: string;
  readonly account?: string;
}

export interface CdkOutManifest {
  readonly stacks: readonly CdkStackTemplate[];
  /** Folders of nested assemblies (CDK Stages), relative to this one, each with its own manifest. */
  readonly nestedAssemblies: readonly string[];
}

/**
 * The stacks and nested assemblies a `manifest.json` lists. Throws `SourceParseError` when the text
 * is not JSON; artifacts that are malformed or name a file outside the folder (`..`, absolute
 * paths) are skipped.
 *
 * @example readCdkOutManifest(text).stacks.map((s) => path.join(dir, s.templateFile))
 */
export function readCdkOutManifest(manifestText: string): CdkOutManifest {
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch (error) {
    const problem = findJsonError(manifestText);
    throw new SourceParseError(
      `${CDK_OUT_MANIFEST} must be JSON, received ${problem?.message ?? (error instanceof Error ? error.message : String(error))}`,
      positionAt(manifestText, problem?.offset ?? 0),
    );
  }
  const artifacts = own(manifest, 'artifacts');
  const stacks: CdkStackTemplate[] = [];
  const nestedAssemblies: string[] = [];
  for (const [artifactId, artifact] of Object.entries(isRecord(artifacts) ? artifacts : {})) {
    if (!isRecord(artifact)) continue;
    const properties = own(artifact, 'properties');
    const type = own(artifact, 'type');
    if (type === 'aws:cloudformation:stack') {
      const templateFile = own(properties, 'templateFile');
      if (typeof templateFile !== 'string' || !isInsideFolder(templateFile)) continue;
      stacks.push({ artifactId, templateFile, ...environmentOf(own(artifact, 'environment')) });
    } else if (type === 'cdk:cloud-assembly') {
      const directory = own(properties, 'directoryName');
      if (typeof directory === 'string' && isInsideFolder(directory)) nestedAssemblies.push(directory);
    }
  }
  return { stacks, nestedAssemblies };
}

/** The template file names of a `manifest.json`'s stacks, relative to its folder. */
export function listCdkOutTemplates(manifestText: string): string[] {
  return readCdkOutManifest(manifestText).stacks.map((s) => s.templateFile);
}

/** A relative path that stays in the folder: the manifest is input, not trusted to point anywhere. */
function isInsideFolder(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || name.includes('\0')) return false;
  return !name.split(/[\\/]/).includes('..');
}

// `aws://unknown-account/unknown-region` is the CDK's environment-agnostic stack.
function environmentOf(environment: unknown): { region?: string; account?: string } {
  const match = typeof environment === 'string' ? /^aws:\/\/([^/]+)\/([^/]+)$/.exec(environment) : null;
  if (!match) return {};
  const [, account, region] = match;
  return {
    ...(region !== undefined && region !== 'unknown-region' ? { region } : {}),
    ...(account !== undefined && account !== 'unknown-account' ? { account } : {}),
  };
}

/** An asset manifest's file name (`<Stack>.assets.json`): it maps uploaded objects back to files of the assembly. */
export const isCdkAssetManifest = (name: string): boolean => name.endsWith('.assets.json');

/**
 * The file assets of an asset manifest, by the S3 object key they are uploaded to: a nested stack's
 * `TemplateURL` names that object, and the file beside the manifest is its template. Paths that leave
 * the folder are skipped; text that is not JSON gives no assets.
 *
 * @example cdkAssetFiles(text).get('b641….json') // 'ParentChild….nested.template.json'
 */
export function cdkAssetFiles(assetManifestText: string): Map<string, string> {
  const out = new Map<string, string>();
  let manifest: unknown;
  try {
    manifest = JSON.parse(assetManifestText);
  } catch {
    return out;
  }
  for (const asset of Object.values(isRecord(own(manifest, 'files')) ? (own(manifest, 'files') as Record<string, unknown>) : {})) {
    const path = own(own(asset, 'source'), 'path');
    if (typeof path !== 'string' || !isInsideFolder(path) || own(own(asset, 'source'), 'packaging') === 'zip') continue;
    const destinations = own(asset, 'destinations');
    for (const destination of Object.values(isRecord(destinations) ? destinations : {})) {
      const key = own(destination, 'objectKey');
      if (typeof key === 'string') out.set(key.slice(key.lastIndexOf('/') + 1), path);
    }
  }
  return out;
}
