import { z } from "zod";
import { customObjectiveMaxLength, teamModes } from "@/lib/board/labels";
import { isHttpUrl } from "@/lib/markdown";

// ---- What HoloMesh answers (validated: a 502 HTML page or malformed JSON is a clear error, never a crash) ----

const isoOrNull = z.string().nullable().optional().catch(null);

export const holoMeshTaskSchema = z.object({
  id: z.string(),
  title: z.string().catch(""),
  status: z.string(),
  priority: z.number().nullable().optional().catch(null),
  claimedByName: z.string().nullable().optional().catch(null),
});

export const holoMeshModeHistoryEntrySchema = z.object({
  mode: z.string(),
  at: isoOrNull,
  by: z.string().nullable().optional().catch(null),
  byAgentId: z.string().nullable().optional().catch(null),
  source: z.string().nullable().optional().catch(null),
  reason: z.string().nullable().optional().catch(null),
  previousMode: z.string().nullable().optional().catch(null),
});

export const holoMeshBoardSchema = z.object({
  success: z.literal(true).optional(),
  teamId: z.string().optional(),
  name: z.string().optional().catch(undefined),
  tasks: z.array(holoMeshTaskSchema).catch([]),
  done_count: z.number().int().nonnegative().optional().catch(undefined),
  mode: z.string().nullable().optional(),
  objective: z.string().nullable().optional(),
  modeChangedAt: isoOrNull,
  modeChangedBy: z.string().nullable().optional().catch(null),
  modeChangeSource: z.string().nullable().optional().catch(null),
  modeHistory: z.array(holoMeshModeHistoryEntrySchema).catch([]),
});

export const holoMeshModeAnswerSchema = z.object({
  success: z.literal(true),
  mode: z.string(),
  objective: z.string().optional(),
  unchanged: z.boolean().optional(),
  hint: z.string().optional(),
});

export const holoMeshRoomAnswerSchema = z.object({
  success: z.literal(true),
  objective: z.string().optional(),
  communicationStyle: z.string().optional(),
});

export const holoMeshErrorSchema = z.object({ error: z.string() });

// ---- Vigil's inputs ----

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const changeBoardModeSchema = z.object({
  mode: z.enum(teamModes, { message: `Choose one of the nine modes: ${teamModes.join(", ")}.` }),
  objective: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "Write the objective as text, or leave it blank for the mode's preset." })
      .trim()
      .min(1, "Write the objective, or leave it blank for the mode's preset.")
      .max(
        customObjectiveMaxLength,
        `A custom objective is at most ${customObjectiveMaxLength} characters.`,
      )
      .optional(),
  ),
  reason: z
    .string({ error: "Say why the team changes mode." })
    .trim()
    .min(3, "Say why the team changes mode.")
    .max(500, "Keep the reason under 500 characters."),
  idempotencyKey: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "The idempotency key is text." })
      .trim()
      .min(8, "An idempotency key is 8 to 200 characters.")
      .max(200, "An idempotency key is 8 to 200 characters.")
      .optional(),
  ),
  incidentId: z.preprocess(
    blankToUndefined,
    z.string({ error: "No such incident." }).uuid("No such incident.").optional(),
  ),
});

export const holoMeshConnectionInputSchema = z.object({
  version: z.coerce.number().int().min(1),
  baseUrl: z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => isHttpUrl(value), "Enter an http(s) URL such as https://mcp.holoscript.net.")
    .transform((value) => value.replace(/\/+$/, "")),
  teamId: z
    .string()
    .trim()
    .min(1, "Enter the team id (team_…).")
    .max(200)
    .regex(/^[A-Za-z0-9_.:-]+$/, "Team ids use letters, digits and _ . : -"),
  /** Blank keeps the stored key. */
  apiKey: z.preprocess(
    blankToUndefined,
    z.string().trim().min(8, "That is too short for a HoloMesh API key.").max(500).optional(),
  ),
  clearApiKey: z
    .preprocess((value) => value === true || value === "true" || value === "on", z.boolean())
    .default(false),
});
