import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackUrl, signInErrorMessage, signInNotice } from "@/components/auth/sign-in";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { CenteredPage } from "@/components/ui/centered-page";
import { currentActor } from "@/lib/auth/guard";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  if (await currentActor()) redirect(callbackUrl);
  const notice = signInNotice(first(params.notice));
  return (
    <main>
      <CenteredPage>
        <p className="text-base font-semibold tracking-tight">Vigil</p>
        <h1 className="mt-1 mb-4 text-lg font-semibold">Sign in</h1>
        {notice ? (
          <Alert tone="info" className="mb-4">
            {notice}
          </Alert>
        ) : null}
        <SignInForm
          callbackUrl={callbackUrl}
          initialError={signInErrorMessage(first(params.error))}
          githubEnabled={Boolean(env.GITHUB_ID && env.GITHUB_SECRET)}
        />
      </CenteredPage>
    </main>
  );
}
