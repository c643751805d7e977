import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { CenteredPage } from "@/components/ui/centered-page";

export default function NotFound() {
  return (
    <CenteredPage data-testid="not-found">
      <p className="text-xs font-semibold tracking-wide text-muted uppercase">404</p>
      <h1 className="mt-1 text-lg font-semibold">Nothing here</h1>
      <p className="mt-2 text-sm text-muted">
        This address does not match any page in Vigil. The link may be old or mistyped.
      </p>
      <Link href="/" className={`${buttonClasses("primary")} mt-4`}>
        Go to the overview
      </Link>
    </CenteredPage>
  );
}
