/**
 * Where a file's test names are, so the 120-column rule (code-style.test.ts) leaves them whole: a name
 * split to fit cannot be searched for. A test name is the first argument of a call whose second
 * argument is a function, as in it(name, fn), describe(name, fn) or it.each(table)(name, fn), when
 * that argument is one string or template literal written on one line.
 */
import ts from "typescript";

/** How many characters of each line (1-based) are test names. */
export function testNameWidths(fileName: string, source: string): Map<number, number> {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const widths = new Map<number, number>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isTestName(node)) {
      const name = node.arguments[0]!;
      const start = file.getLineAndCharacterOfPosition(name.getStart(file)).line;
      const end = file.getLineAndCharacterOfPosition(name.getEnd()).line;
      if (start === end) widths.set(start + 1, (widths.get(start + 1) ?? 0) + name.getWidth(file));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return widths;
}

function isTestName(call: ts.CallExpression): boolean {
  const [name, body] = call.arguments;
  return (
    name !== undefined &&
    body !== undefined &&
    (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isTemplateExpression(name)) &&
    (ts.isArrowFunction(body) || ts.isFunctionExpression(body))
  );
}
