import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The public API as the TypeScript compiler sees it: every name the two entries export, with its
 * kind and type (a function's signatures, an interface's members one level deep). A change to it
 * must be deliberate: regenerate the snapshot with UPDATE_GOLDEN=1 and review the diff.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRIES = ['src/index.ts', 'src/cdk/index.ts'];
const SNAPSHOT = path.join(__dirname, 'public-api.snapshot.txt');
const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType | ts.TypeFormatFlags.WriteArrayAsGenericType;

function describeExport(checker: ts.TypeChecker, exported: ts.Symbol, at: ts.Node): string[] {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const name = exported.getName();
  const lines: string[] = [];
  const show = (type: ts.Type) => checker.typeToString(type, at, FLAGS).replace(/import\("[^"]*"\)\./g, '');
  if (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable | ts.SymbolFlags.Class | ts.SymbolFlags.Enum)) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, at);
    const kind = symbol.flags & ts.SymbolFlags.Class ? 'class' : symbol.flags & ts.SymbolFlags.Function ? 'function' : 'const';
    const signatures = type.getCallSignatures();
    if (kind === 'function' && signatures.length > 0)
      for (const s of signatures) lines.push(`${kind} ${name}${checker.signatureToString(s, at, FLAGS).replace(/import\("[^"]*"\)\./g, '')}`);
    else if (kind === 'class') {
      for (const s of type.getConstructSignatures())
        lines.push(`class ${name} new${checker.signatureToString(s, at, FLAGS).replace(/import\("[^"]*"\)\./g, '')}`);
    } else {
      // A constant's type as written, or (inferred) cut short: the names of ADVISORIES' entries, not their texts.
      const declaration = symbol.valueDeclaration;
      const written = declaration && ts.isVariableDeclaration(declaration) && declaration.type ? declaration.type.getText() : undefined;
      const inferred = checker.typeToString(type, at, ts.TypeFormatFlags.UseFullyQualifiedType).replace(/import\("[^"]*"\)\./g, '');
      lines.push(`${kind} ${name}: ${written?.replace(/\s+/g, ' ') ?? (inferred.length > 200 ? `${inferred.slice(0, 200)}…` : inferred)}`);
    }
  }
  if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    if (symbol.flags & ts.SymbolFlags.Interface) {
      lines.push(`interface ${name}`);
      for (const member of checker.getPropertiesOfType(type).sort((a, b) => (a.getName() < b.getName() ? -1 : 1))) {
        const optional = member.flags & ts.SymbolFlags.Optional ? '?' : '';
        lines.push(`  ${member.getName()}${optional}: ${show(checker.getTypeOfSymbolAtLocation(member, at))}`);
      }
    } else {
      const declaration = symbol.declarations?.[0];
      const text = declaration && ts.isTypeAliasDeclaration(declaration) ? declaration.type.getText() : show(type);
      lines.push(`type ${name} = ${text.replace(/\s+/g, ' ')}`);
    }
  }
  return lines.length > 0 ? lines : [`other ${name}`];
}

function publicApi(): string {
  const program = ts.createProgram(
    ENTRIES.map((e) => path.join(ROOT, e)),
    {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      resolveJsonModule: true,
      esModuleInterop: true,
      skipLibCheck: true,
      allowJs: true,
      types: ['node'],
    },
  );
  const checker = program.getTypeChecker();
  const out: string[] = [];
  for (const entry of ENTRIES) {
    const source = program.getSourceFile(path.join(ROOT, entry))!;
    const module = checker.getSymbolAtLocation(source)!;
    out.push(`# ${entry}`);
    for (const exported of checker.getExportsOfModule(module).sort((a, b) => (a.getName() < b.getName() ? -1 : 1))) {
      out.push(...describeExport(checker, exported, source));
    }
  }
  // A unique symbol's member prints with the checker's internal symbol id, which any new file shifts.
  return `${out.join('\n')}\n`.replace(/__@(\w+)@\d+/g, '__@$1');
}

describe('the public API', () => {
  it('should match the committed snapshot (UPDATE_GOLDEN=1 regenerates it)', () => {
    const actual = publicApi();
    if (process.env['UPDATE_GOLDEN'] === '1' || !fs.existsSync(SNAPSHOT)) {
      if (process.env['UPDATE_GOLDEN'] !== '1') throw new Error(`${SNAPSHOT} is missing: run with UPDATE_GOLDEN=1 to write it`);
      fs.writeFileSync(SNAPSHOT, actual);
    }
    expect(actual).toBe(fs.readFileSync(SNAPSHOT, 'utf8'));
  });
});
