import type { Metadata } from "next";
import { SettingsLinks } from "@/components/settings/settings-links";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requirePageRole("viewer", "/settings");
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsLinks isAdmin={hasRole(actor.role, "admin")} />
    </>
  );
}
