import { evaluateCondition, isIntrinsic, NO_VALUE, resolveValue, type IntrinsicContext } from '../template/intrinsics';
import { isRecord, own } from '../template/stack-helpers';
import { TERRAFORM_UNKNOWN } from '../template/terraform-as-template';

/**
 * Template values for the evaluator: every intrinsic replaced by a string. What the template alone
 * decides (literals, parameter defaults, the Region and account the caller gave) is computed as
 * CloudFormation would; what only the deploy knows becomes a stable symbol, `{{Ref EcrDkrEndpoint}}`,
 * the same text wherever the template names the same thing. So a policy condition
 * `{"aws:SourceVpce": {"Ref": "EcrDkrEndpoint"}}` equals the request context of a call through that
 * endpoint, and a literal `vpce-0123…` does not: the evaluator compares text, and the symbol is the
 * deploy-time ID the template stands for.
 *
 * Resource attributes whose shape AWS documents are built from their parts, so that patterns still
 * match them: a role ARN is `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME` (with `{{Ref Role}}` as the
 * name when RoleName is left out), a log group ARN ends in `:*` (AWS::Logs::LogGroup `Arn`), a
 * repository URI is `ACCOUNT.dkr.ecr.REGION.URLSUFFIX/NAME`.
 *
 * Symbols never hold `:` (ARNs are matched per colon-separated segment), `*` or `?` (wildcards) or
 * `$` (policy variables).
 */

// Templates nest intrinsics a few levels deep; past this a value is one opaque symbol.
const MAX_DEPTH = 32;

/** `Fn::Sub` variables: `${Name}`, `${Resource.Attribute}`, `${!Literal}`. */
const SUB_VARIABLE = /\$\{([^}]*)\}/g;

const sanitize = (text: string): string =>
  text
    .replace(/::/g, '.')
    .replace(/[:*?$]/g, '.')
    .replace(/[{]/g, '(')
    .replace(/[}]/g, ')')
    .replace(/"/g, '');

export const symbol = (text: string): string => `{{${sanitize(text)}}}`;

/** True when the text holds a deploy-time symbol. */
export const hasSymbol = (text: string): boolean => /\{\{[^}]*\}\}/.test(text);

/** A value the input does not hold: what it is, and the parameter that would give it, if one would. */
export interface ForeignValue {
  readonly description: string;
  readonly parameter?: string;
}

export class TemplateSymbols {
  /**
   * Conditions the template leaves to deploy-time parameters, read as true wherever an `Fn::If`
   * needed them (a whole statement or property cannot be a symbol): the caller reports them.
   */
  readonly assumedConditions = new Set<string>();

  /**
   * Symbols for values the input does not hold, by symbol, with where each came from: a parameter
   * without value, an `Fn::ImportValue` of a stack not given, an intrinsic the check does not compute.
   * A question that depends on one is unknown (hop-runner), never blocked. Symbols of the template's
   * own resources (`{{Ref EcrDkrEndpoint}}`) are not here: they stand for one deploy-time ID and
   * match by identity.
   */
  readonly foreign = new Map<string, ForeignValue>();

  private readonly computed = new Map<string, string>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly context: IntrinsicContext) {}

  /** A template value with every intrinsic replaced; `AWS::NoValue` parts removed (undefined for the value itself). */
  value(raw: unknown, depth = 0): unknown {
    if (depth > MAX_DEPTH) return symbol('nested expression');
    if (isIntrinsic(raw)) {
      const resolved = resolveValue(raw, this.context);
      if (resolved.known) return resolved.value === NO_VALUE ? undefined : this.value(resolved.value, depth + 1);
      return this.symbolic(raw, depth + 1);
    }
    if (Array.isArray(raw)) {
      // `AWS::NoValue` items (value() gives undefined for them) leave the list.
      return raw.flatMap((item) => {
        const v = this.value(item, depth + 1);
        return v === undefined ? [] : [v];
      });
    }
    if (isRecord(raw)) {
      const entries: [string, unknown][] = [];
      for (const [key, inner] of Object.entries(raw)) {
        const v = this.value(inner, depth + 1);
        if (v !== undefined) entries.push([key, v]);
      }
      return Object.fromEntries(entries);
    }
    return raw;
  }

  /** A template value as text: strings as they are, numbers and booleans as CloudFormation passes them. */
  text(raw: unknown, depth = 0): string {
    const v = this.value(raw, depth);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return symbol(JSON.stringify(raw) ?? 'nothing');
  }

  /** What `{"Ref": name}` gives: a pseudo parameter, a parameter, or a resource's Ref value. */
  ref(name: string, depth = 0): string {
    const resolved = resolveValue({ Ref: name }, this.context);
    if (resolved.known && typeof resolved.value === 'string') return resolved.value;
    // Pseudo parameters are never resources, even in a template that names one so.
    const type = name.startsWith('AWS::') ? undefined : this.resourceType(name);
    switch (type) {
      case 'AWS::IAM::Role':
        return this.nameOf(name, 'RoleName', depth);
      case 'AWS::Logs::LogGroup':
        return this.nameOf(name, 'LogGroupName', depth);
      case 'AWS::ECR::Repository':
        return this.nameOf(name, 'RepositoryName', depth);
      case 'AWS::S3::Bucket':
        return this.nameOf(name, 'BucketName', depth);
      case 'AWS::SSM::Parameter':
        return this.nameOf(name, 'Name', depth);
      case 'AWS::SecretsManager::Secret':
        return this.secretArn(name, depth);
      default:
        return name.startsWith('AWS::') || type !== undefined
          ? symbol(`Ref ${name}`)
          : this.unresolved(symbol(`Ref ${name}`), `the parameter ${name}, which has no value (--parameter ${name}=VALUE)`, name);
    }
  }

  private unresolved(text: string, description: string, parameter?: string): string {
    if (!this.foreign.has(text)) this.foreign.set(text, { description, ...(parameter !== undefined ? { parameter } : {}) });
    return text;
  }

  /** What `{"Fn::GetAtt": [resource, attribute]}` gives. */
  getAtt(resource: string, attribute: string, depth = 0): string {
    const type = this.resourceType(resource);
    const name = () => this.ref(resource, depth + 1);
    switch (`${type ?? ''}.${attribute}`) {
      case 'AWS::IAM::Role.Arn':
        return this.roleArn(resource, depth);
      case 'AWS::Logs::LogGroup.Arn':
        return `arn:${this.partition()}:logs:${this.region()}:${this.account()}:log-group:${name()}:*`;
      case 'AWS::ECR::Repository.Arn':
        return `arn:${this.partition()}:ecr:${this.region()}:${this.account()}:repository/${name()}`;
      case 'AWS::ECR::Repository.RepositoryUri':
        return `${this.account()}.dkr.ecr.${this.region()}.${this.ref('AWS::URLSuffix')}/${name()}`;
      case 'AWS::S3::Bucket.Arn':
        return `arn:${this.partition()}:s3:::${name()}`;
      case 'AWS::SecretsManager::Secret.Id':
      case 'AWS::EC2::VPCEndpoint.Id':
      case 'AWS::EC2::VPC.VpcId':
      case 'AWS::EC2::SecurityGroup.GroupId':
        return this.ref(resource, depth + 1);
      default:
        return type === undefined
          ? this.unresolved(symbol(`GetAtt ${resource}.${attribute}`), `Fn::GetAtt ${resource}.${attribute}, not a resource of the input`)
          : symbol(`GetAtt ${resource}.${attribute}`);
    }
  }

  /** The ARN of a role of the template: `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`. */
  roleArn(resource: string, depth = 0): string {
    const rawPath = this.property(resource, 'Path');
    let path = rawPath === undefined ? '/' : this.once(`${resource}.Path`, () => this.text(rawPath, depth + 1));
    if (!path.startsWith('/')) path = `/${path}`;
    if (!path.endsWith('/')) path = `${path}/`;
    return `arn:${this.partition()}:iam::${this.account()}:role${path}${this.ref(resource, depth + 1)}`;
  }

  partition(): string {
    return this.ref('AWS::Partition');
  }

  region(): string {
    return this.ref('AWS::Region');
  }

  account(): string {
    return this.ref('AWS::AccountId');
  }

  resourceType(id: string): string | undefined {
    const resource = own(this.context.resources, id);
    const type = own(resource, 'Type');
    return typeof type === 'string' ? type : undefined;
  }

  /** A property of a resource as written, or undefined. */
  property(id: string, name: string): unknown {
    const resource = own(this.context.resources, id);
    const properties = own(resource, 'Properties');
    return own(properties, name);
  }

  private nameOf(resource: string, property: string, depth: number): string {
    const raw = this.property(resource, property);
    // Without the property CloudFormation generates the name at deploy time.
    if (raw === undefined) return symbol(`Ref ${resource}`);
    return this.once(`${resource}.${property}`, () => this.text(raw, depth + 1));
  }

  /**
   * A resource's own value, computed once: names that refer to each other (or to themselves, in a
   * hostile template) end in a symbol instead of recursing, and a chain of them costs its length.
   */
  private once(key: string, compute: () => string): string {
    const cached = this.computed.get(key);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(key)) return symbol(key);
    this.inProgress.add(key);
    try {
      const value = compute();
      this.computed.set(key, value);
      return value;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** A secret's ARN ends in the name and a random six-character suffix: `secret:NAME-AbCdEf`. */
  private secretArn(resource: string, depth: number): string {
    const raw = this.property(resource, 'Name');
    const name = raw === undefined ? symbol(`Name ${resource}`) : this.once(`${resource}.Name`, () => this.text(raw, depth + 1));
    return `arn:${this.partition()}:secretsmanager:${this.region()}:${this.account()}:secret:${name}-${symbol(`suffix ${resource}`)}`;
  }

  private symbolic(intrinsic: Readonly<Record<string, unknown>>, depth: number): unknown {
    const [name, arg] = Object.entries(intrinsic)[0]!;
    switch (name) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg, depth) : generic(name, arg);
      case 'Fn::GetAtt': {
        const parts = Array.isArray(arg) ? arg : typeof arg === 'string' ? splitOnce(arg) : [];
        const [resource, attribute] = parts;
        return typeof resource === 'string' && typeof attribute === 'string' ? this.getAtt(resource, attribute, depth) : generic(name, arg);
      }
      case 'Fn::Sub':
        return this.sub(arg, depth);
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return generic(name, arg);
        const items = this.value(arg[1], depth + 1);
        if (!Array.isArray(items)) return generic(name, arg);
        return items
          .map((item) => (typeof item === 'string' ? item : typeof item === 'number' || typeof item === 'boolean' ? String(item) : generic('item', item)))
          .join(arg[0]);
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return generic(name, arg);
        const index = Number(this.value(arg[0], depth + 1));
        const items = this.value(arg[1], depth + 1);
        return Array.isArray(items) && Number.isInteger(index) && index >= 0 && index < items.length ? items[index] : generic(name, arg);
      }
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return generic(name, arg);
        const condition = evaluateCondition(arg[0], this.context);
        if (condition === undefined) this.assumedConditions.add(arg[0]);
        return this.value(condition === false ? arg[2] : arg[1], depth + 1);
      }
      case 'Fn::ImportValue': {
        const exported = this.text(arg, depth + 1);
        return this.unresolved(symbol(`ImportValue ${exported}`), `Fn::ImportValue ${exported}, exported by a stack not in the input`);
      }
      case TERRAFORM_UNKNOWN: {
        // A Terraform plan's value known only after apply (src/template/terraform-as-template.ts).
        const what = typeof arg === 'string' ? arg : (JSON.stringify(arg) ?? 'a value');
        return this.unresolved(symbol(what.replace(/, known only after terraform apply$/, '')), what);
      }
      default:
        return this.unresolved(generic(name, arg), `${name}, computed only at deploy time`);
    }
  }

  private sub(arg: unknown, depth: number): string {
    const template = Array.isArray(arg) ? arg[0] : arg;
    const variables = Array.isArray(arg) && isRecord(arg[1]) ? arg[1] : {};
    if (typeof template !== 'string') return generic('Fn::Sub', arg);
    return template.replace(SUB_VARIABLE, (_, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const variable = inner.trim();
      const given = own(variables, variable);
      if (given !== undefined) return this.text(given, depth + 1);
      if (variable.includes('.') && !variable.startsWith('AWS::')) {
        const [resource, attribute] = splitOnce(variable);
        return this.getAtt(resource!, attribute!, depth + 1);
      }
      return this.ref(variable, depth + 1);
    });
  }
}

/** `Resource.Attribute.With.Dots` -> ['Resource', 'Attribute.With.Dots']. */
function splitOnce(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

/** An intrinsic the check does not compute: one symbol for its text, the same wherever it is written the same. */
function generic(name: string, arg: unknown): string {
  return symbol(`${name.replace(/^Fn::/, '')} ${JSON.stringify(arg) ?? ''}`);
}
