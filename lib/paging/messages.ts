import type { ContactPriority } from "@/lib/contacts/send";
import { publicUrl } from "@/lib/env";
import type { AlertLevel, AlertRule } from "@/lib/health/types";

export type PageMessageKind = "page" | "warning" | "escalated" | "recovered";
export type PageMessage = {
  title: string;
  text: string;
  link: string;
  kind: string;
  priority: ContactPriority;
};

export const pageUrl = (pageId: string) => `${publicUrl()}/pages/${pageId}`;

const ruleTitles: Record<AlertRule, string> = {
  down: "is down",
  degraded: "is degraded",
  flapping: "is flapping",
  certificate: "certificate expires soon",
  burn_fast: "burns its error budget fast",
  burn_slow: "burns its error budget",
};

/** A service page's title: "Studio is down". */
export function servicePageTitle(serviceName: string, rule: AlertRule): string {
  return rule === "certificate"
    ? `${serviceName}: ${ruleTitles[rule]}`
    : `${serviceName} ${ruleTitles[rule]}`;
}
export const monitorPageTitle = "Monitoring itself is degraded";

/** What a page's subject is called in "RECOVERED #12: Studio". */
export function pageSubject(page: {
  kind: "service" | "monitor";
  serviceName: string | null;
}): string {
  return page.kind === "monitor" ? "Monitoring" : (page.serviceName ?? "A service");
}

type PageFacts = {
  id: string;
  number: number;
  title: string;
  reason: string;
  level: AlertLevel;
  kind: "service" | "monitor";
  serviceName: string | null;
};

/**
 * The message every contact method of a step gets: "PAGE #12: Studio is down" with the reason and the link that
 * acknowledges it; "WARNING #13: …"; "RECOVERED #12: Studio". ntfy's priority follows: urgent, default, low.
 */
export function pageMessage(
  page: PageFacts,
  kind: PageMessageKind,
  detail: { escalation?: string; recovery?: string } = {},
): PageMessage {
  const link = pageUrl(page.id);
  if (kind === "recovered") {
    const subject = pageSubject(page);
    return {
      title: `RECOVERED #${page.number}: ${subject}`,
      text: `${subject} recovered${detail.recovery ? `: ${detail.recovery}` : ""}. Page #${page.number} (${page.title}) is resolved; nothing more to do.`,
      link,
      kind: "page.recovered",
      priority: "low",
    };
  }
  if (kind === "warning") {
    return {
      title: `WARNING #${page.number}: ${page.title}`,
      text: `${page.reason}\nLook when you can: ${link}`,
      link,
      kind: "page.warning",
      priority: "default",
    };
  }
  const why = kind === "escalated" && detail.escalation ? `${detail.escalation}\n` : "";
  return {
    title: `PAGE #${page.number}: ${page.title}`,
    text: `${why}${page.reason}\nAcknowledge: ${link}`,
    link,
    kind: kind === "escalated" ? "page.escalated" : "page.triggered",
    priority: "urgent",
  };
}
