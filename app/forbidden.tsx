import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { CenteredPage } from "@/components/ui/centered-page";
import { roles } from "@/lib/auth/roles";

export default function Forbidden() {
  return (
    <CenteredPage data-testid="forbidden">
      <p className="text-xs font-semibold tracking-wide text-muted uppercase">403</p>
      <h1 className="mt-1 text-lg font-semibold">You don&apos;t have access</h1>
      <p className="mt-2 text-sm text-muted">
        This page needs a higher role than yours. Roles, from fewest rights to most:{" "}
        {roles.join(", ")}. If you need it, ask an admin to change your role.
      </p>
      <div className="mt-4 flex gap-2">
        <Link href="/" className={buttonClasses("primary")}>
          Go to the overview
        </Link>
        <Link href="/settings/account" className={buttonClasses("ghost")}>
          See your role
        </Link>
      </div>
    </CenteredPage>
  );
}
