import { describe, expect, it } from "vitest";
import { humanDuration } from "@/lib/time/duration";
import {
  escapeBlock,
  escapeCell,
  notWrittenYet,
  postmortemMarkdown,
  postmortemMarkdownFilename,
} from "@/lib/postmortems/markdown";
import { postmortemSectionLabels, postmortemSections } from "@/lib/postmortems/labels";
import type { PostmortemDetail } from "@/lib/postmortems/types";

const alice = {
  id: "11111111-1111-4111-8111-111111111111",
  name: "Alice Ops",
  email: "alice@vigil.test",
};
const bob = {
  id: "22222222-2222-4222-8222-222222222222",
  name: "Bob Review",
  email: "bob@vigil.test",
};
const carol = {
  id: "33333333-3333-4333-8333-333333333333",
  name: "Carol Second",
  email: "carol@vigil.test",
};

function fixture(): PostmortemDetail {
  return {
    postmortem: {
      id: "44444444-4444-4444-8444-444444444444",
      status: "in_review",
      required: true,
      dueAt: "2026-12-05T23:59:59.000Z",
      dueIn: "due in 3 business days",
      overdue: false,
      version: 7,
      content: {
        summary: "The MCP endpoint answered 502 for 47 minutes.\n# Not a heading\nSecond line.",
        impact: "Agents could not list tools.",
        detection: "",
        rootCauses: "A certificate expired because renewal was manual.",
        contributingFactors: "No expiry alert.\nTitle\n===\n<!-- a comment that never closes",
        wentWell: "Rollback took two minutes.\n```\nunclosed fence",
        wasHard: "   ",
        lessons: "Automate renewals.",
        timeline: {
          excluded: ["3"],
          annotations: { "2": "This is where we saw it.\n# also not a heading" },
        },
      },
      owner: alice,
      reviewRequestedAt: "2026-11-29T09:00:00.000Z",
      publishedAt: null,
      publishedBy: null,
      createdAt: "2026-11-28T15:00:00.000Z",
      updatedAt: "2026-11-29T09:00:00.000Z",
      incident: {
        id: "55555555-5555-4555-8555-555555555555",
        number: 12,
        title: "MCP tools dropped to 0",
        severity: "sev1",
        status: "resolved",
        commander: alice,
        declaredAt: "2026-11-28T14:03:00.000Z",
        resolvedAt: "2026-11-28T14:50:00.000Z",
      },
    },
    impact: {
      severity: "sev1",
      userVisibleEffect: "Tool listing failed",
      services: [
        { id: "s1", name: "mcp-gateway" },
        { id: "s2", name: "holomesh" },
      ],
      startedAt: "2026-11-28T13:58:00.000Z",
      declaredAt: "2026-11-28T14:03:00.000Z",
      mitigatedAt: "2026-11-28T14:20:00.000Z",
      resolvedAt: "2026-11-28T14:50:00.000Z",
      durationMs: 52 * 60_000,
      timeToMitigateMs: 22 * 60_000,
    },
    detection: {
      impactStartedAt: "2026-11-28T13:58:00.000Z",
      firstSignal: {
        at: "2026-11-28T13:58:30.000Z",
        service: "mcp-gateway",
        state: "down",
        reason: "HTTP 502",
      },
      detectedAt: "2026-11-28T14:00:00.000Z",
      detectedBy: "health_alert",
      timeToDetectMs: 2 * 60_000,
      timeToDeclareMs: 5 * 60_000,
    },
    timeline: [
      {
        id: "1",
        kind: "declared",
        body: "Declared SEV1",
        occurredAt: "2026-11-28T14:03:00.000Z",
        authorLabel: "Alice Ops",
        included: true,
        annotation: "",
      },
      {
        id: "2",
        kind: "note",
        body: "502s on /mcp",
        occurredAt: "2026-11-28T14:05:00.000Z",
        authorLabel: "Bob Review",
        included: true,
        annotation: "This is where we saw it.\n# also not a heading",
      },
      {
        id: "3",
        kind: "note",
        body: "lunch order: pizza",
        occurredAt: "2026-11-28T14:06:00.000Z",
        authorLabel: "Carol Second",
        included: false,
        annotation: "",
      },
      {
        id: "4",
        kind: "action",
        body: "Renewed the cert\n## by hand",
        occurredAt: "2026-11-29T00:10:00.000Z",
        authorLabel: "Alice Ops",
        included: true,
        annotation: "",
      },
    ],
    actionItems: [
      {
        id: "a1",
        postmortemId: "44444444-4444-4444-8444-444444444444",
        title: "Alert on cert | expiry\nin 14 days",
        owner: bob,
        dueDate: "2026-12-10",
        issueUrl: "https://github.com/holo/vigil/issues/40?q=a|b",
        status: "open",
        overdue: false,
        version: 1,
        createdAt: "2026-11-29T09:00:00.000Z",
        updatedAt: "2026-11-29T09:00:00.000Z",
      },
      {
        id: "a2",
        postmortemId: "44444444-4444-4444-8444-444444444444",
        title: "Automate renewal",
        owner: null,
        dueDate: null,
        issueUrl: null,
        status: "in_progress",
        overdue: false,
        version: 2,
        createdAt: "2026-11-29T09:00:00.000Z",
        updatedAt: "2026-11-29T09:00:00.000Z",
      },
    ],
    reviewers: [
      {
        user: bob,
        assignedAt: "2026-11-29T09:00:00.000Z",
        decision: "approved",
        decidedAt: "2026-11-29T10:00:00.000Z",
        decidedOnVersion: 7,
        current: true,
      },
      {
        user: carol,
        assignedAt: "2026-11-29T09:00:00.000Z",
        decision: "changes_requested",
        decidedAt: "2026-11-29T09:30:00.000Z",
        decidedOnVersion: 6,
        current: false,
      },
      {
        user: alice,
        assignedAt: "2026-11-29T09:00:00.000Z",
        decision: null,
        decidedAt: null,
        decidedOnVersion: null,
        current: false,
      },
    ],
    reviews: [],
    revisions: [],
    readiness: { canPublish: true, reasons: [], approvals: 1 },
  };
}

const headingsOf = (markdown: string) =>
  markdown.split("\n").filter((line) => /^ {0,3}#{1,6}(\s|$)/.test(line));
const sectionOf = (markdown: string, heading: string) => {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
};

describe("postmortemMarkdown", () => {
  const markdown = postmortemMarkdown(fixture(), { baseUrl: "https://vigil.test/" });

  it("holds every section, in the template's order, with the timeline after detection and action items last", () => {
    const expected = [
      "# INC-12 postmortem: MCP tools dropped to 0",
      ...postmortemSections.slice(0, 3).map((section) => `## ${postmortemSectionLabels[section]}`),
      "## Timeline",
      ...postmortemSections.slice(3).map((section) => `## ${postmortemSectionLabels[section]}`),
      "## Action items",
    ];
    expect(headingsOf(markdown)).toEqual(expected);
    expect(expected).toContain("## Root cause(s)");
    expect(expected).toContain("## What went well");
  });

  it("keeps the written text and says so when a section is empty or blank", () => {
    expect(sectionOf(markdown, "Summary")).toContain(
      "The MCP endpoint answered 502 for 47 minutes.",
    );
    expect(sectionOf(markdown, "Root cause(s)")).toContain(
      "A certificate expired because renewal was manual.",
    );
    expect(sectionOf(markdown, "Lessons")).toContain("Automate renewals.");
    expect(sectionOf(markdown, "Detection")).toContain(notWrittenYet);
    expect(sectionOf(markdown, "What was hard")).toContain(notWrittenYet);
    expect(sectionOf(markdown, "Summary")).not.toContain(notWrittenYet);
  });

  it("puts status, owner, due date, publication and reviewers with their decisions in the header", () => {
    const head = markdown.slice(0, markdown.indexOf("\n## "));
    expect(head).toContain(
      "- **Incident:** [INC-12](https://vigil.test/incidents/55555555-5555-4555-8555-555555555555) · SEV1",
    );
    expect(head).toContain("- **Status:** In review (required)");
    expect(head).toContain("- **Owner:** Alice Ops");
    expect(head).toContain("- **Due:** 2026-12-05 23:59 UTC (due in 3 business days)");
    expect(head).toContain("- **Published:** Not yet");
    expect(head).toContain("Bob Review (Approved 2026-11-29 10:00 UTC on version 7)");
    expect(head).toContain(
      "Carol Second (Changes requested 2026-11-29 09:30 UTC on version 6, an earlier version)",
    );
    expect(head).toContain("Alice Ops (no decision yet)");
    expect(head).toContain(
      "- **Source:** https://vigil.test/postmortems/44444444-4444-4444-8444-444444444444",
    );

    const published = fixture();
    published.postmortem.status = "published";
    published.postmortem.publishedAt = "2026-11-30T08:00:00.000Z";
    published.postmortem.publishedBy = bob;
    expect(postmortemMarkdown(published)).toContain(
      "- **Published:** 2026-11-30 08:00 UTC by Bob Review",
    );
    expect(postmortemMarkdown(published)).toContain("- **Incident:** INC-12 · SEV1");
  });

  it("states the impact and detection facts in UTC and human durations", () => {
    const impact = sectionOf(markdown, "Impact");
    expect(impact).toContain("- **Severity:** SEV1");
    expect(impact).toContain("- **Duration:** 52 min");
    expect(impact).toContain("- **Time to mitigate:** 22 min");
    expect(impact).toContain("- **Affected services:** mcp-gateway, holomesh");
    expect(impact).toContain("- **Started:** 2026-11-28 13:58 UTC");
    expect(impact).toContain("- **Declared:** 2026-11-28 14:03 UTC");
    expect(impact).toContain("- **Mitigated:** 2026-11-28 14:20 UTC");
    expect(impact).toContain("- **Resolved:** 2026-11-28 14:50 UTC");
    expect(impact).toContain("Agents could not list tools.");
    const detection = sectionOf(markdown, "Detection");
    expect(detection).toContain("- **Detected by:** Health alert at 2026-11-28 14:00 UTC");
    expect(detection).toContain(
      "- **First signal:** 2026-11-28 13:58 UTC, mcp-gateway down: HTTP 502",
    );
    expect(detection).toContain("- **Time to detect:** 2 min");
    expect(detection).toContain("- **Time to declare:** 5 min");
  });

  it("exports the curated timeline: included entries by day, annotations as quotes, excluded entries left out", () => {
    const timeline = sectionOf(markdown, "Timeline");
    expect(timeline).toContain(
      "**2026-11-28**\n\n- 14:03 UTC — Declared SEV1 (Alice Ops)\n- 14:05 UTC — 502s on /mcp (Bob Review)\n  > This is where we saw it.\n  > \\# also not a heading",
    );
    expect(timeline).toContain(
      "**2026-11-29**\n\n- 00:10 UTC — Renewed the cert\n  \\## by hand (Alice Ops)",
    );
    expect(markdown).not.toContain("lunch order");
    expect(markdown).not.toContain("Carol Second)");
  });

  it("lists the action items as a table with escaped cells and safe issue links", () => {
    const items = sectionOf(markdown, "Action items");
    expect(items).toContain("| Action | Owner | Due | Status | Issue |");
    expect(items).toContain(
      "| Alert on cert \\| expiry in 14 days | Bob Review | 2026-12-10 | Open | <https://github.com/holo/vigil/issues/40?q=a%7Cb> |",
    );
    expect(items).toContain("| Automate renewal | Unassigned | — | In progress | — |");
    for (const row of items.split("\n").filter((line) => line.startsWith("|"))) {
      expect(row.replaceAll("\\|", "").split("|")).toHaveLength(7);
    }
  });

  it("never lets user text add headings, setext underlines, HTML blocks or an open code fence", () => {
    expect(headingsOf(markdown)).toHaveLength(1 + postmortemSections.length + 2);
    expect(markdown).toContain("\n\\# Not a heading\n");
    expect(markdown).toContain("\nTitle\n\\===\n\\<!-- a comment that never closes");
    const wentWell = sectionOf(markdown, "What went well");
    expect(wentWell).toContain("```\nunclosed fence\n```");
    const fences = markdown.split("\n").filter((line) => line.startsWith("```"));
    expect(fences.length % 2).toBe(0);
  });

  it("names the file after the incident", () => {
    expect(postmortemMarkdownFilename(fixture())).toBe("INC-12-postmortem.md");
  });
});

describe("escaping helpers", () => {
  it("escapes headings but leaves lists, emphasis and closed code blocks alone", () => {
    expect(escapeBlock("# a\n   ## b\n- item\n*em*\n```sh\n# inside code\n```\n#after")).toBe(
      "\\# a\n   \\## b\n- item\n*em*\n```sh\n# inside code\n```\n\\#after",
    );
    expect(escapeBlock("~~~~\ncode\n~~~")).toBe("~~~~\ncode\n~~~\n~~~~");
    expect(escapeBlock("a\r\n---")).toBe("a\n\\---");
  });

  it("never embeds a remote image from what people wrote, in sections, timeline entries or notes", () => {
    const detail = fixture();
    detail.postmortem.content.summary =
      "Graph: ![latency](https://evil.example/track.png)\n<img src=https://evil.example/p.gif>";
    detail.postmortem.content.timeline.annotations["2"] =
      "![x][ref]\n[ref]: https://evil.example/ref.png";
    detail.timeline = [
      {
        id: "2",
        kind: "note",
        body: "screenshot ![s](https://evil.example/s.png)",
        occurredAt: "2026-11-28T14:05:00.000Z",
        authorLabel: "Bob ![b](https://evil.example/b.png)",
        included: true,
        annotation: "![x][ref]",
      },
    ];
    const markdown = postmortemMarkdown(detail, { baseUrl: "https://vigil.example" });
    const outsideCode = markdown.replace(/(`+)[\s\S]*?\1/g, "");
    expect(outsideCode).not.toMatch(/(?:^|[^\\])(?:\\\\)*!\[/);
    expect(outsideCode).not.toMatch(/(?<!\\)<img/i);
    expect(outsideCode).not.toMatch(/^ {0,3}\[ref\]:/m);
    expect(markdown).toContain("\\![latency](https://evil.example/track.png)");
  });

  it("makes HTML and script links inert while code spans stay as typed", () => {
    expect(
      escapeBlock(
        '<img src=x onerror="alert(1)"> and <b>bold</b> and </div> <!-- c --> but 1 < 2 and <3',
      ),
    ).toBe(
      '\\<img src=x onerror="alert(1)"> and \\<b>bold\\</b> and \\</div> \\<!-- c --> but 1 < 2 and <3',
    );
    expect(escapeBlock("typed \\<script> stays text")).toBe("typed \\\\\\<script> stays text");
    expect(
      escapeBlock(
        "[click](javascript:alert(1)) and [docs](https://vigil.test/a) and [mail](mailto:a@b.test)",
      ),
    ).toBe(
      "[click]\\(javascript:alert(1)) and [docs](https://vigil.test/a) and [mail](mailto:a@b.test)",
    );
    expect(escapeBlock("[x]: javascript:alert(1)")).toBe("\\[x]: javascript:alert(1)");
    expect(escapeBlock("run `kubectl get <pod> | grep \\d` then <b>")).toBe(
      "run `kubectl get <pod> | grep \\d` then \\<b>",
    );
    expect(escapeBlock("an `unclosed <b> tick")).toBe("an `unclosed \\<b> tick");
  });

  it("keeps table cells on one line with pipes escaped, backslashes first", () => {
    expect(escapeCell("a|b\nc\\|d")).toBe("a\\|b c\\\\\\|d");
  });

  it("says durations in human units", () => {
    expect([
      humanDuration(45_000),
      humanDuration(12 * 60_000),
      humanDuration(65 * 60_000),
      humanDuration(120 * 60_000),
      humanDuration(74 * 3_600_000),
    ]).toEqual(["45 s", "12 min", "1 h 5 min", "2 h", "3 d 2 h"]);
  });

  it("puts a timeline body that opens with a code block on its own lines so the fence works", () => {
    const detail = fixture();
    detail.timeline = [
      {
        id: "9",
        kind: "note",
        body: "```\nkubectl get pods\n```",
        occurredAt: "2026-11-28T14:03:00.000Z",
        authorLabel: "Alice Ops",
        included: true,
        annotation: "",
      },
    ];
    expect(sectionOf(postmortemMarkdown(detail), "Timeline")).toContain(
      "- 14:03 UTC — (Alice Ops)\n\n  ```\n  kubectl get pods\n  ```",
    );
    detail.timeline = [
      {
        id: "9",
        kind: "note",
        body: "ran:\n```\nls\n```",
        occurredAt: "2026-11-28T14:03:00.000Z",
        authorLabel: "Alice Ops",
        included: true,
        annotation: "",
      },
    ];
    expect(sectionOf(postmortemMarkdown(detail), "Timeline")).toContain(
      "- 14:03 UTC — ran:\n  ```\n  ls\n  ```\n  (Alice Ops)",
    );
  });
});
