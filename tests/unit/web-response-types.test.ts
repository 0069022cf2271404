/**
 * The browser app reads the API through types inferred from the server's zod response schemas
 * (`z.infer<typeof Lease>`, a `Pick<>` or an indexed access of one), never through copies typed
 * by hand: a copy drifts silently when the server adds, renames or narrows a field.
 *
 * Two rules, read from the TypeScript syntax of every file of web/src:
 * 1. the type given to a call of the API client (`api.get<T>`, `api.post<T>`, …, `fetchAllPages<T>`,
 *    `pagedList<T>`) never reaches an object type written in web/src (`{ … }` inline, or a
 *    `type X = { … }` of the same file or of a web file it imports);
 * 2. no object type written in web/src copies an answer of the API: a `type X = { … }` or an
 *    interface whose fields (three or more) are all fields of one object of a 2xx JSON answer of
 *    /api/openapi.json. Form state and UI shapes have fields of their own and are not caught.
 *
 * `handWrittenOnPurpose` names the types that rule 2 would take for copies, with the reason.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { servedOpenApiDocument } from "../support/openapi-spec";

const root = fileURLToPath(new URL("../../", import.meta.url));
const webRoot = join(root, "web/src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

type WebFile = {
  path: string;
  source: ts.SourceFile;
  /** the file's own type aliases and interfaces, by name */
  declarations: Map<string, ts.TypeAliasDeclaration | ts.InterfaceDeclaration>;
  /** local name → [web file it is imported from, name exported there] */
  webImports: Map<string, [string, string]>;
};

const files = new Map<string, WebFile>();
for (const path of sourceFiles(webRoot)) {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const declarations = new Map<string, ts.TypeAliasDeclaration | ts.InterfaceDeclaration>();
  const webImports = new Map<string, [string, string]>();
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement))
      declarations.set(statement.name.text, statement);
    if (
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      statement.moduleSpecifier.text.startsWith(".")
    ) {
      const target = `${resolve(dirname(path), statement.moduleSpecifier.text)}.ts`;
      if (!target.startsWith(webRoot)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements)
          webImports.set(element.name.text, [target, (element.propertyName ?? element.name).text]);
    }
  }
  files.set(path, { path, source, declarations, webImports });
}

const where = (file: WebFile, node: ts.Node) =>
  `${relative(root, file.path)}:${file.source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

/** The object types written in web/src that a type node reaches (through aliases and imports). */
function handWrittenObjects(file: WebFile, type: ts.Node, seen = new Set<string>()): string[] {
  if (ts.isTypeLiteralNode(type)) return [where(file, type)];
  // `typeof X` inside z.infer<…>: the server's schema, the end of the walk
  if (ts.isTypeQueryNode(type)) return [];
  const found: string[] = [];
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    let owner: WebFile | undefined = file;
    let declared = name;
    if (!file.declarations.has(name)) {
      const imported = file.webImports.get(name);
      owner = imported ? files.get(imported[0]) : undefined;
      declared = imported?.[1] ?? name;
    }
    const declaration = owner?.declarations.get(declared);
    const key = `${owner?.path}#${declared}`;
    if (owner && declaration && !seen.has(key)) {
      seen.add(key);
      if (ts.isInterfaceDeclaration(declaration)) found.push(where(owner, declaration));
      else found.push(...handWrittenObjects(owner, declaration.type, seen));
    }
  }
  ts.forEachChild(type, (child) => {
    if (ts.isTypeNode(child)) found.push(...handWrittenObjects(file, child, seen));
  });
  return found;
}

const API_METHODS = new Set(["get", "post", "put", "patch", "delete"]);
const LIST_READERS = new Set(["fetchAllPages", "pagedList"]);

/** Each call of the API client with a type argument, and the hand-written objects it reaches. */
function apiCallTypes(file: WebFile): { call: string; reaches: string[] }[] {
  const calls: { call: string; reaches: string[] }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.typeArguments?.length) {
      const callee = node.expression;
      const isClient =
        (ts.isPropertyAccessExpression(callee) &&
          API_METHODS.has(callee.name.text) &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === "api") ||
        (ts.isIdentifier(callee) && LIST_READERS.has(callee.text));
      if (isClient) {
        const [first] = node.typeArguments;
        calls.push({
          call: `${where(file, node)} ${callee.getText(file.source).replace(/\s+/g, "")}`,
          reaches: first ? handWrittenObjects(file, first) : [],
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file.source);
  return calls;
}

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
const spec = (await servedOpenApiDocument()) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** The fields an `allOf` brings together, its referenced branches included. */
function allOfFields(schema: Schema, seen = new Set<string>()): string[] {
  return (schema.allOf ?? []).flatMap((branch) => {
    if (branch.$ref) {
      if (seen.has(branch.$ref)) return [];
      const target = spec.components.schemas[branch.$ref.split("/").pop() ?? ""];
      return target
        ? [...Object.keys(target.properties ?? {}), ...allOfFields(target, new Set([...seen, branch.$ref]))]
        : [];
    }
    return [...Object.keys(branch.properties ?? {}), ...allOfFields(branch, seen)];
  });
}

/** The field names of every object, at any depth, of every 2xx JSON answer of the API. */
function responseObjects(): { at: string; fields: Set<string> }[] {
  const objects: { at: string; fields: Set<string> }[] = [];
  const walk = (schema: Schema | boolean | undefined, at: string, seen: Set<string>) => {
    if (!schema || typeof schema !== "object") return;
    if (schema.$ref) {
      if (seen.has(schema.$ref)) return;
      const name = schema.$ref.split("/").pop() ?? "";
      return walk(spec.components.schemas[name], name, new Set([...seen, schema.$ref]));
    }
    for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
      walk(branch, at, seen);
    walk(schema.items, `${at}[]`, seen);
    walk(schema.additionalProperties, `${at}.*`, seen);
    const properties = Object.entries(schema.properties ?? {});
    // an extended schema (Lease.extend → allOf [Lease, { its own fields }]) answers all of them
    const fields = new Set([...properties.map(([name]) => name), ...allOfFields(schema)]);
    if (fields.size > 0) objects.push({ at, fields });
    for (const [name, property] of properties) walk(property, `${at}.${name}`, seen);
  };
  for (const [path, operations] of Object.entries(spec.paths))
    for (const [method, operation] of Object.entries(operations))
      for (const [status, response] of Object.entries(operation.responses ?? {}))
        for (const [type, media] of Object.entries(response.content ?? {}))
          if (status.startsWith("2") && type.includes("json"))
            walk(media.schema, `${method.toUpperCase()} ${path}`, new Set());
  return objects;
}

/** The field names an object type written by hand declares (its own members, not nested ones). */
function memberNames(members: ts.NodeArray<ts.TypeElement>): string[] {
  return members.flatMap((member) =>
    ts.isPropertySignature(member) && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
      ? [member.name.text]
      : [],
  );
}

const MIN_FIELDS = 3;

/** Each `type X = { … }` or interface of web/src that is a copy of an object the API answers. */
function copiesOfAnswers(): Record<string, string> {
  const objects = responseObjects();
  const copies: Record<string, string> = {};
  for (const file of files.values())
    for (const [name, declaration] of file.declarations) {
      const members = ts.isInterfaceDeclaration(declaration)
        ? declaration.members
        : ts.isTypeLiteralNode(declaration.type)
          ? declaration.type.members
          : undefined;
      if (!members) continue;
      const fields = memberNames(members);
      if (fields.length < MIN_FIELDS) continue;
      const copied = objects.find((object) => fields.every((field) => object.fields.has(field)));
      if (copied) copies[`${relative(root, file.path)} ${name}`] = copied.at;
    }
  return copies;
}

/**
 * None today. The client's own `Problem` (web/src/lib/api.ts) describes error answers, which rule 2
 * does not read: it normalises any failure, the network's included, into one shape.
 */
const handWrittenOnPurpose: Record<string, string> = {};

describe("the web app's response types come from the server's schemas", () => {
  it("reads the web app's files", () => {
    expect(files.size).toBeGreaterThan(40);
    expect([...files.values()].flatMap(apiCallTypes).length).toBeGreaterThan(100);
  });

  it("no call of the API client is typed with an object type written by hand", () => {
    const offenders = [...files.values()]
      .flatMap(apiCallTypes)
      .filter(({ reaches }) => reaches.length > 0)
      .map(({ call, reaches }) => `${call} → ${reaches.join(", ")}`);
    expect(offenders).toEqual([]);
  });

  it("no type written in web/src copies the fields of an API answer", () => {
    const copies = copiesOfAnswers();
    const unexplained = Object.keys(copies)
      .filter((name) => !(name in handWrittenOnPurpose))
      .map((name) => `${name} copies ${copies[name]}`);
    expect(unexplained).toEqual([]);
  });

  it("every type kept by hand on purpose still exists and still looks like an answer", () => {
    const copies = copiesOfAnswers();
    expect(Object.keys(handWrittenOnPurpose).filter((name) => !(name in copies))).toEqual([]);
  });
});
