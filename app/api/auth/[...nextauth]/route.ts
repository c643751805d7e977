import NextAuth from "next-auth";
import { buildAuthOptions } from "@/lib/auth/options";

async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, context as never, buildAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
