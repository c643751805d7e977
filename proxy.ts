import { NextResponse, type NextRequest } from "next/server";

// Convenience only: sends cookieless visitors to sign-in without rendering a page first.
// Every page, action and route handler checks the session itself; this is never the boundary.
export function proxy(request: NextRequest) {
  const hasSession = request.cookies.getAll().some((cookie) => cookie.name.includes("next-auth.session-token"));
  if (hasSession) return NextResponse.next();
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!api/|signin|_next/|favicon.ico|robots.txt).*)"],
};
