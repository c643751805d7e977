import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as SchemaEngineBindings from "@prisma/schema-engine-wasm";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

type WasmBindings = typeof SchemaEngineBindings & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

let bindings: Promise<WasmBindings> | undefined;

// The package's entry imports the .wasm file as an ES module, which Node 20 only allows behind
// --experimental-wasm-modules. Instantiating it by hand works on every Node version without a flag.
function loadBindings(): Promise<WasmBindings> {
  bindings ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = bgPath.replace(/\.js$/, ".wasm");
    const bg =
      (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as WasmBindings;
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return bindings;
}

export async function openSchemaEngine(
  connectionString: string,
  schemaText = "",
): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadBindings();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  return SchemaEngine.new(
    { datamodels: schemaText ? [["schema.prisma", schemaText]] : undefined },
    () => {},
    adapter,
  );
}
