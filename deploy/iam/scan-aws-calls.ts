// Finds every AWS SDK v3 operation a TypeScript source can send: `new XxxCommand(...)` and
// `paginateXxx(...)` whose identifier is imported from an `@aws-sdk/client-*` package (named,
// aliased, namespace, or destructured from a dynamic import). It reads the syntax tree, so
// formatting (a `new` split over lines, comments) does not matter. Anything that looks like a
// command but cannot be traced to a client package is reported as unresolved, never ignored.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface AwsCall {
  /** Repository-relative path, forward slashes. */
  file: string;
  line: number;
  /** `@aws-sdk/client-s3`. */
  pkg: string;
  /** The API operation, e.g. `GetBucketLogging`. */
  operation: string;
}

export interface Unresolved {
  file: string;
  line: number;
  text: string;
  reason: string;
}

export interface ScanResult {
  calls: AwsCall[];
  unresolved: Unresolved[];
}

const CLIENT_PACKAGE = /^@aws-sdk\/client-[a-z0-9-]+$/;
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIPPED_FILE = /(\.d\.ts|\.test\.tsx?|\.spec\.tsx?)$/;

interface Imported {
  pkg: string;
  name: string;
}

function isClientPackage(node: ts.Node | undefined): node is ts.StringLiteral {
  return Boolean(node && ts.isStringLiteral(node) && CLIENT_PACKAGE.test(node.text));
}

/** `import("@aws-sdk/client-x")`, possibly awaited. */
function dynamicImportPackage(expr: ts.Expression | undefined): string | undefined {
  let e = expr;
  while (e && (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
  if (
    e &&
    ts.isCallExpression(e) &&
    e.expression.kind === ts.SyntaxKind.ImportKeyword &&
    isClientPackage(e.arguments[0])
  )
    return e.arguments[0].text;
  return undefined;
}

function operationOf(name: string): { operation: string; kind: "command" | "paginator" | "waiter" } | null {
  const command = /^([A-Z][A-Za-z0-9]*)Command$/.exec(name);
  if (command) return { operation: command[1]!, kind: "command" };
  const paginator = /^paginate([A-Z][A-Za-z0-9]*)$/.exec(name);
  if (paginator) return { operation: paginator[1]!, kind: "paginator" };
  if (/^waitUntil[A-Z]/.test(name) || /^waitFor[A-Z]/.test(name)) return { operation: name, kind: "waiter" };
  return null;
}

/** Scans one source text. `file` is only used to label the results. */
export function scanSource(file: string, text: string): ScanResult {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const named = new Map<string, Imported>();
  const namespaces = new Map<string, string>();
  const calls: AwsCall[] = [];
  const unresolved: Unresolved[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

  // Pass 1: what each local identifier refers to.
  const collect = (node: ts.Node): void => {
    if (
      ts.isImportDeclaration(node) &&
      isClientPackage(node.moduleSpecifier) &&
      node.importClause &&
      !node.importClause.isTypeOnly
    ) {
      const pkg = node.moduleSpecifier.text;
      const bindings = node.importClause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, pkg);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          if (el.isTypeOnly) continue;
          named.set(el.name.text, { pkg, name: (el.propertyName ?? el.name).text });
        }
      }
    }
    if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      isClientPackage(node.moduleReference.expression)
    ) {
      namespaces.set(node.name.text, node.moduleReference.expression.text);
    }
    if (ts.isVariableDeclaration(node)) {
      let pkg = dynamicImportPackage(node.initializer);
      const init = node.initializer;
      if (
        !pkg &&
        init &&
        ts.isCallExpression(init) &&
        ts.isIdentifier(init.expression) &&
        init.expression.text === "require" &&
        isClientPackage(init.arguments[0])
      ) {
        pkg = init.arguments[0].text;
      }
      if (pkg && ts.isIdentifier(node.name)) namespaces.set(node.name.text, pkg);
      if (pkg && ts.isObjectBindingPattern(node.name)) {
        for (const el of node.name.elements) {
          if (!ts.isIdentifier(el.name)) continue;
          const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
          named.set(el.name.text, { pkg, name: imported });
        }
      }
    }
    ts.forEachChild(node, collect);
  };
  collect(source);

  const resolve = (callee: ts.Expression): Imported | null => {
    if (ts.isIdentifier(callee)) return named.get(callee.text) ?? null;
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const pkg = namespaces.get(callee.expression.text);
      return pkg ? { pkg, name: callee.name.text } : null;
    }
    return null;
  };
  const calleeName = (callee: ts.Expression): string | null =>
    ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;

  // Pass 2: the sends.
  const visit = (node: ts.Node): void => {
    const isNew = ts.isNewExpression(node);
    if (isNew || ts.isCallExpression(node)) {
      const callee = node.expression;
      const line = lineOf(node);
      const textAt = () => node.getText(source).split("\n")[0]!.slice(0, 120);
      // What the identifier really is (an alias is resolved to its imported name).
      const imported = resolve(callee);
      const name = imported?.name ?? calleeName(callee);
      const op = name ? operationOf(name) : null;
      const relevant = op && (isNew ? op.kind === "command" : op.kind !== "command");
      if (relevant && !imported) {
        // A `…Command` (or paginator) built from something other than an SDK client package.
        if (op.kind !== "waiter")
          unresolved.push({
            file,
            line,
            text: textAt(),
            reason: `${name} is not imported from an @aws-sdk/client-* package`,
          });
      } else if (relevant && imported && op.kind === "waiter") {
        unresolved.push({
          file,
          line,
          text: textAt(),
          reason: `${name}: waiters send operations of their own; list them explicitly`,
        });
      } else if (relevant && imported) {
        calls.push({ file, line, pkg: imported.pkg, operation: op.operation });
      } else if (imported && isNew && !/Client$/.test(imported.name)) {
        unresolved.push({
          file,
          line,
          text: textAt(),
          reason: `new ${imported.name} of ${imported.pkg} is neither a command nor a client`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { calls, unresolved };
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (SOURCE_FILE.test(entry.name) && !SKIPPED_FILE.test(entry.name)) out.push(full);
  }
}

/** Scans files and directories (relative to `root`), skipping tests, declarations and generated code. */
export function scanPaths(root: string, entries: readonly string[]): ScanResult {
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(root, entry);
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory()) walk(full, files);
    else if (statSync(full, { throwIfNoEntry: false })?.isFile()) files.push(full);
  }
  const result: ScanResult = { calls: [], unresolved: [] };
  for (const file of files.sort()) {
    const rel = path.relative(root, file).split(path.sep).join("/");
    const r = scanSource(rel, readFileSync(file, "utf8"));
    result.calls.push(...r.calls);
    result.unresolved.push(...r.unresolved);
  }
  return result;
}
