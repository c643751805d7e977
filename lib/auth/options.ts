import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { clientAddress } from "@/lib/auth/client-address";
import { signInWithPassword, tooManyAttemptsMessage } from "@/lib/auth/credentials";
import {
  authSecret,
  endSession,
  sessionMaxAgeSeconds,
  startSession,
  type SessionClaims,
} from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { findUserByEmail } from "@/lib/users/data";

type SignedInUser = { id: string; email: string; name: string; sv: number };

export function safeCallbackPath(url: string, baseUrl: string): string {
  try {
    const base = new URL(baseUrl);
    const target = new URL(url, base);
    if (target.origin !== base.origin) return baseUrl;
    return target.toString();
  } catch {
    return baseUrl;
  }
}

export function buildAuthOptions(): NextAuthOptions {
  const github =
    env.GITHUB_ID && env.GITHUB_SECRET
      ? [GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET })]
      : [];
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
    jwt: { maxAge: sessionMaxAgeSeconds },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, request) {
          const result = await signInWithPassword(credentials, clientAddress(request?.headers));
          if (!result.ok) {
            if (result.reason === "throttled") throw new Error(tooManyAttemptsMessage);
            return null;
          }
          const user: SignedInUser = { ...result.actor, sv: result.sessionVersion };
          return user;
        },
      }),
      ...github,
    ],
    callbacks: {
      // GitHub only signs in people an admin already added, matched by verified email: no self-sign-up.
      async signIn({ user, account }) {
        if (account?.provider !== "github") return true;
        const existing = user.email ? await findUserByEmail(user.email) : null;
        return Boolean(existing && !existing.disabled);
      },
      async jwt({ token, user, account }) {
        if (user && account?.provider === "credentials") {
          const signedIn = user as unknown as SignedInUser;
          return {
            ...token,
            sub: signedIn.id,
            sv: signedIn.sv,
            sid: await startSession(signedIn.id),
          };
        }
        if (user && account?.provider === "github" && user.email) {
          const existing = await db.user.findUnique({ where: { email: user.email.toLowerCase() } });
          if (existing) {
            const sid = await startSession(existing.id);
            return {
              ...token,
              sub: existing.id,
              sv: existing.sessionVersion,
              sid,
              email: existing.email,
              name: existing.name,
            };
          }
        }
        return token;
      },
      redirect({ url, baseUrl }) {
        return safeCallbackPath(url, baseUrl);
      },
    },
    events: {
      async signOut({ token }) {
        await endSession((token as SessionClaims | null)?.sid);
      },
    },
  };
}
