import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { ProfileSummary } from "@/components/settings/profile-summary";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { passwordRules } from "@/lib/auth/password";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requirePageRole("viewer", "/settings/account");
  return (
    <>
      <PageHeader title="Account" description="Your profile and password." />
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Profile" description="An admin changes names and roles.">
          <ProfileSummary actor={actor} />
        </Panel>
        <Panel title="Change password" description="Changing it signs you out everywhere, this browser included.">
          <ChangePasswordForm minLength={passwordRules.minLength} />
        </Panel>
      </div>
    </>
  );
}
