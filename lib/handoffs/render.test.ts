import { describe, expect, it } from "vitest";
import {
  handoffMarkdownFilename,
  renderHandoffMarkdown,
  renderHandoffText,
  type HandoffTextInput,
} from "@/lib/handoffs/render";
import type {
  HandoffDeployLine,
  HandoffIncidentLine,
  HandoffServiceLine,
  HandoffView,
} from "@/lib/handoffs/types";
import { renderWebhookBody, slackBody } from "@/lib/notifications/payload";
import type { HandoffNotification } from "@/lib/notifications/types";

const base = "https://vigil.example.com";

function service(
  name: string,
  status: HandoffServiceLine["status"],
  reason: string | null = null,
  environment = "production",
): HandoffServiceLine {
  return {
    id: `svc-${name}`,
    name,
    environment,
    status,
    alertState: status === "up" ? "ok" : "alerting",
    reason,
  };
}

function incident(
  number: number,
  overrides: Partial<HandoffIncidentLine> = {},
): HandoffIncidentLine {
  return {
    id: `inc-${number}`,
    number,
    title: `Incident ${number}`,
    severity: "sev2",
    status: "investigating",
    commander: "Ada",
    url: `${base}/incidents/inc-${number}`,
    ...overrides,
  };
}

function deploy(number: number, overrides: Partial<HandoffDeployLine> = {}): HandoffDeployLine {
  return {
    id: `dep-${number}`,
    number,
    service: "MCP",
    label: "v1.2.3",
    status: "started",
    deployedBy: "ci-bot",
    startedAt: "2026-11-28T08:40:00.000Z",
    url: `${base}/deploys#deploy-${number}`,
    link: null,
    ...overrides,
  };
}

function input(overrides: Partial<HandoffTextInput> = {}): HandoffTextInput {
  return {
    windowStart: "2026-11-28T09:00:00.000Z",
    windowEnd: "2026-11-29T09:00:00.000Z",
    snapshot: {
      services: [
        service("MCP", "up"),
        service("Studio", "degraded", "p95 4.2 s over the 3 s SLO"),
        service("Absorb", "down", "HTTP 502"),
      ],
      incidents: [],
      deploys: [],
      generatedAt: "2026-11-28T08:55:00.000Z",
    },
    manualDeploys: [],
    knownRisks: [],
    escalation: [{ name: "Ada Lovelace", contact: "+44 20 7946 0000" }],
    notes: "",
    ...overrides,
  };
}

const withSnapshot = (
  snapshot: Partial<HandoffTextInput["snapshot"]>,
  overrides: Partial<HandoffTextInput> = {},
) => input({ ...overrides, snapshot: { ...input().snapshot, ...snapshot } });

const labels = (text: string) => text.split("\n").map((line) => line.slice(0, line.indexOf(":")));
const templateLabels = [
  "Window",
  "Services owned",
  "Open incidents",
  "In-flight deploys",
  "Known risks",
  "Escalation",
];

const injections = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "javascript:alert(1)",
  "<!channel>",
  "# heading",
  "[x](javascript:alert(1))",
];

describe("renderHandoffText: the runbook's section-8 template", () => {
  it("with nothing open says none on each list line", () => {
    expect(renderHandoffText(withSnapshot({ services: [] }, { escalation: [] }))).toBe(
      [
        "Window: 2026-11-28 09:00 UTC – 2026-11-29 09:00 UTC",
        "Services owned: none",
        "Open incidents: none",
        "In-flight deploys: none",
        "Known risks: none",
        "Escalation: none",
      ].join("\n"),
    );
  });

  it("shows each service with its state and the reason when it is not up, separated as in the template", () => {
    const text = renderHandoffText(input());
    expect(text.split("\n")[1]).toBe(
      "Services owned: MCP (up) / Studio (degraded: p95 4.2 s over the 3 s SLO) / Absorb (down: HTTP 502)",
    );
    expect(text).toContain(
      "Open incidents: none\nIn-flight deploys: none\nKnown risks: none\nEscalation: Ada Lovelace (+44 20 7946 0000)",
    );
  });

  it("names a non-production environment and a service never checked", () => {
    const text = renderHandoffText(
      withSnapshot({
        services: [service("MCP", "unknown"), service("MCP", "up", null, "staging")],
      }),
    );
    expect(text.split("\n")[1]).toBe("Services owned: MCP (unknown) / MCP [staging] (up)");
  });

  it("with one incident gives its number, severity, status, title, commander and link", () => {
    const text = renderHandoffText(
      withSnapshot({
        incidents: [
          incident(12, { severity: "sev1", status: "identified", title: "MCP tools dropped to 0" }),
        ],
      }),
    );
    expect(text.split("\n")[2]).toBe(
      `Open incidents: INC-12 SEV1 Identified “MCP tools dropped to 0” (IC Ada) ${base}/incidents/inc-12`,
    );
  });

  it("with many incidents and deploys lists them all on their lines, manual lines after the deploy log", () => {
    const text = renderHandoffText(
      withSnapshot(
        {
          incidents: [
            incident(12, { severity: "sev1" }),
            incident(13, { status: "mitigated", commander: "Grace" }),
            incident(14, { severity: "sev3" }),
          ],
          deploys: [
            deploy(7),
            deploy(8, {
              service: "Studio",
              label: "abc1234",
              deployedBy: "grace",
              startedAt: "2026-11-27T23:10:00.000Z",
            }),
          ],
        },
        {
          manualDeploys: ["Absorb hotfix by hand, see #ops"],
          knownRisks: ["DB migration tonight", "Cert renewal Friday"],
          escalation: [
            { name: "Ada Lovelace", contact: "+44 20 7946 0000" },
            { name: "Grace Hopper", contact: "@grace" },
          ],
        },
      ),
    );
    const lines = text.split("\n");
    expect(labels(text)).toEqual(templateLabels);
    expect(lines[2]).toBe(
      `Open incidents: INC-12 SEV1 Investigating “Incident 12” (IC Ada) ${base}/incidents/inc-12; INC-13 SEV2 Mitigated “Incident 13” (IC Grace) ${base}/incidents/inc-13; INC-14 SEV3 Investigating “Incident 14” (IC Ada) ${base}/incidents/inc-14`,
    );
    expect(lines[3]).toBe(
      `In-flight deploys: MCP v1.2.3 by ci-bot since 08:40 UTC ${base}/deploys#deploy-7; Studio abc1234 by grace since 2026-11-27 23:10 UTC ${base}/deploys#deploy-8; Absorb hotfix by hand, see #ops`,
    );
    expect(lines[4]).toBe("Known risks: DB migration tonight; Cert renewal Friday");
    expect(lines[5]).toBe("Escalation: Ada Lovelace (+44 20 7946 0000); Grace Hopper (@grace)");
  });

  it("keeps a long risk list whole, on one line", () => {
    const risks = Array.from({ length: 50 }, (_, index) => `Risk ${index + 1}: ${"x".repeat(280)}`);
    const text = renderHandoffText(input({ knownRisks: risks }));
    const riskLine = text.split("\n")[4] ?? "";
    expect(text.split("\n")).toHaveLength(6);
    expect(riskLine).toBe(`Known risks: ${risks.join("; ")}`);
    expect(riskLine).toContain("Risk 50: ");
  });

  it("adds Notes only when there are notes, after the template's six lines", () => {
    expect(renderHandoffText(input({ notes: "   " })).split("\n")).toHaveLength(6);
    const text = renderHandoffText(input({ notes: "Pager is on the desk." }));
    expect(labels(text)).toEqual([...templateLabels, "Notes"]);
    expect(text.endsWith("\nNotes: Pager is on the desk.")).toBe(true);
  });

  it("keeps unicode names intact: emoji, right-to-left, accents, CJK", () => {
    const names = [
      "🚀 Launchpad",
      "שירות תשלומים",
      "خدمة الدفع",
      "Zoë Ñúñez-Åström",
      "監視サービス",
      "👩🏽‍💻 on-call",
    ];
    const text = renderHandoffText(
      withSnapshot(
        {
          services: names.map((name) => service(name, "up")),
          incidents: [incident(3, { title: names.join(" · "), commander: "Zoë Ñúñez-Åström" })],
        },
        {
          knownRisks: names,
          escalation: [{ name: "李小龙", contact: "@李" }],
          notes: "Ελληνικά ✓",
        },
      ),
    );
    for (const name of names) expect(text).toContain(name);
    expect(text).toContain(`“${names.join(" · ")}” (IC Zoë Ñúñez-Åström)`);
    expect(text).toContain("Escalation: 李小龙 (@李)");
    expect(text).toContain("Notes: Ελληνικά ✓");
    expect(labels(text)).toEqual([...templateLabels, "Notes"]);
  });

  it("collapses newlines and control characters in anything typed, so the line structure holds", () => {
    const text = renderHandoffText(
      withSnapshot(
        {
          services: [
            service("MCP\nEscalation: fake", "degraded", "slow\r\n\r\nOpen incidents: fake"),
          ],
          incidents: [incident(1, { title: "two\nlines\u2028here" })],
        },
        {
          manualDeploys: ["manual\ndeploy"],
          knownRisks: [
            "first\nKnown risks: injected",
            "tab\there",
            "nul\u0000char",
            "bell\u0007 and \u0085 next line",
          ],
          escalation: [{ name: "Ada\nWindow: forged", contact: "+1\r\n555" }],
          notes: "para one\n\npara two",
        },
      ),
    );
    expect(labels(text)).toEqual([...templateLabels, "Notes"]);
    expect(text).toContain(
      "Services owned: MCP Escalation: fake (degraded: slow Open incidents: fake)",
    );
    expect(text).toContain("“two lines here”");
    expect(text).toContain(
      "Known risks: first Known risks: injected; tab here; nul char; bell and next line",
    );
    expect(text).toContain("Escalation: Ada Window: forged (+1 555)");
    expect(text).toContain("Notes: para one para two");
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  it("leaves injection payloads as plain text, one per line item", () => {
    const text = renderHandoffText(
      input({ knownRisks: [...injections, "line\n# heading on its own line"] }),
    );
    expect(labels(text)).toEqual(templateLabels);
    expect(text.split("\n")[4]).toBe(
      `Known risks: ${injections.join("; ")}; line # heading on its own line`,
    );
  });
});

function handoffView(overrides: Partial<HandoffView> = {}): HandoffView {
  const source = input({
    knownRisks: [...injections, "DB migration\n# tonight"],
    manualDeploys: ["[deploy](javascript:alert(1)) `<b>code</b>`"],
    notes: "<!-- hidden --> **bold** \\<escaped>",
  });
  const snapshot = {
    ...source.snapshot,
    incidents: [
      incident(12, {
        title: "<img src=x onerror=alert(1)> [x](javascript:alert(1))",
        commander: "Ada <script>",
      }),
    ],
  };
  return {
    id: "b5f0c7a2-1111-4222-8333-944445555666",
    number: 12,
    windowStart: source.windowStart,
    windowEnd: source.windowEnd,
    outgoing: { id: "u1", name: "Ada # Lovelace" },
    incoming: { id: "u2", name: "Grace <b>Hopper</b>" },
    snapshot,
    manualDeploys: source.manualDeploys,
    knownRisks: source.knownRisks,
    escalation: [{ name: "Ada [me](javascript:x)", contact: "<!here>" }],
    notes: source.notes,
    text: renderHandoffText({ ...source, snapshot }),
    createdBy: "Ada",
    createdAt: "2026-11-28T08:55:00.000Z",
    acknowledgedAt: null,
    acknowledgedBy: null,
    overdue: false,
    ...overrides,
  };
}

describe("renderHandoffMarkdown", () => {
  it("has the HO title and the template's lines as a list with bold labels", () => {
    const markdown = renderHandoffMarkdown(
      handoffView({ acknowledgedAt: "2026-11-28T09:05:00.000Z", acknowledgedBy: "Grace" }),
    );
    const lines = markdown.split("\n");
    expect(lines[0]).toBe("# Handoff HO-12");
    expect(lines[1]).toBe("");
    expect(lines.slice(2, 9).map((line) => /^- \*\*([^*]+):\*\* /.exec(line)?.[1])).toEqual([
      ...templateLabels,
      "Notes",
    ]);
    expect(lines[2]).toBe("- **Window:** 2026-11-28 09:00 UTC – 2026-11-29 09:00 UTC");
    expect(lines[4]).toContain(`<${base}/incidents/inc-12>`);
    expect(markdown).toContain("acknowledged 2026-11-28 09:05 UTC by Grace");
    expect(markdown.endsWith("\n")).toBe(true);
  });

  it("keeps the list separator after a link outside it", () => {
    const view = handoffView();
    const snapshot = { ...view.snapshot, deploys: [deploy(7), deploy(8, { service: "Studio" })] };
    const markdown = renderHandoffMarkdown({ ...view, snapshot, manualDeploys: [] });
    const deploys =
      markdown.split("\n").find((line) => line.startsWith("- **In-flight deploys:**")) ?? "";
    expect(deploys).toContain(`<${base}/deploys#deploy-7>; Studio`);
    expect(deploys).toMatch(new RegExp(`<${base.replaceAll(".", "\\.")}/deploys#deploy-8>$`));
    expect(deploys).not.toContain(";>");
  });

  it("never embeds a remote image from typed text", () => {
    const markdown = renderHandoffMarkdown(
      handoffView({
        notes:
          "dashboard ![p](https://evil.example/track.png) <img src=https://evil.example/p.gif>",
        knownRisks: ["![r][ref]"],
      }),
    );
    const outsideCode = markdown.replace(/(`+)[\s\S]*?\1/g, "");
    expect(outsideCode).not.toMatch(/(?:^|[^\\])(?:\\\\)*!\[/);
    expect(outsideCode).not.toMatch(/(?<!\\)<img/i);
    expect(markdown).toContain("dashboard \\![p](https://evil.example/track.png) \\<img");
  });

  it("keeps typed text from adding headings, HTML or links", () => {
    const markdown = renderHandoffMarkdown(handoffView({ overdue: true }));
    // Exactly one heading: the title.
    expect(markdown.split("\n").filter((line) => /^ {0,3}#/.test(line))).toEqual([
      "# Handoff HO-12",
    ]);
    // No raw tag or comment opener survives; every "<" is an escaped one or an autolink Vigil made.
    const outsideCode = markdown.replace(/`[^`]*`/g, "");
    const rawTags = [...outsideCode.matchAll(/(?<!\\)<(?!https?:\/\/)[^>]*>?/g)].map(
      (match) => match[0],
    );
    expect(rawTags).toEqual([]);
    expect(markdown).toContain("\\<script>alert(1)\\</script>");
    expect(markdown).toContain("\\<img src=x onerror=alert(1)>");
    expect(markdown).toContain("\\<!channel>");
    expect(markdown).toContain("\\<!-- hidden -->");
    // A link only to http(s): the javascript: destinations are broken.
    expect(markdown).not.toMatch(/\]\(javascript:/);
    expect(markdown).toContain("[x]\\(javascript:alert(1))");
    expect(markdown).toContain("[me]\\(javascript:x)");
    // A typed backslash cannot undo an escape.
    expect(markdown).toContain("\\\\\\<escaped>");
    // Code spans stay as typed.
    expect(markdown).toContain("`<b>code</b>`");
    expect(markdown).toContain("DB migration # tonight");
    expect(markdown).toContain("not acknowledged (overdue)");
    expect(markdown).toContain("From Ada # Lovelace to Grace \\<b>Hopper\\</b>");
  });

  it("names the file after the number and the window's first day", () => {
    expect(handoffMarkdownFilename(handoffView())).toBe("handoff-HO-12-2026-11-28.md");
    expect(handoffMarkdownFilename({ number: 3, windowStart: "2026-12-31T23:30:00.000Z" })).toBe(
      "handoff-HO-3-2026-12-31.md",
    );
  });
});

function handoffNotification(text: string): HandoffNotification {
  return {
    event: "handoff.created",
    eventKey: "handoff:h1:created",
    occurredAt: "2026-11-28T08:55:00.000Z",
    actor: "Ada <!everyone>",
    handoff: {
      id: "h1",
      number: 12,
      url: `${base}/handoffs/h1?a=1&b=2`,
      windowStart: "2026-11-28T09:00:00.000Z",
      windowEnd: "2026-11-29T09:00:00.000Z",
      outgoing: "Ada <!channel>",
      incoming: "Grace & co",
      text,
    },
  };
}

type SlackTexts = { text: string; sections: string[]; context: string[] };
function slackTexts(notification: HandoffNotification): SlackTexts {
  const body = slackBody(notification);
  return {
    text: body.text,
    sections: body.blocks.flatMap((block) => (block.type === "section" ? [block.text.text] : [])),
    context: body.blocks.flatMap((block) =>
      block.type === "context" ? block.elements.map((element) => element.text) : [],
    ),
  };
}

describe("the handoff.created webhook payload", () => {
  it("Slack: links the handoff and shows the text in a code block, everything typed escaped", () => {
    const text = renderHandoffText(
      input({ knownRisks: [...injections, "<@U123> & <!here>", "```closing fence"] }),
    );
    const slack = slackTexts(handoffNotification(text));
    const [headline, code] = slack.sections;
    expect(headline).toContain(
      `:handshake: *On-call handoff*: <${base}/handoffs/h1?a=1&amp;b=2|HO-12> from Ada &lt;!channel&gt; to Grace &amp; co`,
    );
    expect(headline).toContain("2026-11-28 09:00 UTC – 2026-11-29 09:00 UTC");
    expect(code?.startsWith("```\nWindow: 2026-11-28 09:00 UTC")).toBe(true);
    expect(code?.endsWith("\n```")).toBe(true);
    expect(code).toContain(
      'Known risks: &lt;script&gt;alert(1)&lt;/script&gt;; &lt;img src=x onerror="alert(1)"&gt;; javascript:alert(1); &lt;!channel&gt;; # heading; [x](javascript:alert(1)); &lt;@U123&gt; &amp; &lt;!here&gt;',
    );
    // A typed fence cannot close the block: the only ``` are the block's own.
    expect(code?.match(/```/g)).toHaveLength(2);
    expect(code).toContain("`\u200b`\u200b`closing fence");
    const all = [slack.text, ...slack.sections, ...slack.context];
    for (const part of all) {
      // The only raw `<` allowed is the handoff link Vigil made itself.
      for (const match of part.matchAll(/<([^>]*)>/g))
        expect(match[1]).toMatch(
          /^https:\/\/vigil\.example\.com\/handoffs\/h1\?a=1&amp;b=2\|HO-12$/,
        );
    }
    expect(all.join("\n")).not.toMatch(/<!channel>|<!here>|<!everyone>|<script>|<@U123>/);
    expect(slack.context).toEqual(["By Ada &lt;!everyone&gt;"]);
    expect(slack.text).toBe(
      "On-call handoff HO-12: Ada &lt;!channel&gt; → Grace &amp; co, 2026-11-28 09:00 UTC – 2026-11-29 09:00 UTC",
    );
  });

  it("Slack: a long handoff is split over code sections under Slack's limit, never inside an entity", () => {
    const risks = Array.from({ length: 50 }, (_, index) => `${index} <&>${"r".repeat(290)}`);
    const text = renderHandoffText(input({ knownRisks: risks, notes: "n".repeat(5_000) }));
    const slack = slackTexts(handoffNotification(text));
    const code = slack.sections.slice(1);
    expect(code.length).toBeGreaterThan(2);
    for (const section of code) {
      expect(section.length).toBeLessThanOrEqual(3_000);
      expect(section.startsWith("```\n") && section.endsWith("\n```")).toBe(true);
      expect(section).not.toMatch(/&[a-z]*\n```$/);
      expect(section).not.toMatch(/^```\n(?:amp|lt|gt);/);
    }
    const entities = slackTexts(
      handoffNotification(`Known risks: ${"<".repeat(2_000)}&${">".repeat(2_000)}`),
    ).sections.slice(1);
    expect(entities.length).toBeGreaterThan(1);
    for (const section of entities)
      expect(section.slice(4, -4).replace(/^Known risks: /, "")).toMatch(/^(?:&lt;|&amp;|&gt;)+$/);
    const joined = code.map((section) => section.slice(4, -4)).join("");
    expect(joined.replaceAll("\n", "")).toBe(
      text
        .replaceAll("\n", "")
        .replaceAll("&", "&amp;")
        .replaceAll("<", "&lt;")
        .replaceAll(">", "&gt;"),
    );
  });

  it("generic: the event itself, the text as it was rendered", () => {
    const text = renderHandoffText(input({ knownRisks: injections }));
    const event = handoffNotification(text);
    expect(JSON.parse(renderWebhookBody("generic", event))).toEqual(event);
  });
});
