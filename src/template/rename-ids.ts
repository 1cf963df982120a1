import { isIntrinsic } from './intrinsics';
import { isRecord, own } from './stack-helpers';

/**
 * Renaming logical IDs in a template, with every reference to them: used where templates are read
 * as one (several --template files, nested stacks inlined into their parent).
 */

/** The sections whose keys are IDs a template refers to. */
export const TEMPLATE_SECTIONS = ['Parameters', 'Mappings', 'Conditions', 'Resources', 'Outputs'] as const;
const SECTIONS = TEMPLATE_SECTIONS;

// Beyond this depth a value is left as it is.
const MAX_DEPTH = 64;

const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? (value as Record<string, unknown>) : {});

/** `service-stack.yaml` -> `ServiceStack`: readable prefixes for renamed IDs. */
export function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const stem = base
    .replace(/\.(template\.)?(json|ya?ml|template)$/i, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
  return stem === '' ? 'Stack' : stem;
}

/** Every reference to a renamed ID (Ref, GetAtt, Sub variables, DependsOn, conditions, maps) and the section keys. */
export function renameIds(value: unknown, names: ReadonlyMap<string, string>, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  const to = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? id) : id);
  if (Array.isArray(value)) return value.map((v) => renameIds(v, names, depth + 1));
  if (!isRecord(value)) return value;
  if (isIntrinsic(value)) {
    const [fn, arg] = Object.entries(value)[0]!;
    switch (fn) {
      case 'Ref':
      case 'Condition':
        return { [fn]: to(arg) };
      case 'Fn::GetAtt':
        if (typeof arg === 'string') {
          const dot = arg.indexOf('.');
          return { [fn]: dot < 0 ? to(arg) : `${String(to(arg.slice(0, dot)))}${arg.slice(dot)}` };
        }
        return { [fn]: Array.isArray(arg) ? [to(arg[0]), ...arg.slice(1).map((a) => renameIds(a, names, depth + 1))] : arg };
      case 'Fn::Sub': {
        const text = Array.isArray(arg) ? arg[0] : arg;
        const variables = Array.isArray(arg) ? asRecord(arg[1]) : {};
        const replaced =
          typeof text === 'string'
            ? text.replace(/\$\{([^!}][^}.]*)(\.[^}]*)?\}/g, (whole, id: string, rest: string | undefined) =>
                own(variables, id) !== undefined ? whole : `\${${String(to(id))}${rest ?? ''}}`,
              )
            : text;
        return { [fn]: Array.isArray(arg) ? [replaced, renameIds(arg[1], names, depth + 1)] : replaced };
      }
      case 'Fn::If':
        return { [fn]: Array.isArray(arg) ? [to(arg[0]), ...arg.slice(1).map((a) => renameIds(a, names, depth + 1))] : arg };
      case 'Fn::FindInMap':
        return { [fn]: Array.isArray(arg) ? [to(arg[0]), ...arg.slice(1).map((a) => renameIds(a, names, depth + 1))] : arg };
      default:
        return { [fn]: renameIds(arg, names, depth + 1) };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (depth === 0 && (SECTIONS as readonly string[]).includes(key) && isRecord(inner)) {
      out[key] = Object.fromEntries(Object.entries(inner).map(([id, v]) => [to(id), renameResource(v, names, depth + 2)]));
    } else {
      out[key] = renameIds(inner, names, depth + 1);
    }
  }
  return out;
}

/** A resource (or output, condition) entry: its DependsOn and Condition name IDs too. */
function renameResource(value: unknown, names: ReadonlyMap<string, string>, depth: number): unknown {
  const renamed = renameIds(value, names, depth);
  if (!isRecord(renamed)) return renamed;
  const out = { ...renamed } as Record<string, unknown>;
  const to = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? id) : id);
  if (out['DependsOn'] !== undefined) out['DependsOn'] = Array.isArray(out['DependsOn']) ? out['DependsOn'].map(to) : to(out['DependsOn']);
  if (typeof out['Condition'] === 'string') out['Condition'] = to(out['Condition']);
  return out;
}
