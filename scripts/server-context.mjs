// Vigil's own Node entry points (the server wrapper, the CLI, the worker, scripts and benches) run server code outside
// the Next.js bundler. `import "server-only"` marks the modules a client bundle must never include (the build fails on
// such an import); here, as in the bundler's server build, it resolves to the package's empty module.
import { register } from "node:module";

const hooks = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return nextResolve(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url);
