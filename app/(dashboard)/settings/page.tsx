import type { Metadata } from "next";
import { SettingsLinks } from "@/components/settings/settings-links";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requirePageRole("viewer", "/settings");
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsLinks role={actor.role} />
    </>
  );
}
