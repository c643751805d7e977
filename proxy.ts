import { NextResponse, type NextRequest } from "next/server";
import { databaseAnswers } from "@/lib/db-ping";
import { outagePageHtml } from "@/lib/outage-page";

// Convenience only: sends cookieless visitors to sign-in without rendering a page first.
// Every page, action and route handler checks the session itself; this is never the boundary.
export async function proxy(request: NextRequest) {
  const hasSession = request.cookies.getAll().some((cookie) => cookie.name.includes("next-auth.session-token"));
  // A page reads the database while rendering: when it does not answer, say so at once with a 503 outage
  // page, rather than hang until the read deadline and then show a generic 500. Server actions (POST) go on
  // to the action, which answers in its own error shape.
  const isNavigation = request.method === "GET" || request.method === "HEAD";
  if (hasSession && isNavigation && !(await databaseAnswers())) {
    return new NextResponse(outagePageHtml({ path: `${request.nextUrl.pathname}${request.nextUrl.search}` }), {
      status: 503,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": "15" },
    });
  }
  if (hasSession) return NextResponse.next();
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!api/|signin|_next/|favicon.ico|robots.txt).*)"],
};
