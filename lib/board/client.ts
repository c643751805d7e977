import { z } from "zod";
import { scrubSecret } from "@/lib/board/crypto";
import {
  holoMeshBoardSchema,
  holoMeshErrorSchema,
  holoMeshModeAnswerSchema,
  holoMeshRoomAnswerSchema,
} from "@/lib/board/schema";
import type { HoloMeshBoard, TeamMode } from "@/lib/board/types";
import { probe, type ProbeResult } from "@/lib/outbound/http-client";
import { toPostgresText, withStorableStrings } from "@/lib/postgres-text";
import type { AllowRule } from "@/lib/outbound/policy";

export const holoMeshTimeoutMs = 10_000;
const defaultRetryDelaysMs = [300, 1_000];
const maxAnswerBytes = 1024 * 1024;

export type HoloMeshFailureKind =
  | "invalid_key"
  | "not_member"
  | "no_team"
  | "no_route"
  | "needs_config_write"
  | "signing_rejected"
  | "refused"
  | "rate_limited"
  | "server_error"
  | "bad_answer"
  | "timeout"
  | "unreachable"
  | "policy";

export type HoloMeshFailure = {
  ok: false;
  kind: HoloMeshFailureKind;
  httpStatus: number | null;
  message: string;
};
export type HoloMeshSuccess<T> = { ok: true; httpStatus: number; data: T };
export type HoloMeshResult<T> = HoloMeshSuccess<T> | HoloMeshFailure;

export type HoloMeshClientOptions = {
  baseUrl: string;
  teamId: string;
  apiKey: string;
  rules: AllowRule[];
  /** The overall deadline of one call, retries included (10 s). */
  timeoutMs?: number;
  /** Waits between attempts of a retried call. */
  retryDelaysMs?: number[];
};

type CallPlan = {
  method: "GET" | "POST" | "PATCH";
  path: string;
  body?: unknown;
  /** GET may be tried again on network errors, 429 and 5xx; a write only when nothing reached the server. */
  retry: "idempotent" | "only_if_unsent";
  /** Any 2xx will do: the answer's body is not needed. */
  ignoreBody?: boolean;
  /** The answer must look like a board (a mode or a task list), or it is "not a board". */
  board?: boolean;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorTextOf(body: string): string | null {
  try {
    const parsed = holoMeshErrorSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data.error : null;
  } catch {
    return null;
  }
}

function looksLikeHtml(contentType: string, body: string): boolean {
  return contentType.includes("text/html") || /^\s*</.test(body);
}

/** A board has a mode or a task list; a 200 with neither (a proxy's or another route's answer) is not one. */
function looksLikeBoard(json: unknown): boolean {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return false;
  const record = json as Record<string, unknown>;
  return typeof record.mode === "string" || Array.isArray(record.tasks);
}

function quote(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/**
 * Speaks to the HoloMesh team board API from Vigil's server only: every request goes through probe()
 * (the outbound policy at connect time, redirect checks, a body cap) under one deadline, and every
 * answer is validated. Messages never carry the key: whatever HoloMesh or Node says is scrubbed first.
 */
export class HoloMeshClient {
  private readonly timeoutMs: number;
  private readonly retryDelaysMs: number[];

  constructor(private readonly options: HoloMeshClientOptions) {
    this.timeoutMs = options.timeoutMs ?? holoMeshTimeoutMs;
    this.retryDelaysMs = options.retryDelaysMs ?? defaultRetryDelaysMs;
  }

  private get teamPath(): string {
    return `/api/holomesh/team/${encodeURIComponent(this.options.teamId)}`;
  }

  getBoard(): Promise<HoloMeshResult<HoloMeshBoard>> {
    return this.call(
      { method: "GET", path: `${this.teamPath}/board`, retry: "idempotent", board: true },
      holoMeshBoardSchema,
    );
  }

  /** Only one of the nine modes can be sent (the server stores any string, typos included). */
  postMode(
    mode: TeamMode,
    reason: string,
  ): Promise<HoloMeshResult<z.infer<typeof holoMeshModeAnswerSchema>>> {
    return this.call(
      {
        method: "POST",
        path: `${this.teamPath}/mode`,
        body: { mode, reason },
        retry: "only_if_unsent",
      },
      holoMeshModeAnswerSchema,
    );
  }

  patchObjective(
    objective: string,
  ): Promise<HoloMeshResult<z.infer<typeof holoMeshRoomAnswerSchema>>> {
    return this.call(
      {
        method: "PATCH",
        path: `${this.teamPath}/room`,
        body: { objective },
        retry: "only_if_unsent",
      },
      holoMeshRoomAnswerSchema,
    );
  }

  /** `type` is how the team feed shows the message: `text`, or `handoff` for an on-call handoff. */
  postMessage(
    content: string,
    type: "text" | "handoff" = "text",
  ): Promise<HoloMeshResult<unknown>> {
    return this.call(
      {
        method: "POST",
        path: `${this.teamPath}/message`,
        body: { content, type },
        retry: "only_if_unsent",
        ignoreBody: true,
      },
      z.unknown(),
    );
  }

  private scrub(text: string): string {
    return scrubSecret(text, this.options.apiKey);
  }

  private async call<S extends z.ZodType>(
    plan: CallPlan,
    schema: S,
  ): Promise<HoloMeshResult<z.infer<S>>> {
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return this.timedOut();
      const result = await this.send(plan, remaining);
      const outcome = this.judge(result, schema, plan.ignoreBody ?? false, plan.board ?? false);
      const delay = this.retryDelaysMs[attempt];
      if (outcome.ok || delay === undefined || !this.worthRetrying(plan, result, outcome))
        return outcome;
      if (Date.now() + delay >= deadline) return outcome;
      await sleep(delay);
    }
  }

  private worthRetrying(plan: CallPlan, result: ProbeResult, outcome: HoloMeshFailure): boolean {
    if (plan.retry === "only_if_unsent")
      return !result.ok && (result.kind === "refused" || result.kind === "dns");
    if (!result.ok)
      return result.kind !== "policy" && result.kind !== "redirects" && result.kind !== "aborted";
    return outcome.kind === "rate_limited" || outcome.kind === "server_error";
  }

  private send(plan: CallPlan, timeoutMs: number): Promise<ProbeResult> {
    return probe({
      url: `${this.options.baseUrl.replace(/\/+$/, "")}${plan.path}`,
      method: plan.method,
      ...(plan.body === undefined ? {} : { body: JSON.stringify(plan.body) }),
      headers: {
        authorization: `Bearer ${this.options.apiKey}`,
        accept: "application/json",
        "user-agent": "Vigil/1 (+holomesh board)",
        ...(plan.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
      },
      timeoutMs,
      rules: this.options.rules,
      maxBodyBytes: maxAnswerBytes,
    });
  }

  private timedOut(): HoloMeshFailure {
    return {
      ok: false,
      kind: "timeout",
      httpStatus: null,
      message: `HoloMesh did not answer within ${Math.round(this.timeoutMs / 1000)} s.`,
    };
  }

  private judge<S extends z.ZodType>(
    result: ProbeResult,
    schema: S,
    ignoreBody: boolean,
    board = false,
  ): HoloMeshResult<z.infer<S>> {
    if (!result.ok) {
      if (result.kind === "timeout") return this.timedOut();
      if (result.kind === "policy" || result.kind === "redirects") {
        return {
          ok: false,
          kind: "policy",
          httpStatus: null,
          message: `The outbound policy blocks the HoloMesh URL: ${this.scrub(result.message)}`,
        };
      }
      const kind = result.kind === "refused" ? "refused" : "unreachable";
      return {
        ok: false,
        kind,
        httpStatus: null,
        message: `HoloMesh is unreachable: ${this.scrub(result.message)}.`,
      };
    }
    const status = result.status;
    // What HoloMesh sends ends in text and jsonb columns (the snapshot, errors, outside changes): made storable here.
    const body = toPostgresText(result.body.toString("utf8"), Number.MAX_SAFE_INTEGER);
    const contentType = String(result.headers["content-type"] ?? "").toLowerCase();
    const teamId = this.options.teamId;
    if (status >= 200 && status < 300) {
      if (ignoreBody) return { ok: true, httpStatus: status, data: schema.parse(null) };
      if (looksLikeHtml(contentType, body))
        return this.badAnswer(
          status,
          `HoloMesh answered HTTP ${status} with an HTML page, not JSON.`,
        );
      let json: unknown;
      try {
        json = withStorableStrings(JSON.parse(body));
      } catch {
        return this.badAnswer(
          status,
          `HoloMesh answered HTTP ${status} with malformed JSON${result.truncated ? " (the answer was too large)" : ""}.`,
        );
      }
      if (board && !looksLikeBoard(json)) {
        const keys =
          typeof json === "object" && json !== null && !Array.isArray(json)
            ? Object.keys(json).slice(0, 6)
            : [];
        const what =
          keys.length > 0
            ? `JSON with ${keys.map((key) => quote(key)).join(", ")}`
            : Array.isArray(json)
              ? "a JSON list"
              : `JSON ${typeof json}`;
        return this.badAnswer(
          status,
          `HoloMesh answered, but not with a board: HTTP ${status} ${what}, no mode and no tasks.`,
        );
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const where = parsed.error.issues
          .slice(0, 3)
          .map((issue) => issue.path.join(".") || "(root)")
          .join(", ");
        return this.badAnswer(
          status,
          `HoloMesh answered HTTP ${status} with JSON Vigil does not recognise (${where}).`,
        );
      }
      return { ok: true, httpStatus: status, data: parsed.data };
    }
    const errorText = errorTextOf(body);
    const said = errorText
      ? ` (HoloMesh said: "${this.scrub(quote(toPostgresText(errorText, 500)))}")`
      : "";
    if (status === 401 && errorText?.includes("signing-rejected")) {
      return {
        ok: false,
        kind: "signing_rejected",
        httpStatus: status,
        message: `HoloMesh refused the unsigned request: this key is not permitted to post to the team feed${said}.`,
      };
    }
    if (status === 401)
      return {
        ok: false,
        kind: "invalid_key",
        httpStatus: status,
        message: `The HoloMesh API key is invalid or was rotated${said}.`,
      };
    if (status === 403 && errorText?.includes("config:write")) {
      return {
        ok: false,
        kind: "needs_config_write",
        httpStatus: status,
        message: `The key lacks the team's config:write permission (owner only, or an admin room)${said}.`,
      };
    }
    if (status === 403 && errorText && /not a member/i.test(errorText)) {
      return {
        ok: false,
        kind: "not_member",
        httpStatus: status,
        message: `This key is not a member of team ${teamId}${said}.`,
      };
    }
    if (status === 404 && errorText === "Not Found") {
      return {
        ok: false,
        kind: "no_route",
        httpStatus: status,
        message: `The HoloMesh host has no such route: check the base URL${said}.`,
      };
    }
    if (status === 404)
      return {
        ok: false,
        kind: "no_team",
        httpStatus: status,
        message: `No team ${teamId} on HoloMesh${said}.`,
      };
    if (status === 429)
      return {
        ok: false,
        kind: "rate_limited",
        httpStatus: status,
        message: `HoloMesh is rate limiting Vigil (HTTP 429)${said}.`,
      };
    if (looksLikeHtml(contentType, body)) {
      const proxy =
        status === 502 || status === 503 || status === 504 ? " (an edge proxy error)" : "";
      return {
        ok: false,
        kind: status >= 500 ? "server_error" : "bad_answer",
        httpStatus: status,
        message: `HoloMesh answered HTTP ${status} with an HTML page${proxy}, not JSON.`,
      };
    }
    if (status >= 500)
      return {
        ok: false,
        kind: "server_error",
        httpStatus: status,
        message: `HoloMesh failed with HTTP ${status}${said}.`,
      };
    return {
      ok: false,
      kind: "bad_answer",
      httpStatus: status,
      message: `HoloMesh refused the request with HTTP ${status}${said}.`,
    };
  }

  private badAnswer(status: number, message: string): HoloMeshFailure {
    return { ok: false, kind: "bad_answer", httpStatus: status, message };
  }
}
