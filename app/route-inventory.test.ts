import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { operationServedBy } from "@/lib/api/http";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { routeFolderOf, type ApiOperation } from "@/lib/api/operation";
import { apiOperations } from "@/lib/api/operations/all";
import { roles } from "@/lib/auth/roles";
import { routeInventory } from "@/e2e/route-inventory";

const root = process.cwd();

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? walk(path.join(dir, entry.name))
        : Promise.resolve([path.join(dir, entry.name)]),
    ),
  );
  return nested.flat();
}

function parse(file: string, text: string) {
  return ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

function exportedNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of source.statements) {
    const exported =
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isVariableStatement(statement) && exported) {
      for (const declaration of statement.declarationList.declarations)
        names.push(declaration.name.getText(source));
    } else if (ts.isFunctionDeclaration(statement) && exported && statement.name) {
      names.push(statement.name.text);
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) names.push(element.name.text);
    }
  }
  return names;
}

/** app/(group)/settings/[id]/page.tsx -> /settings/[id] */
function routePathOf(file: string): string {
  const segments = path
    .dirname(path.relative("app", file))
    .split(path.sep)
    .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

const httpMethods = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

describe("route inventory: every route refuses anonymous and under-privileged callers", () => {
  it("lists every page and route handler in app/, and nothing that is not there", async () => {
    const files = (await walk("app")).filter((file) => /\/(page\.tsx|route\.ts)$/.test(file));
    const found = new Set<string>();
    for (const file of files) {
      if (file.endsWith("page.tsx")) {
        found.add(`PAGE ${routePathOf(file)}`);
      } else {
        const methods = exportedNames(parse(file, await readFile(file, "utf8"))).filter((name) =>
          httpMethods.has(name),
        );
        for (const method of methods) found.add(`${method} ${routePathOf(file)}`);
      }
    }
    const listed = new Set(
      routeInventory.map(
        (entry) => `${entry.kind === "page" ? "PAGE" : entry.method} ${entry.route}`,
      ),
    );
    expect([...found].sort()).toEqual([...listed].sort());
    for (const entry of routeInventory)
      expect(entry.minRole === "public" || roles.includes(entry.minRole)).toBe(true);
  });

  it("guards every page first thing with requirePageRole at the role the inventory states", async () => {
    const pages = (await walk("app")).filter((file) => file.endsWith("page.tsx"));
    for (const file of pages) {
      const entry = routeInventory.find(
        (candidate) => candidate.kind === "page" && candidate.route === routePathOf(file),
      );
      const text = await readFile(file, "utf8");
      if (entry?.minRole === "public") continue;
      // Formatting may break the call across lines: the role is the first argument either way.
      expect(text, file).toMatch(new RegExp(`await requirePageRole\\(\\s*"${entry?.minRole}"`));
    }
  });

  it("builds every /api/v1 handler with handlerOf from the declared operation of its method and folder, and serves every declared operation", async () => {
    const handlers = (await walk("app/api/v1")).filter((file) => file.endsWith("route.ts"));
    const served: ApiOperation[] = [];
    for (const file of handlers) {
      const routeModule = (await import(path.join(root, file))) as Record<string, unknown>;
      const methods = exportedNames(parse(file, await readFile(file, "utf8"))).filter((name) =>
        httpMethods.has(name),
      );
      expect(methods.length, file).toBeGreaterThan(0);
      for (const method of methods) {
        const operation = operationServedBy(routeModule[method]);
        expect(
          operation,
          `${file} ${method}: \`export const ${method} = handlerOf(operation, ...)\``,
        ).toBeDefined();
        expect(
          `${operation?.method} ${routeFolderOf(operation?.path ?? "")}`,
          `${file} ${method}`,
        ).toBe(`${method} ${routePathOf(file)}`);
        const entry = routeInventory.find(
          (candidate) =>
            candidate.kind === "api" &&
            candidate.method === method &&
            candidate.route === routePathOf(file),
        );
        expect(entry?.minRole, `${file} ${method}`).toBe(operation?.role);
        served.push(operation!);
      }
    }
    expect(new Set(served).size).toBe(served.length);
    expect(served.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
      apiOperations.map(({ method, path }) => `${method} ${path}`).sort(),
    );
  });

  it("documents every declared operation in OpenAPI at its role", () => {
    const paths = buildOpenApiDocument().paths as Record<
      string,
      Record<string, { description: string }>
    >;
    const documented = Object.entries(paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(
        ([method, entry]) => `${method.toUpperCase()} ${route} ${entry.description}`,
      ),
    );
    expect(documented.sort()).toEqual(
      apiOperations
        .map(
          (operation) =>
            `${operation.method} ${operation.path} Needs the ${operation.role} role or higher.`,
        )
        .sort(),
    );
  });

  it("builds every server action with guardedCall (the role check and the storable-text check)", async () => {
    const actionFiles = (await walk("lib")).filter((file) => file.endsWith("actions.ts"));
    for (const file of actionFiles) {
      const source = parse(file, await readFile(file, "utf8"));
      expect(source.statements[0]?.getText(source), file).toMatch(/^["']use server["'];?$/);
      for (const statement of source.statements) {
        const exported =
          ts.canHaveModifiers(statement) &&
          ts
            .getModifiers(statement)
            ?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
        if (!exported) continue;
        expect(
          ts.isVariableStatement(statement),
          `${file}: only \`export const x = guardedCall(...)\``,
        ).toBe(true);
        for (const declaration of (statement as ts.VariableStatement).declarationList
          .declarations) {
          const init = declaration.initializer;
          expect(
            init && ts.isCallExpression(init) && init.expression.getText(source) === "guardedCall",
            `${file} ${declaration.name.getText(source)}`,
          ).toBe(true);
          const role = (init as ts.CallExpression).arguments[0]
            ?.getText(source)
            .replaceAll('"', "");
          expect(
            roles as readonly string[],
            `${file} ${declaration.name.getText(source)}`,
          ).toContain(role);
        }
      }
    }
  });
});
