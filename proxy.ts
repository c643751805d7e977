import { NextResponse, type NextRequest } from "next/server";
import { databaseAnswers } from "@/lib/db-ping";
import { env } from "@/lib/env";
import { outagePageHtml } from "@/lib/outage-page";
import { oversizedServerActionResponse } from "@/lib/server-action-limit";
import { createNonce, requestSecurityHeaders, servedOverHttps } from "@/lib/security-headers";

// Sets each response's Content-Security-Policy (with a fresh nonce Next.js copies onto its own scripts) and HSTS,
// and, for convenience only, sends cookieless visitors to sign-in without rendering a page first.
// Every page, action and route handler checks the session itself; this is never the boundary.
export async function proxy(request: NextRequest) {
  // Next.js reads a server action's body before any of our code and answers an oversized one with a bare 500.
  const oversized = oversizedServerActionResponse(request);
  if (oversized) return oversized;
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  const nonce = createNonce();
  const headers = requestSecurityHeaders({
    kind: isApi ? "api" : "page",
    nonce,
    development: env.NODE_ENV === "development",
    https: servedOverHttps({
      forwardedProto: request.headers.get("x-forwarded-proto"),
      trustProxy: env.VIGIL_TRUST_PROXY,
      publicUrl: env.NEXTAUTH_URL,
    }),
  });

  // A page reads the database while rendering: when it does not answer, say so at once with a 503 outage
  // page, rather than hang until the read deadline and then show a generic 500. Server actions (POST) go on
  // to the action, which answers in its own error shape.
  const isNavigation = request.method === "GET" || request.method === "HEAD";
  if (
    isNavigation &&
    !isApi &&
    pathname !== "/signin" &&
    hasSessionCookie(request) &&
    !(await databaseAnswers())
  ) {
    const outage = new NextResponse(
      outagePageHtml({ nonce, path: `${pathname}${request.nextUrl.search}` }),
      {
        status: 503,
        headers: {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
          "retry-after": "15",
        },
      },
    );
    for (const [name, value] of headers) outage.headers.set(name, value);
    return outage;
  }
  const response =
    isApi || pathname === "/signin" || hasSessionCookie(request)
      ? passThrough(request, headers, nonce, isApi)
      : redirectToSignIn(request);
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((cookie) => cookie.name.includes("next-auth.session-token"));
}

/** Next.js reads the nonce from the request's policy header while rendering; the layout reads x-nonce. */
function passThrough(
  request: NextRequest,
  headers: Array<[string, string]>,
  nonce: string,
  isApi: boolean,
): NextResponse {
  if (isApi) return NextResponse.next();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  const policy = headers.find(([name]) => name === "Content-Security-Policy");
  if (policy) requestHeaders.set("Content-Security-Policy", policy[1]);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

function redirectToSignIn(request: NextRequest): NextResponse {
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Static build output and icons carry no HTML, so they need no per-request policy (next.config.ts still hardens them).
  // The public/ files (icons, favicon, web manifest) are for everyone, signed in or not: browsers fetch them without cookies.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icons/|manifest.webmanifest|robots.txt).*)"],
};
