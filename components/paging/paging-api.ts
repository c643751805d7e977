import { pageStates } from "@/lib/paging/labels";
import type { PageNotificationView, PageView } from "@/lib/paging/types";
import { fetchAnswer } from "@/components/ui/fetch-answer";

type Shape = Record<string, unknown>;

const isShape = (value: unknown): value is Shape =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown) => typeof value === "string";
const isTextOrNull = (value: unknown) => value === null || typeof value === "string";
const isCountOrNull = (value: unknown) => value === null || typeof value === "number";
const isOneOf = (value: unknown, allowed: readonly string[]) =>
  typeof value === "string" && allowed.includes(value);

function isPageNotification(value: unknown): value is PageNotificationView {
  return (
    isShape(value) &&
    isText(value.id) &&
    isText(value.step) &&
    isCountOrNull(value.level) &&
    isText(value.recipient) &&
    isText(value.createdAt) &&
    isOneOf(value.status, ["pending", "delivered", "failed"])
  );
}

/** The fields the page banner and its buttons read; a page that lacks one is a wrong answer, not a page. */
function isPageView(value: unknown): value is PageView {
  return (
    isShape(value) &&
    isText(value.id) &&
    typeof value.number === "number" &&
    isOneOf(value.level, ["page", "warning"]) &&
    isOneOf(value.state, pageStates) &&
    isText(value.title) &&
    isTextOrNull(value.serviceName) &&
    isTextOrNull(value.unreachableAt) &&
    isTextOrNull(value.unreachableReason) &&
    typeof value.version === "number" &&
    Array.isArray(value.notifications) &&
    value.notifications.every(isPageNotification)
  );
}

export async function fetchUnacknowledgedPages(signal?: AbortSignal): Promise<PageView[]> {
  const body = await fetchAnswer("/api/v1/pages?state=triggered&limit=20", signal);
  if (!isShape(body) || !Array.isArray(body.pages) || !body.pages.every(isPageView))
    throw new Error("The server's answer was not a list of pages.");
  return body.pages;
}
