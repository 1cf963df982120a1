/**
 * Path globs for config files and the command line: `*` (any run within one folder name), `?`
 * (one character but `/`), `**` (any number of folders). Paths use `/`, relative to the current
 * folder; a pattern ending in `/` means everything below that folder.
 */

/** True when `text` holds a glob character, so it is a pattern rather than a path. */
export const hasGlobMagic = (text: string): boolean => /[*?]/.test(text);

/** A path with `/` separators and without a leading `./`. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

/** The glob as an anchored regular expression over normalized paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = normalizePath(glob);
  if (pattern.endsWith('/')) pattern += '**';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      const wholeSegment = (i === 0 || pattern[i - 1] === '/') && (i + 2 === pattern.length || pattern[i + 2] === '/');
      if (wholeSegment && pattern[i + 2] === '/') {
        out += '(?:[^/]*/)*'; // `**/`: zero or more folders
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 's');
}

/** The folder to start walking from: the pattern's leading segments without glob characters (`.` if none). */
export function globBase(glob: string): string {
  const segments = normalizePath(glob).split('/');
  const fixed: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (hasGlobMagic(s)) break;
    fixed.push(s);
  }
  if (fixed.length === 0) return glob.startsWith('/') ? '/' : '.';
  return fixed.join('/') || '/';
}
