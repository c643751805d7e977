import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { NavLinks } from "@/components/shell/nav-links";
import { PageAlerts } from "@/components/paging/page-alerts";
import { OnCallIndicator } from "@/components/shell/on-call-indicator";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UtcClock } from "@/components/shell/utc-clock";
import type { Actor } from "@/lib/auth/roles";
import type { OnCallNow } from "@/lib/handoffs/on-call";

export function AppShell({
  actor,
  onCall,
  children,
}: {
  actor: Actor;
  onCall: OnCallNow;
  children: ReactNode;
}) {
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[12.5rem_minmax(0,1fr)]">
      <PageAlerts userId={actor.id} />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-accent focus:px-3 focus:py-1.5 focus:text-accent-text"
      >
        Skip to content
      </a>
      <aside className="border-b border-line bg-surface md:sticky md:top-0 md:h-dvh md:border-r md:border-b-0">
        <div className="flex h-12 items-center px-4">
          <Link href="/" className="text-base font-semibold tracking-tight">
            Vigil
          </Link>
        </div>
        <nav aria-label="Main">
          <NavLinks />
        </nav>
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="flex min-h-12 flex-wrap items-center justify-end gap-x-3 gap-y-1 border-b border-line bg-surface px-4 py-1.5">
          <div className="mr-auto min-w-0">
            <OnCallIndicator onCall={onCall} />
          </div>
          <UtcClock />
          <ThemeToggle />
          <div className="flex min-w-0 items-center gap-2">
            <div data-testid="current-user" className="min-w-0 text-right leading-tight">
              <div className="truncate text-sm font-medium">{actor.name}</div>
              <div className="hidden truncate text-xs text-muted sm:block">{actor.email}</div>
            </div>
            <Badge tone="accent" data-testid="current-role" title="Your role">
              {actor.role}
            </Badge>
          </div>
          <SignOutButton />
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="w-full max-w-6xl flex-1 px-4 py-5 outline-none md:px-6"
        >
          {children}
        </main>
      </div>
    </div>
  );
}
