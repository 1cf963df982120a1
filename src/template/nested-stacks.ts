import { PolicygenInputError, showValue, type InputIssue } from '../model/errors';
import { isIntrinsic } from './intrinsics';
import { renameIds, TEMPLATE_SECTIONS } from './rename-ids';
import { isRecord, own } from './stack-helpers';
import type { JsonPath, Position, SourceFile } from './types';

/**
 * Local nested stacks (issue 10 §2): an `AWS::CloudFormation::Stack` whose template is a file beside
 * its parent (a relative `TemplateURL`, as `aws cloudformation package` takes it, or in a cdk.out the
 * asset the URL names) is inlined into the parent, so that lint, check and the CDK validation plugin
 * read one template:
 *
 * - the child's logical IDs get the nested stack's ID as prefix (`Service` + `TaskDef`), with every
 *   reference to them;
 * - a child parameter the parent's `Parameters` property sets is replaced by the parent's value
 *   (a nested stack's parameters are set only there: AWS CloudFormation User Guide,
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stack.html);
 *   the others keep their Default;
 * - the parent's `Fn::GetAtt [Stack, Outputs.X]` becomes the child's output `X` value (same page:
 *   "Outputs.NestedStackOutputName" is the nested stack's output).
 *
 * A `TemplateURL` on S3 or the web stays as it is (nothing is fetched: offline at run time), and its
 * outputs stay deploy-time values. A missing file and a stack that nests itself are input errors at
 * the `TemplateURL`.
 */

/**
 * Reads the template a nested stack names: `location` is relative to the folder of `from`'s file.
 * Returns undefined when there is no such file; throws PolicygenInputError when it is not JSON or YAML.
 */
export type NestedTemplateReader = (location: string, from: SourceFile) => SourceFile | undefined;

/** Where a path of an inlined template came from. */
export interface NestedOrigin {
  readonly file: string;
  readonly source: SourceFile;
  readonly path: JsonPath;
}

/** A template with its local nested stacks inlined; `origin` maps a path back to the file it came from. */
export interface ExpandedSource extends SourceFile {
  readonly origin: (path: JsonPath) => NestedOrigin;
}

const STACK_TYPE = 'AWS::CloudFormation::Stack';
// Beyond this depth a value is left as it is.
const MAX_DEPTH = 64;

/**
 * The template with every local nested stack inlined (recursively), or `source` itself when it has
 * none. `assets` maps an S3 object key to a file of the cloud assembly (cdkAssetFiles of the
 * `*.assets.json` files), for cdk.out nested stacks whose `TemplateURL` names the uploaded asset.
 *
 * @example expandNestedStacks(parseTemplate(text, 'master.yaml'), (location, from) => read(join(dirname(from.file), location)))
 */
export function expandNestedStacks(source: SourceFile, read: NestedTemplateReader, assets: ReadonlyMap<string, string> = new Map()): SourceFile {
  return expand(source, read, assets, [source.file]);
}

/**
 * The file a nested stack's template is in, relative to its parent's folder, or undefined when it is
 * not a local file: the CDK's `aws:asset:path` metadata, a relative `TemplateURL`, or an S3 URL whose
 * object key a cdk.out asset manifest maps back to a file.
 */
export function nestedTemplateLocation(resource: unknown, assets: ReadonlyMap<string, string> = new Map()): string | undefined {
  const metadata = own(own(resource, 'Metadata'), 'aws:asset:path');
  if (typeof metadata === 'string' && metadata !== '') return metadata;
  const url = own(own(resource, 'Properties'), 'TemplateURL');
  if (typeof url === 'string') {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url === '' ? undefined : url;
    return assets.get(lastSegment(url));
  }
  // `Fn::Join` / `Fn::Sub` of the CDK's asset URL: `https://s3.REGION.${AWS::URLSuffix}/BUCKET/KEY`.
  const join = own(url, 'Fn::Join');
  const parts = Array.isArray(join) && Array.isArray(join[1]) ? (join[1] as unknown[]) : undefined;
  const tail = parts !== undefined ? parts[parts.length - 1] : own(url, 'Fn::Sub');
  return typeof tail === 'string' ? assets.get(lastSegment(tail)) : undefined;
}

const lastSegment = (url: string): string => url.slice(url.lastIndexOf('/') + 1);

const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? (value as Record<string, unknown>) : {});

interface Inlined {
  readonly source: SourceFile;
  readonly id: string;
}

function expand(source: SourceFile, read: NestedTemplateReader, assets: ReadonlyMap<string, string>, chain: readonly string[]): SourceFile {
  const data = source.data;
  const resources = asRecord(own(data, 'Resources'));
  const nested = Object.entries(resources).flatMap(([id, resource]) => {
    if (own(resource, 'Type') !== STACK_TYPE) return [];
    const location = nestedTemplateLocation(resource, assets);
    return location === undefined ? [] : [{ id, location }];
  });
  if (nested.length === 0) return source;

  const issues: InputIssue[] = [];
  const children = new Map<string, SourceFile>();
  for (const { id, location } of nested) {
    const at = { file: source.file, ...source.locate(['Resources', id, 'Properties', 'TemplateURL']) };
    const child = read(location, source);
    if (child === undefined) {
      issues.push({
        field: `TemplateURL of ${id}`,
        received: showValue(location),
        expected: `name a template file that exists, relative to ${source.file}`,
        hint: 'nested stacks are read from local files only; an S3 or https URL is left unread',
        location: at,
      });
    } else if (chain.includes(child.file)) {
      issues.push({
        field: `TemplateURL of ${id}`,
        received: `${showValue(location)}, which nests ${[...chain.slice(chain.indexOf(child.file)), child.file].join(' -> ')}`,
        expected: 'not nest a stack inside itself (CloudFormation would create stacks without end)',
        location: at,
      });
    } else {
      children.set(id, expand(child, read, assets, [...chain, child.file]));
    }
  }
  if (issues.length > 0) throw new PolicygenInputError(issues);

  const merged: Record<string, unknown> = { ...asRecord(data) };
  for (const section of TEMPLATE_SECTIONS) if (isRecord(own(data, section))) merged[section] = { ...asRecord(own(data, section)) };
  const used = new Set(TEMPLATE_SECTIONS.flatMap((section) => Object.keys(asRecord(merged[section])).map((id) => `${namespace(section)}:${id}`)));
  const originOf = new Map<string, Inlined>();

  const pending = [...children.keys()];
  while (pending.length > 0) {
    // A stack whose parameters use another's outputs goes after it (CloudFormation orders them so too).
    const index = Math.max(
      0,
      pending.findIndex((id) => !pending.some((other) => other !== id && refersToOutputs(own(asRecord(merged['Resources'])[id], 'Properties'), other))),
    );
    const id = pending.splice(index, 1)[0]!;
    const child = children.get(id)!;
    const resource = asRecord(merged['Resources'])[id];
    const given = asRecord(own(own(resource, 'Properties'), 'Parameters'));
    delete (merged['Resources'] as Record<string, unknown>)[id];

    const childData = asRecord(child.data);
    const names = new Map<string, string>();
    for (const section of TEMPLATE_SECTIONS) {
      for (const childId of Object.keys(asRecord(own(childData, section)))) {
        let target = `${id}${childId}`;
        for (let n = 2; used.has(`${namespace(section)}:${target}`); n++) target = `${id}${childId}${n}`;
        used.add(`${namespace(section)}:${target}`);
        names.set(childId, target);
      }
    }
    const renamed = asRecord(renameIds(childData, names, 0));
    const values = new Map<string, unknown>();
    for (const [name, value] of Object.entries(given)) {
      const target = names.get(name);
      if (target !== undefined && isRecord(own(own(childData, 'Parameters'), name))) values.set(target, value);
    }
    const child2 = values.size === 0 ? renamed : asRecord(substituteRefs(renamed, values, 0));
    const outputs = new Map<string, unknown>();
    for (const [childId, output] of Object.entries(asRecord(own(childData, 'Outputs')))) {
      const value = own(asRecord(own(child2, 'Outputs'))[names.get(childId)!], 'Value');
      if (value !== undefined) outputs.set(childId, value);
    }
    for (const section of TEMPLATE_SECTIONS) {
      const entries = { ...asRecord(own(child2, section)) };
      if (section === 'Parameters') for (const name of values.keys()) delete entries[name];
      if (Object.keys(entries).length === 0) continue;
      merged[section] = { ...asRecord(merged[section]), ...entries };
      for (const childId of Object.keys(asRecord(own(childData, section)))) originOf.set(`${section}/${names.get(childId)!}`, { source: child, id: childId });
    }
    const replaced = asRecord(replaceOutputs(merged, id, outputs, 0));
    for (const key of Object.keys(merged)) merged[key] = replaced[key];
  }

  const origin = (path: JsonPath): NestedOrigin => {
    const [section, id, ...rest] = path;
    const found = typeof section === 'string' && typeof id === 'string' ? originOf.get(`${section}/${id}`) : undefined;
    if (found === undefined) return { file: source.file, source, path };
    const inner: JsonPath = [section!, found.id, ...rest];
    return 'origin' in found.source ? (found.source as ExpandedSource).origin(inner) : { file: found.source.file, source: found.source, path: inner };
  };
  const expanded: ExpandedSource = {
    file: source.file,
    text: source.text,
    data: merged,
    locate: (path: JsonPath): Position => {
      const o = origin(path);
      return o.source.locate(o.path);
    },
    origin,
    ...(source.duplicateKeys !== undefined ? { duplicateKeys: source.duplicateKeys } : {}),
  };
  return expanded;
}

// Resources and Parameters share one namespace of Ref targets; the other sections each have their own.
const namespace = (section: string): string => (section === 'Resources' || section === 'Parameters' ? 'ref' : section);

/** `Fn::GetAtt` of `Outputs.X` of the nested stack `stack`, in either spelling, with X. */
function outputNameOf(value: Record<string, unknown>, stack: string): string | undefined {
  const arg = value['Fn::GetAtt'];
  const [target, attribute] = Array.isArray(arg) ? [arg[0], arg[1]] : typeof arg === 'string' ? splitOnce(arg) : [undefined, undefined];
  if (target !== stack || typeof attribute !== 'string' || !attribute.startsWith('Outputs.')) return undefined;
  return attribute.slice('Outputs.'.length);
}

const splitOnce = (text: string): [string, string | undefined] => {
  const dot = text.indexOf('.');
  return dot < 0 ? [text, undefined] : [text.slice(0, dot), text.slice(dot + 1)];
};

function refersToOutputs(value: unknown, stack: string): boolean {
  const text = JSON.stringify(value) ?? '';
  return text.includes(`"${stack}"`) || text.includes(`${stack}.Outputs.`);
}

/** The parent's references to the nested stack's outputs, replaced by the outputs' values. */
function replaceOutputs(value: unknown, stack: string, outputs: ReadonlyMap<string, unknown>, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => replaceOutputs(v, stack, outputs, depth + 1));
  if (!isRecord(value)) return value;
  if (isIntrinsic(value)) {
    if ('Fn::GetAtt' in value) {
      const name = outputNameOf(value, stack);
      return name !== undefined && outputs.has(name) ? outputs.get(name) : value;
    }
    if ('Fn::Sub' in value) {
      return substituteSub(
        value['Fn::Sub'],
        depth,
        (variable) => {
          const [target, attribute] = splitOnce(variable);
          if (target !== stack || attribute === undefined || !attribute.startsWith('Outputs.')) return undefined;
          return outputs.get(attribute.slice('Outputs.'.length));
        },
        (inner) => replaceOutputs(inner, stack, outputs, depth + 1),
      );
    }
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceOutputs(v, stack, outputs, depth + 1)]));
}

/** `Ref` of a parameter the parent sets, and `${Parameter}` in `Fn::Sub`, replaced by the parent's value. */
function substituteRefs(value: unknown, values: ReadonlyMap<string, unknown>, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => substituteRefs(v, values, depth + 1));
  if (!isRecord(value)) return value;
  if (isIntrinsic(value)) {
    if ('Ref' in value && typeof value['Ref'] === 'string' && values.has(value['Ref'])) return values.get(value['Ref']);
    if ('Fn::Sub' in value)
      return substituteSub(
        value['Fn::Sub'],
        depth,
        (variable) => values.get(variable),
        (inner) => substituteRefs(inner, values, depth + 1),
      );
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteRefs(v, values, depth + 1)]));
}

/**
 * `Fn::Sub` with the `${Name}` that `valueOf` knows moved into its variable map (as `${NestedN}`),
 * so the value stays an expression of the merged template. Names the map already has keep their value.
 */
function substituteSub(arg: unknown, depth: number, valueOf: (name: string) => unknown, inner: (value: unknown) => unknown): unknown {
  const text = Array.isArray(arg) ? arg[0] : arg;
  const variables = Array.isArray(arg) ? asRecord(inner(arg[1])) : {};
  if (typeof text !== 'string' || depth > MAX_DEPTH) return { 'Fn::Sub': arg };
  const added: Record<string, unknown> = {};
  let n = 0;
  const replaced = text.replace(/\$\{([^!}][^}]*)\}/g, (whole, name: string) => {
    if (own(variables, name) !== undefined) return whole;
    const value = valueOf(name.trim());
    if (value === undefined) return whole;
    let key = `Nested${n++}`;
    while (own(variables, key) !== undefined) key = `Nested${n++}`;
    added[key] = value;
    return `\${${key}}`;
  });
  if (Object.keys(added).length === 0) return Array.isArray(arg) ? { 'Fn::Sub': [text, variables] } : { 'Fn::Sub': arg };
  return { 'Fn::Sub': [replaced, { ...variables, ...added }] };
}
