import { z } from "zod";
import { pathParamNames } from "@/lib/api/operation";
import { apiOperations } from "@/lib/api/operations/all";
import { appVersion } from "@/lib/env";

/** Dates are sent as ISO 8601 strings; zod's date type has no JSON Schema of its own. */
function requestBodySchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    override: (context) => {
      if (context.zodSchema._zod.def.type === "date")
        Object.assign(context.jsonSchema, { type: "string", format: "date-time" });
    },
  });
}

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        fields: {
          type: "object",
          additionalProperties: { type: "array", items: { type: "string" } },
        },
      },
    },
  },
};

const commonErrors = {
  401: "Not signed in, or the API token is not valid",
  403: "The caller's role is too low",
  413: "Body too large",
  415: "Body is not JSON",
  422: "Validation failed; `fields` says which",
  503: "Database unreachable",
};

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of apiOperations) {
    const parameters: Record<string, unknown>[] = pathParamNames(operation.path).map((name) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (operation.idempotencyKey) {
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description: "Wins over `idempotencyKey` in the body",
        schema: { type: "string", minLength: 8, maxLength: 200 },
      });
    }
    const documentedBody = operation.documentedBody ?? operation.body;
    const errors = documentedBody
      ? commonErrors
      : { 401: commonErrors[401], 403: commonErrors[403], 503: commonErrors[503] };
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = {
      summary: operation.summary,
      description: `Needs the ${operation.role} role or higher.`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(documentedBody
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: requestBodySchema(documentedBody) } },
            },
          }
        : {}),
      responses: {
        ...Object.fromEntries(
          Object.entries(operation.responses).map(([status, description]) => [
            status,
            { description },
          ]),
        ),
        ...Object.fromEntries(
          Object.entries(errors).map(([status, description]) => [
            status,
            {
              description,
              content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
            },
          ]),
        ),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Vigil API", version: appVersion },
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "An API token from Settings → API tokens",
        },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
