import { parseArgs } from "node:util";
import { cliActor, type AuditActor } from "@/lib/audit/data";
import { hasRole, type Actor, type Role } from "@/lib/auth/roles";
import { terminalSafe } from "@/lib/platform/cli/terminal-safe";
import { disconnectDb } from "@/lib/db";
import { findDeployByReference } from "@/lib/deploys/data";
import { recordDeploy, updateDeploy } from "@/lib/deploys/mutations";
import type { DeployView } from "@/lib/deploys/types";
import { resolveDatabase, type ResolvedDatabase } from "@/lib/platform/embedded-postgres";
import { env, databaseUrl } from "@/lib/env";
import { AppError, forbiddenError, validationError } from "@/lib/errors";
import { baselineSourceWords } from "@/lib/health/baseline-rules";
import { alertListQuerySchema } from "@/lib/health/schema";
import { acceptBaseline, listBaselines } from "@/lib/health/baselines";
import { addAllowRule } from "@/lib/outbound/mutations";
import { createService } from "@/lib/services/mutations";
import { getStatusSummary, listAlerts } from "@/lib/health/data";
import { listServices } from "@/lib/services/data";
import { findIncidentByReference, listIncidents } from "@/lib/incidents/data";
import { appendTimelineEntry, declareIncident } from "@/lib/incidents/mutations";
import { incidentListFilterSchema } from "@/lib/incidents/schema";
import { severityLabels } from "@/lib/incidents/labels";
import { applyMigrations, pendingMigrations } from "@/lib/platform/migrations/migrations";
import { listPostmortems } from "@/lib/postmortems/data";
import { postmortemListFilterSchema } from "@/lib/postmortems/schema";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/tokens/data";
import {
  createUser,
  findUserByEmail,
  listUsers,
  resetUserPassword,
  setUserDisabled,
  setUserRole,
  toActor,
} from "@/lib/users/data";
import { parseInput } from "@/lib/validation";

/** The one way out to the terminal: names, titles and reasons come from people and the database. */
function print(text: string): void {
  console.log(terminalSafe(text));
}
function printError(text: string): void {
  console.error(terminalSafe(text));
}

type Flags = Record<string, string | boolean | string[] | undefined>;
/** A command names at most one thing by position (the service of baseline:accept); the rest are flags. */
type Command = {
  usage: string;
  needsSchema: boolean;
  positional?: true;
  run(flags: Flags, positionals: string[]): Promise<void>;
};

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== "string" || value.trim() === "")
    throw new UsageError(`--${name} is required.`);
  return value;
}

class UsageError extends Error {}

async function userIdByEmail(email: string): Promise<string> {
  const user = await findUserByEmail(email);
  if (!user) throw new AppError("not_found", `No user has the email ${email}.`);
  return user.id;
}

/** Incident commands act as a person, with that person's role: the CLI is not a way around the role rules. */
async function actingUser(email: string, role: Role): Promise<Actor> {
  const user = await findUserByEmail(email);
  if (!user) throw new AppError("not_found", `No user has the email ${email}.`);
  if (user.disabled) throw forbiddenError(`${email} is disabled.`);
  if (!hasRole(user.role, role))
    throw forbiddenError(`${email} is a ${user.role}; this needs the ${role} role or above.`);
  return toActor(user);
}

/** A flag declared as a string option: its text, or undefined when it was not given. */
function textFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}

function listFlag(value: Flags[string]): string[] {
  const values = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return values
    .flatMap((item) => item.split(","))
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Services named by id or by name (case-insensitive); a name used in two environments needs the id. */
async function serviceIdsFor(references: string[]): Promise<string[]> {
  if (references.length === 0) return [];
  const services = await listServices();
  const problems: string[] = [];
  const ids = references.flatMap((reference) => {
    const byId = services.find((service) => service.id === reference);
    if (byId) return [byId.id];
    const named = services.filter(
      (service) => service.name.toLowerCase() === reference.toLowerCase(),
    );
    if (named.length === 1 && named[0]) return [named[0].id];
    problems.push(
      named.length === 0
        ? `No service is called ${reference}.`
        : `${reference} names ${named.length} services (${named.map((service) => `${service.environment}: ${service.id}`).join(", ")}); give the id.`,
    );
    return [];
  });
  if (problems.length > 0) throw validationError({ service: problems });
  return ids;
}

/** The one service a command is about: `baseline:list Absorb` or `--service Absorb`. */
async function oneService(flags: Flags, positionals: string[]): Promise<string> {
  const references = [...positionals, ...listFlag(flags.service)];
  if (references.length !== 1) throw new UsageError("Name one service (by name or id).");
  const [id] = await serviceIdsFor(references);
  if (!id) throw new UsageError("Name one service (by name or id).");
  return id;
}

const incidentPath = (id: string) => `/incidents/${id}`;

/** Deploys act as a person when --email names one (with that person's role), else as the CLI itself, like a pipeline. */
async function deployActor(flags: Flags): Promise<Actor | AuditActor> {
  return typeof flags.email === "string" ? actingUser(flags.email, "responder") : cliActor;
}

function describeDeploy(deploy: DeployView): string {
  return `#${deploy.number} of ${deploy.service.name} ${deploy.label} (${deploy.status}, ${deploy.environment}) by ${deploy.deployedBy}`;
}

const deployPath = (deploy: DeployView) => `/deploys?service=${deploy.service.id}`;

const commands: Record<string, Command> = {
  "db:migrate": {
    usage: "db:migrate",
    needsSchema: false,
    async run() {
      const applied = await applyMigrations(databaseUrl() as string);
      print(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
    },
  },
  "user:create": {
    usage:
      "user:create --email <email> --name <name> --role <viewer|responder|lead|admin> [--password <password>]",
    needsSchema: true,
    async run(flags) {
      const { user, generatedPassword } = await createUser(cliActor, {
        email: required(flags, "email"),
        name: required(flags, "name"),
        role: required(flags, "role"),
        password: flags.password,
      });
      print(`Created ${user.email} (${user.role}).`);
      if (generatedPassword) print(`Password (shown once): ${generatedPassword}`);
    },
  },
  "user:set-role": {
    usage: "user:set-role --email <email> --role <viewer|responder|lead|admin>",
    needsSchema: true,
    async run(flags) {
      const user = await setUserRole(cliActor, {
        userId: await userIdByEmail(required(flags, "email")),
        role: required(flags, "role"),
      });
      print(`${user.email} is now ${user.role}; their open sessions have ended.`);
    },
  },
  "user:disable": {
    usage: "user:disable --email <email>",
    needsSchema: true,
    async run(flags) {
      const user = await setUserDisabled(cliActor, {
        userId: await userIdByEmail(required(flags, "email")),
        disabled: true,
      });
      print(`${user.email} is disabled; their sessions and API tokens no longer work.`);
    },
  },
  "user:enable": {
    usage: "user:enable --email <email>",
    needsSchema: true,
    async run(flags) {
      const user = await setUserDisabled(cliActor, {
        userId: await userIdByEmail(required(flags, "email")),
        disabled: false,
      });
      print(`${user.email} is enabled.`);
    },
  },
  "user:reset-password": {
    usage: "user:reset-password --email <email> [--password <password>]",
    needsSchema: true,
    async run(flags) {
      const { user, generatedPassword } = await resetUserPassword(cliActor, {
        userId: await userIdByEmail(required(flags, "email")),
        password: flags.password,
      });
      print(`Password reset for ${user.email}; their open sessions have ended.`);
      if (generatedPassword) print(`Password (shown once): ${generatedPassword}`);
    },
  },
  "user:list": {
    usage: "user:list",
    needsSchema: true,
    async run() {
      for (const user of await listUsers()) {
        print(
          `${user.email}\t${user.role}\t${user.disabled ? "disabled" : "active"}\t${user.name}`,
        );
      }
    },
  },
  "service:add": {
    usage:
      "service:add --name <name> --url <base url> --profile <holoscript_mcp|absorb|studio|generic_json|http> [--environment production] [--interval 30] [--timeout 10] [--slo 3000] [--tags a,b]",
    needsSchema: true,
    async run(flags) {
      const service = await createService(cliActor, {
        name: required(flags, "name"),
        baseUrl: required(flags, "url"),
        profile: required(flags, "profile"),
        ...(textFlag(flags, "environment") ? { environment: textFlag(flags, "environment") } : {}),
        ...(flags.interval ? { intervalSeconds: flags.interval } : {}),
        ...(flags.timeout ? { timeoutSeconds: flags.timeout } : {}),
        ...(flags.slo ? { latencySloMs: flags.slo } : {}),
        tags:
          typeof flags.tags === "string"
            ? flags.tags
                .split(",")
                .map((tag) => tag.trim())
                .filter(Boolean)
            : [],
      });
      print(
        `Added ${service.name} (${service.environment}) at ${service.baseUrl}, checked every ${service.intervalSeconds} s. id ${service.id}`,
      );
    },
  },
  "service:list": {
    usage: "service:list",
    needsSchema: true,
    async run() {
      const summary = await getStatusSummary();
      for (const tile of summary.tiles) {
        const alerting = tile.maintenanceUntil
          ? `in maintenance until ${tile.maintenanceUntil}`
          : tile.alertState;
        print(
          `${tile.id}\t${tile.environment}\t${tile.name}\t${tile.enabled ? tile.status : "disabled"}\t${alerting}\t${tile.reason ?? ""}`,
        );
      }
    },
  },
  "alert:list": {
    usage: "alert:list [--all]",
    needsSchema: true,
    async run(flags) {
      const alerts = await listAlerts(
        parseInput(alertListQuerySchema, { state: flags.all === true ? "all" : "open" }),
      );
      if (alerts.length === 0)
        printError(flags.all === true ? "No alerts yet." : "No open alerts.");
      for (const alert of alerts) {
        print(
          `${alert.level}\t${alert.rule}\t${alert.serviceName}\t${alert.startedAt}\t${alert.endedAt ?? "open"}\t${alert.reason}`,
        );
      }
    },
  },
  "baseline:list": {
    usage: "baseline:list <service name or id>",
    needsSchema: true,
    positional: true,
    async run(flags, positionals) {
      const baselines = await listBaselines(await oneService(flags, positionals));
      if (baselines.length === 0)
        printError("No baselines yet: they are set from the figures a check reads.");
      for (const baseline of baselines) {
        const who =
          baseline.source === "accepted"
            ? `${baseline.acceptedBy ?? "someone"}: ${baseline.reason ?? ""}`
            : baselineSourceWords[baseline.source];
        const now =
          baseline.current === null
            ? "not reported now"
            : `now ${baseline.current}${baseline.dropped ? " (dropped)" : ""}`;
        print(
          `${baseline.figure}\t${baseline.value}\t${now}\t${baseline.source}\t${baseline.setAt}\t${who}`,
        );
      }
    },
  },
  "baseline:accept": {
    usage:
      "baseline:accept <service name or id> --figure <figure, e.g. tools> --reason <why the new figure is right> --email <lead email>",
    needsSchema: true,
    positional: true,
    async run(flags, positionals) {
      const actor = await actingUser(required(flags, "email"), "lead");
      const serviceId = await oneService(flags, positionals);
      const baseline = await acceptBaseline(actor, serviceId, {
        figure: required(flags, "figure"),
        reason: required(flags, "reason"),
      });
      print(
        `The ${baseline.figure} baseline is now ${baseline.value}, accepted by ${baseline.acceptedBy ?? actor.email}: ${baseline.reason ?? ""}`,
      );
      print(`/services/${serviceId}`);
    },
  },
  "allow:add": {
    usage: "allow:add --rule <address|CIDR>[:port[-port]] [--note <text>]",
    needsSchema: true,
    async run(flags) {
      const rule = await addAllowRule(cliActor, {
        rule: required(flags, "rule"),
        note: flags.note,
      });
      print(`Allowed ${rule.rule} for outbound checks.`);
    },
  },
  "incident:declare": {
    usage:
      "incident:declare --email <declarer email> --title <title> --severity <sev1|sev2|sev3> [--service <name or id>]... [--summary <text>] [--impact <text>] [--workaround <text>] [--eta <text>] [--commander <email>] [--idempotency-key <key>]",
    needsSchema: true,
    async run(flags) {
      const [email, title, severity] = [
        required(flags, "email"),
        required(flags, "title"),
        required(flags, "severity"),
      ];
      const actor = await actingUser(email, "responder");
      const commander =
        typeof flags.commander === "string" ? await findUserByEmail(flags.commander) : null;
      if (typeof flags.commander === "string" && !commander)
        throw validationError({ commander: [`No user has the email ${flags.commander}.`] });
      const { incident, created } = await declareIncident(actor, {
        title,
        severity,
        serviceIds: await serviceIdsFor(listFlag(flags.service)),
        summary: textFlag(flags, "summary"),
        userImpact: textFlag(flags, "impact"),
        workaround: textFlag(flags, "workaround"),
        eta: textFlag(flags, "eta"),
        ...(commander ? { commanderId: commander.id } : {}),
        idempotencyKey: flags["idempotency-key"],
      });
      const what = `#${incident.number} ${severityLabels[incident.severity]} "${incident.title}", commander ${incident.commander.email}`;
      print(
        created ? `Declared ${what}.` : `Already declared under that idempotency key: ${what}.`,
      );
      print(incidentPath(incident.id));
    },
  },
  "incident:list": {
    usage:
      "incident:list [--status <open|investigating|identified|mitigated|resolved>] [--severity <sev1|sev2|sev3>]",
    needsSchema: true,
    async run(flags) {
      const filter = parseInput(incidentListFilterSchema, {
        status: flags.status,
        severity: flags.severity,
      });
      const incidents = await listIncidents(filter);
      if (incidents.length === 0) printError("No incidents match.");
      for (const incident of incidents) {
        print(
          `#${incident.number}\t${severityLabels[incident.severity]}\t${incident.status}\t${incident.declaredAt}\t${incident.commander.email}\t${incident.title}\t${incidentPath(incident.id)}`,
        );
      }
    },
  },
  "incident:note": {
    usage:
      "incident:note --email <author email> --incident <number or id> --text <note> [--idempotency-key <key>]",
    needsSchema: true,
    async run(flags) {
      const [email, reference, text] = [
        required(flags, "email"),
        required(flags, "incident"),
        required(flags, "text"),
      ];
      const actor = await actingUser(email, "responder");
      const incident = await findIncidentByReference(reference);
      const { entry, created } = await appendTimelineEntry(actor, incident.id, {
        kind: "note",
        body: text,
        idempotencyKey: flags["idempotency-key"],
      });
      print(
        `${created ? "Added" : "Already added under that idempotency key:"} note ${entry.id} to #${incident.number}.`,
      );
      print(incidentPath(incident.id));
    },
  },
  "deploy:record": {
    usage:
      "deploy:record --service <name or id> (--version <version> | --commit <sha>) [--status <started|succeeded|failed|rolled_back>] [--environment <env>] [--link <url>] [--who <person or pipeline>] [--ci-green] [--no-secrets] [--tagged] [--maintenance [--maintenance-minutes <N, default 15>]] [--idempotency-key <key>] [--email <responder email>]",
    needsSchema: true,
    async run(flags) {
      const [service, ...others] = listFlag(flags.service);
      if (service === undefined || others.length > 0)
        throw new UsageError("--service is required, once.");
      const actor = await deployActor(flags);
      const { deploy, created } = await recordDeploy(actor, {
        service,
        version: flags.version,
        commit: flags.commit,
        status: flags.status,
        environment: flags.environment,
        link: flags.link,
        who: flags.who,
        ...(flags["ci-green"] ? { ciGreen: true } : {}),
        ...(flags["no-secrets"] ? { noSecretsInDiff: true } : {}),
        ...(flags.tagged ? { versionTagRecorded: true } : {}),
        idempotencyKey: flags["idempotency-key"],
        ...(flags.maintenance
          ? { maintenance: true, maintenanceMinutes: flags["maintenance-minutes"] }
          : {}),
      });
      print(
        created
          ? `Recorded deploy ${describeDeploy(deploy)}.`
          : `Already recorded under that idempotency key: deploy ${describeDeploy(deploy)}.`,
      );
      if (deploy.smokeSummary) print(deploy.smokeSummary);
      print(deployPath(deploy));
    },
  },
  "deploy:update": {
    usage:
      "deploy:update --id <deploy number or id> --status <succeeded|failed|rolled_back> [--link <url>] [--skip-smoke] [--email <responder email>]",
    needsSchema: true,
    async run(flags) {
      const [reference, status] = [required(flags, "id"), required(flags, "status")];
      const actor = await deployActor(flags);
      const current = await findDeployByReference(reference);
      const deploy = await updateDeploy(actor, current.id, {
        status,
        link: flags.link,
        skipSmoke: flags["skip-smoke"] === true,
      });
      print(`Deploy ${describeDeploy(deploy)}.`);
      if (deploy.smokeSummary && deploy.status === "succeeded") print(deploy.smokeSummary);
      print(deployPath(deploy));
    },
  },
  "maintenance:list": {
    usage: "maintenance:list [--service <name or id>]",
    needsSchema: true,
    async run(flags) {
      const { listMaintenanceWindows } = await import("@/lib/maintenance/data");
      const [serviceId] = await serviceIdsFor(listFlag(flags.service));
      const list = await listMaintenanceWindows(serviceId ? { service: serviceId } : {});
      const line = (
        window: Awaited<ReturnType<typeof listMaintenanceWindows>>["active"][number],
        when: string,
      ) =>
        `#${window.number}\t${window.state}\t${when}\t${window.services.map((service) => service.name).join(", ")}\t${window.recurrence === "weekly" ? "weekly\t" : ""}${window.reason}\tby ${window.createdBy}`;
      for (const window of list.active)
        print(line(window, `until ${window.current?.end ?? window.endsAt}`));
      for (const window of list.upcoming)
        print(
          line(
            window,
            `from ${window.next?.start ?? window.startsAt} until ${window.next?.end ?? window.endsAt}`,
          ),
        );
      for (const window of list.recent)
        print(line(window, `ended ${window.endedAt ?? window.cancelledAt ?? window.endsAt}`));
      if (list.active.length + list.upcoming.length + list.recent.length === 0)
        printError("No maintenance windows now, ahead or in the last 7 days.");
    },
  },
  "maintenance:create": {
    usage:
      "maintenance:create --service <name or id> [--service ...] (--for <30m|2h|minutes> | --until <ISO time>) --reason <why> [--starts <ISO time, default now>] [--weekly] [--email <responder email>]",
    needsSchema: true,
    async run(flags) {
      const { createMaintenanceWindow } = await import("@/lib/maintenance/data");
      const services = listFlag(flags.service);
      if (services.length === 0)
        throw new UsageError("--service is required (repeat it or give a comma list).");
      if ((flags.for === undefined) === (flags.until === undefined))
        throw new UsageError("Give --for or --until (one of them).");
      const actor = await deployActor(flags);
      const window = await createMaintenanceWindow(actor, {
        services,
        durationMinutes: flags.for,
        endsAt: flags.until as string | undefined,
        startsAt: flags.starts as string | undefined,
        reason: required(flags, "reason"),
        recurrence: flags.weekly ? "weekly" : "none",
      });
      print(
        `Opened maintenance window #${window.number} for ${window.services.map((service) => service.name).join(", ")}: ${window.startsAt} until ${window.endsAt}${window.recurrence === "weekly" ? ", weekly" : ""}.`,
      );
      print(window.id);
    },
  },
  "maintenance:end": {
    usage: "maintenance:end --id <window number or id> [--email <responder email>]",
    needsSchema: true,
    async run(flags) {
      const { endMaintenanceWindow, findMaintenanceByReference } =
        await import("@/lib/maintenance/data");
      const current = await findMaintenanceByReference(required(flags, "id"));
      const actor = await deployActor(flags);
      const window = await endMaintenanceWindow(actor, current.id, { version: current.version });
      print(
        `Ended maintenance window #${window.number} (${window.services.map((service) => service.name).join(", ")}) at ${window.endedAt ?? "now"}.`,
      );
    },
  },
  "postmortem:list": {
    usage: "postmortem:list [--status <draft|in_review|published>] [--overdue]",
    needsSchema: true,
    async run(flags) {
      const filter = parseInput(postmortemListFilterSchema, {
        status: flags.status,
        overdue: flags.overdue === true ? true : undefined,
      });
      const postmortems = await listPostmortems(filter);
      if (postmortems.length === 0) printError("No postmortems match.");
      for (const postmortem of postmortems) {
        const due =
          postmortem.dueIn ??
          (postmortem.publishedAt ? `published ${postmortem.publishedAt}` : "no due date");
        print(
          `#${postmortem.incident.number}\t${severityLabels[postmortem.incident.severity]}\t${postmortem.status}\t${due}\t${postmortem.owner?.email ?? "no owner"}\t${postmortem.incident.title}\t/postmortems/${postmortem.id}`,
        );
      }
    },
  },
  oncall: {
    usage: "oncall",
    needsSchema: true,
    async run() {
      // Loaded here so this command stays one entry in the table.
      const { getOnCallNow } = await import("@/lib/handoffs/data");
      const onCall = await getOnCallNow();
      print(
        `${onCall.person?.name ?? "Nobody"}\t${onCall.reason}\t${onCall.until ? `until ${onCall.until}` : "no end"}`,
      );
    },
  },
  "page:list": {
    usage: "page:list [--all]",
    needsSchema: true,
    async run(flags) {
      const { listPages } = await import("@/lib/paging/data");
      const { summarizeRecipients } = await import("@/lib/paging/page-notifications");
      const { pages } = await listPages({ state: flags.all === true ? "all" : "open", limit: 50 });
      if (pages.length === 0) printError(flags.all === true ? "No pages yet." : "No open pages.");
      for (const page of pages) {
        const notified = summarizeRecipients(page.notifications)
          .filter((group) => group.step !== "recovered")
          .map(
            (group) =>
              `${group.recipient} ${group.at} (${group.channels.join(", ")})${group.failed.length === group.channels.length ? " unreachable" : ""}`,
          )
          .join("; ");
        const acknowledged = page.acknowledgedBy
          ? `acknowledged by ${page.acknowledgedBy.name} after ${page.timeToAcknowledgeSeconds ?? 0}s`
          : page.state;
        print(
          `#${page.number}	${page.state}	${page.level}	level ${page.escalationLevel}	${page.triggeredAt}	${page.title}	${acknowledged}	${notified || "nobody notified yet"}	/pages/${page.id}`,
        );
      }
    },
  },
  "page:ack": {
    usage: "page:ack --id <page number or id> --as <responder email>",
    needsSchema: true,
    async run(flags) {
      const reference = required(flags, "id");
      const actor = await actingUser(required(flags, "as"), "responder");
      const { ackPage } = await import("@/lib/paging/data");
      const { page, changed } = await ackPage(actor, reference, { via: "cli" });
      print(
        `${changed ? "Acknowledged" : "Already acknowledged by you:"} page #${page.number} "${page.title}".`,
      );
      print(`/pages/${page.id}`);
    },
  },
  "token:create": {
    usage: "token:create --email <owner email> --name <name> [--expires-in-days <n>]",
    needsSchema: true,
    async run(flags) {
      const { token, secret } = await createApiToken(cliActor, {
        ownerEmail: required(flags, "email"),
        name: required(flags, "name"),
        expiresInDays: flags["expires-in-days"],
      });
      printError(
        `Created token ${token.prefix} "${token.name}" for ${token.owner.email}. It is shown once:`,
      );
      print(secret);
    },
  },
  "token:list": {
    usage: "token:list",
    needsSchema: true,
    async run() {
      for (const token of await listApiTokens()) {
        print(`${token.id}\t${token.prefix}\t${token.state}\t${token.owner.email}\t${token.name}`);
      }
    },
  },
  "token:revoke": {
    usage: "token:revoke --id <token id>",
    needsSchema: true,
    async run(flags) {
      const token = await revokeApiToken(cliActor, { tokenId: required(flags, "id") });
      print(`Revoked ${token.prefix} "${token.name}".`);
    },
  },
};

const cliOptions = {
  email: { type: "string" },
  name: { type: "string" },
  role: { type: "string" },
  password: { type: "string" },
  id: { type: "string" },
  "expires-in-days": { type: "string" },
  url: { type: "string" },
  profile: { type: "string" },
  environment: { type: "string" },
  interval: { type: "string" },
  timeout: { type: "string" },
  slo: { type: "string" },
  tags: { type: "string" },
  rule: { type: "string" },
  note: { type: "string" },
  title: { type: "string" },
  severity: { type: "string" },
  service: { type: "string", multiple: true },
  summary: { type: "string" },
  impact: { type: "string" },
  workaround: { type: "string" },
  eta: { type: "string" },
  commander: { type: "string" },
  "idempotency-key": { type: "string" },
  status: { type: "string" },
  incident: { type: "string" },
  text: { type: "string" },
  overdue: { type: "boolean" },
  all: { type: "boolean" },
  version: { type: "string" },
  commit: { type: "string" },
  link: { type: "string" },
  who: { type: "string" },
  "ci-green": { type: "boolean" },
  "no-secrets": { type: "boolean" },
  tagged: { type: "boolean" },
  "skip-smoke": { type: "boolean" },
  maintenance: { type: "boolean" },
  "maintenance-minutes": { type: "string" },
  for: { type: "string" },
  until: { type: "string" },
  starts: { type: "string" },
  weekly: { type: "boolean" },
  figure: { type: "string" },
  reason: { type: "string" },
  as: { type: "string" },
} as const;

function printUsage(): void {
  printError("Usage: npm run vigil -- <command> [options]\n\nCommands:");
  for (const command of Object.values(commands)) printError(`  ${command.usage}`);
}

function describe(error: unknown): string {
  if (error instanceof AppError) {
    const fields = Object.entries(error.fields ?? {}).map(
      ([field, messages]) => `  ${field}: ${messages.join(" ")}`,
    );
    return [error.message, ...fields].join("\n");
  }
  return error instanceof Error ? error.message : String(error);
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    if (name && name !== "help" && name !== "--help") printError(`Unknown command: ${name}\n`);
    printUsage();
    return name === "help" || name === "--help" ? 0 : 2;
  }
  let database: ResolvedDatabase | null = null;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: cliOptions,
      strict: true,
      allowPositionals: true,
    });
    const unexpected = positionals.slice(command.positional ? 1 : 0);
    if (unexpected.length > 0) throw new UsageError(`Unexpected argument: ${unexpected.join(" ")}`);
    database = await resolveDatabase({ databaseUrl: databaseUrl(), dataDir: env.VIGIL_DATA_DIR });
    process.env.DATABASE_URL = database.url;
    if (command.needsSchema && (await pendingMigrations(database.url)).length > 0)
      await applyMigrations(database.url);
    await command.run(values, positionals);
    return 0;
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    printError(
      usage
        ? `${(error as Error).message}\nUsage: npm run vigil -- ${command.usage}`
        : describe(error),
    );
    return usage ? 2 : 1;
  } finally {
    await disconnectDb();
    await database?.embedded?.stop();
  }
}
