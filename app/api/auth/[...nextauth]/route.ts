import NextAuth from "next-auth";
import { errorResponse, refuseCrossSiteCookieWrite, toAppError } from "@/lib/api/http";
import { buildAuthOptions } from "@/lib/auth/options";

async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  // next-auth's own CSRF token guards its forms; the origin check is the same rule every other write follows.
  try {
    refuseCrossSiteCookieWrite(request);
  } catch (error) {
    return errorResponse(toAppError(error));
  }
  return NextAuth(request as never, context as never, buildAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
