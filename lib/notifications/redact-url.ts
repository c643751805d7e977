const mask = "••••";
// Path prefixes such as "services", "api", "hooks" or "v1" name an endpoint; anything else may be the secret itself.
const harmlessSegment = /^(?:[A-Za-z][A-Za-z_.-]{0,23}|v\d{1,2})$/;

/**
 * A webhook URL as it may be shown or logged: `https://hooks.slack.com/services/••••`. Userinfo and the
 * query string never appear; only a first path segment that reads like a word is kept.
 */
export function redactUrl(value: string): string {
  if (!URL.canParse(value)) return mask;
  const url = new URL(value);
  const segments = url.pathname.split("/").filter(Boolean);
  const [first] = segments;
  const kept = first !== undefined && harmlessSegment.test(first) ? `/${first}` : "";
  const hidden = segments.length > (kept ? 1 : 0) || url.search !== "" || url.hash !== "";
  return `${url.protocol}//${url.host}${kept}${hidden ? `/${mask}` : ""}`;
}

/** Every part of a URL that redactUrl hides, longest first, so a message can be scrubbed of them. */
export function secretPartsOf(value: string): string[] {
  if (!URL.canParse(value)) return [value].filter((part) => part.length > 0);
  const url = new URL(value);
  const segments = url.pathname.split("/").filter(Boolean);
  const [first] = segments;
  const hiddenSegments =
    first !== undefined && harmlessSegment.test(first) ? segments.slice(1) : segments;
  const parts = [
    value,
    url.href,
    `${url.pathname}${url.search}`,
    url.search,
    url.search.slice(1),
    url.hash,
    url.username,
    url.password,
    ...hiddenSegments,
    ...hiddenSegments.map((segment) => decodeURIComponentSafe(segment)),
    ...[...url.searchParams.values()],
  ];
  return [...new Set(parts.filter((part) => part.length >= 3))].sort((a, b) => b.length - a.length);
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A message (an error, a log line) with every secret part of the URL replaced by the mask. */
export function scrubUrlSecrets(message: string, url: string): string {
  return secretPartsOf(url).reduce((text, part) => text.split(part).join(mask), message);
}
