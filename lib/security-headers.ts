/**
 * The response headers that harden every page and API answer. Pure: the proxy passes in what it knows about the
 * request, so the policy can be tested without a server.
 */

export const hstsValue = "max-age=63072000; includeSubDomains";

/** The same on every response, pages, API answers and static files alike: next.config.ts sets them for every path. */
export const staticSecurityHeaders: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/** 128 random bits, base64: unguessable and fresh for every response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

export type PagePolicyOptions = { nonce: string; development: boolean; https: boolean };

/**
 * Scripts: only those carrying this response's nonce, plus what they load ('strict-dynamic'); Next.js puts the
 * nonce on its own scripts when it finds it in the request's policy header. Styles: <style>/<link> elements need
 * 'self' or the nonce, but style attributes are allowed inline, because React and Recharts render `style="..."`
 * attributes on the server (chart sizes, progress widths) and a nonce cannot cover an attribute. A style attribute
 * cannot run script, and React escapes its values, so that is the narrower risk. Development adds 'unsafe-eval'
 * (React rebuilds server error stacks with eval) and inline <style> elements (the dev overlay and hot reload).
 */
export function pageContentSecurityPolicy({
  nonce,
  development,
  https,
}: PagePolicyOptions): string {
  const nonceSource = `'nonce-${nonce}'`;
  const directives: string[] = [
    "default-src 'self'",
    `script-src 'self' ${nonceSource} 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Older browsers without style-src-elem/-attr read this line; modern ones use the two below.
    "style-src 'self' 'unsafe-inline'",
    `style-src-elem 'self' ${development ? "'unsafe-inline'" : nonceSource}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** API answers are JSON, text or event streams: nothing in them should ever load or run. */
export const apiContentSecurityPolicy =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export type SchemeOptions = {
  forwardedProto: string | null;
  trustProxy: boolean;
  publicUrl: string | undefined;
};

/**
 * Whether this answer reaches the browser over https. Vigil's own server speaks plain http, so https means a TLS
 * proxy in front: its X-Forwarded-Proto counts only when that proxy is trusted (anyone can send the header, and
 * Next.js builds the request URL's scheme from it, so that scheme proves nothing either); otherwise the configured
 * public URL (NEXTAUTH_URL) decides. Browsers ignore HSTS on plain-http answers, so a public https URL reached
 * over http locks no one out.
 */
export function servedOverHttps({ forwardedProto, trustProxy, publicUrl }: SchemeOptions): boolean {
  if (trustProxy && forwardedProto) {
    const first = forwardedProto.split(",")[0]?.trim().toLowerCase();
    if (first === "https") return true;
  }
  return publicUrl?.startsWith("https:") ?? false;
}

export type ResponseHeaderOptions = {
  kind: "page" | "api";
  nonce: string;
  development: boolean;
  https: boolean;
};

/** The per-request headers the proxy adds to one response; the fixed ones come from next.config.ts. */
export function requestSecurityHeaders({
  kind,
  nonce,
  development,
  https,
}: ResponseHeaderOptions): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  headers.push([
    "Content-Security-Policy",
    kind === "page"
      ? pageContentSecurityPolicy({ nonce, development, https })
      : apiContentSecurityPolicy,
  ]);
  if (https) headers.push(["Strict-Transport-Security", hstsValue]);
  return headers;
}
