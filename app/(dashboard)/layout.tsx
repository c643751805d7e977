import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { currentActor } from "@/lib/auth/guard";
import { getOnCallNow } from "@/lib/handoffs/data";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  const onCall = await getOnCallNow();
  return (
    <AppShell actor={actor} onCall={onCall}>
      {children}
    </AppShell>
  );
}
