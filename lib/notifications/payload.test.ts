import { describe, expect, it } from "vitest";
import type { IncidentNotification } from "@/lib/incidents/types";
import {
  escapeMrkdwn,
  renderWebhookBody,
  slackBody,
  webhookTestNotification,
} from "@/lib/notifications/payload";

const hostile = [
  "<script>alert(1)</script>",
  "<!channel>",
  "<http://evil|x>",
  "javascript:alert(1)",
  "<@U123> & <!here>",
];

function notification(overrides: Partial<IncidentNotification> = {}): IncidentNotification {
  return {
    event: "incident.declared",
    eventKey: "incident:1:declared",
    occurredAt: "2026-11-28T14:05:00.000Z",
    actor: "Ada <!everyone>",
    incident: {
      id: "7d8f0a52-8a63-4c0e-9a8b-0f3c3c8f6a11",
      number: 42,
      title: `Login down ${hostile.join(" ")}`,
      severity: "sev1",
      status: "investigating",
      services: ["Studio <!channel>"],
      url: "https://vigil.example.com/incidents/7d8f0a52-8a63-4c0e-9a8b-0f3c3c8f6a11?a=1&b=2",
    },
    message: `Users cannot sign in. ${hostile.join(" ")}`,
    affected: "<!subteam^S123>",
    workaround: "Use <https://evil.example|the old login>",
    eta: "15:00 UTC",
    ...overrides,
  };
}

/** Every mrkdwn string in a Slack body, fallback text included. */
function allText(body: ReturnType<typeof slackBody>): string[] {
  return [
    body.text,
    ...body.blocks.flatMap((block) =>
      block.type === "section" ? [block.text.text] : block.elements.map((element) => element.text),
    ),
  ];
}

describe("Slack-compatible body", () => {
  it("escapes everything a person typed so mentions, links and tags stay text", () => {
    const body = slackBody(notification());
    const texts = allText(body);
    const joined = texts.join("\n");
    expect(joined).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(joined).toContain("&lt;!channel&gt;");
    expect(joined).toContain("&lt;http://evil|x&gt;");
    expect(joined).toContain("&lt;!everyone&gt;");
    expect(joined).toContain("&lt;!subteam^S123&gt;");
    expect(joined).toContain("&lt;@U123&gt; &amp; &lt;!here&gt;");
    expect(joined).toContain("javascript:alert(1)");
    for (const text of texts) {
      // The only raw `<` allowed is the one incident link Vigil made itself.
      const raw = [...text.matchAll(/<([^>]*)>/g)].map((match) => match[1] ?? "");
      for (const inner of raw)
        expect(inner).toMatch(/^https:\/\/vigil\.example\.com\/incidents\/[^|<>\s]+\|#42 /);
    }
    expect(joined).not.toMatch(/<!channel>|<!everyone>|<script>|<http:\/\/evil/);
  });

  it("links the incident, shows severity and status in words, and escapes & in the link", () => {
    const body = slackBody(notification());
    const first = body.blocks[0];
    expect(first?.type).toBe("section");
    const text = first?.type === "section" ? first.text.text : "";
    expect(text).toContain("*Incident declared*");
    expect(text).toContain(
      "<https://vigil.example.com/incidents/7d8f0a52-8a63-4c0e-9a8b-0f3c3c8f6a11?a=1&amp;b=2|#42 Login down",
    );
    expect(text).toContain("*SEV1* · Investigating");
    expect(body.text).toMatch(/^Incident declared: \[SEV1\] #42 Login down/);
  });

  it("says what changed for severity and status events, and marks a resolution", () => {
    const severity = slackBody(
      notification({ event: "incident.severity_changed", previous: "sev3" }),
    );
    expect(allText(severity).join("\n")).toContain("(was SEV3)");
    const resolved = slackBody(
      notification({
        event: "incident.resolved",
        previous: "mitigated",
        incident: { ...notification().incident, status: "resolved" },
      }),
    );
    expect(allText(resolved)[1]).toContain(":white_check_mark: *Incident resolved*");
    expect(allText(resolved).join("\n")).toContain("(was Mitigated (monitoring))");
    const odd = slackBody(
      notification({ event: "incident.status_changed", previous: "<!channel>" }),
    );
    expect(allText(odd).join("\n")).toContain("(was &lt;!channel&gt;)");
  });

  it("shows a non-http incident link as text, never as a link", () => {
    const body = slackBody(
      notification({ incident: { ...notification().incident, url: "javascript:alert(1)" } }),
    );
    expect(allText(body).join("\n")).not.toContain("<javascript:");
  });

  it("keeps sections under Slack's 3,000-character limit", () => {
    const long = "<&".repeat(2_000);
    const body = slackBody(
      notification({
        message: long,
        workaround: long,
        affected: long,
        eta: long,
        incident: { ...notification().incident, title: long },
      }),
    );
    for (const block of body.blocks)
      if (block.type === "section") expect(block.text.text.length).toBeLessThanOrEqual(3_000);
    const message = body.blocks[1];
    const text = message?.type === "section" ? message.text.text : "";
    expect(text.endsWith("…")).toBe(true);
    // Cut on an entity boundary: never a dangling "&l" or "&am".
    expect(text).toMatch(/(&lt;|&amp;)…$/);
  });

  it("escapes exactly &, < and >", () => {
    expect(escapeMrkdwn("a & b < c > d *e* _f_")).toBe("a &amp; b &lt; c &gt; d *e* _f_");
  });
});

describe("generic body and the test event", () => {
  it("sends the neutral event's fields unchanged as JSON", () => {
    const event = notification();
    expect(JSON.parse(renderWebhookBody("generic", event))).toEqual(event);
  });

  it("renders the test event in both formats with the webhook's name escaped for Slack", () => {
    const test = webhookTestNotification({
      eventKey: "test:1",
      actor: "Admin",
      webhookName: "Ops <!channel>",
      now: new Date("2026-11-28T00:00:00Z"),
    });
    expect(JSON.parse(renderWebhookBody("generic", test))).toMatchObject({
      event: "webhook.test",
      eventKey: "test:1",
      webhook: { name: "Ops <!channel>" },
    });
    const slack = JSON.parse(renderWebhookBody("slack", test)) as { text: string };
    expect(slack.text).toContain("Ops &lt;!channel&gt;");
    expect(slack.text).not.toContain("<!channel>");
  });
});

describe("postmortem reminders", () => {
  it("link to the postmortem document, keep the title escaped, and say when it is due", () => {
    const reminder = notification({
      event: "postmortem.overdue",
      eventKey: "postmortem:p1:postmortem.overdue:2026-12-04T23:59:59.999Z",
      message: "The postmortem for INC-42 is overdue by 1 business day.",
      postmortem: {
        id: "p1",
        url: "https://vigil.example.com/postmortems/p1",
        dueAt: "2026-12-04T23:59:59.999Z",
        dueIn: "overdue by 1 business day",
      },
    });
    const body = slackBody(reminder);
    const headline = body.blocks[0]?.type === "section" ? body.blocks[0].text.text : "";
    expect(headline).toContain("*Postmortem overdue*");
    expect(headline).toContain(
      "<https://vigil.example.com/postmortems/p1|Postmortem for #42 Login down &lt;script&gt;",
    );
    expect(headline).not.toContain("/incidents/");
    expect(allText(body).join("\n")).toContain("overdue by 1 business day");
    expect(JSON.parse(renderWebhookBody("generic", reminder))).toMatchObject({
      event: "postmortem.overdue",
      postmortem: { dueIn: "overdue by 1 business day" },
    });
  });
});
