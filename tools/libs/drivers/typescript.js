// lib: typescript/lib/typescript.js
// The TypeScript compiler (a 9 MB plain script) transpiles TypeScript to ES5
// and ES2020, walks a syntax tree and reports syntax errors.
var src = [
  'interface Point { x: number; y?: string }',
  'enum Color { Red = 1, Green, Blue = "b" }',
  'abstract class Shape<T extends Point = Point> implements Iterable<number> {',
  '  private static count = 0; protected readonly id: number;',
  '  constructor(public name: string, private p?: T) { this.id = Shape.count++; }',
  '  abstract area(): number;',
  '  *[Symbol.iterator]() { yield this.area(); }',
  '  get label(): string { return `${this.name}#${this.id}`; }',
  '}',
  'namespace NS { export const v = 1; }',
  'async function f(a: number, ...rest: string[]): Promise<void> { for await (const x of gen()) console.log(x as any); }',
  'const tuple: [number, string] = [1, "a"]; let u: number | undefined = tuple?.[0] ?? 2;',
  'function dec(target: any) {} @dec class D { @dec m() {} }',
  'export default Shape;'
].join('\n');
var out = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.CommonJS, experimentalDecorators: true, downlevelIteration: true } });
console.log(out.outputText);
var out2 = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, experimentalDecorators: true } });
console.log(out2.outputText);
var sf = ts.createSourceFile('x.ts', src, ts.ScriptTarget.Latest, true);
var kinds = [];
(function walk(n, d) { if (d < 3) kinds.push(ts.SyntaxKind[n.kind]); ts.forEachChild(n, function (c) { walk(c, d + 1); }); })(sf, 0);
console.log(kinds.join(' '));
var diags = ts.transpileModule('let x: = 1; function (', { reportDiagnostics: true }).diagnostics;
console.log(diags.map(function (d) { return d.start + ' ' + ts.flattenDiagnosticMessageText(d.messageText, '\n'); }).join('\n'));
console.log(ts.version);
