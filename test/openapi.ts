import { buildOpenApiDocument } from "@/lib/api/openapi";

/** The parts of an OpenAPI operation the tests read: its parameters and its JSON request body. */
export type OpenApiOperation = {
  parameters?: { name: string; in: string }[];
  requestBody?: {
    content: Record<
      string,
      { schema: { properties: Record<string, unknown>; required?: string[] } }
    >;
  };
};

/** The operation at `path` and `method` (lower case) in the document Vigil serves, if there is one. */
export function openApiOperation(path: string, method: string): OpenApiOperation | undefined {
  const paths = buildOpenApiDocument().paths as Record<
    string,
    Record<string, OpenApiOperation> | undefined
  >;
  return paths[path]?.[method];
}

/** The schema of the JSON body the operation at `path` and `method` takes. */
export function openApiBodySchema(path: string, method: string) {
  return openApiOperation(path, method)?.requestBody?.content["application/json"]?.schema;
}
