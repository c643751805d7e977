import type { Metadata } from "next";
import { ContactMethodForm } from "@/components/contacts/contact-method-form";
import { ContactMethodsList } from "@/components/contacts/contact-methods-list";
import { DesktopNotificationsSetting } from "@/components/paging/desktop-notifications";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { ProfileSummary } from "@/components/settings/profile-summary";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { passwordRules } from "@/lib/auth/password";
import { listContactMethods } from "@/lib/contacts/data";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requirePageRole("viewer", "/settings/account");
  const contactMethods = await listContactMethods(actor);
  return (
    <>
      <PageHeader title="Account" description="Your profile, password and how pages reach you." />
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Profile" description="An admin changes names and roles.">
          <ProfileSummary actor={actor} />
        </Panel>
        <Panel
          title="Change password"
          description="Changing it signs you out everywhere, this browser included."
        >
          <ChangePasswordForm minLength={passwordRules.minLength} />
        </Panel>
        <Panel
          title="Contact methods"
          description="How pages reach you. Only you and admins can see these."
          className="lg:col-span-2"
        >
          <div className="flex flex-col gap-4">
            <ContactMethodsList methods={contactMethods} />
            <ContactMethodForm />
          </div>
        </Panel>
        <Panel
          title="In this browser"
          description="While Vigil is open here, a page for you plays a sound and shows a desktop notification."
          className="lg:col-span-2"
        >
          <DesktopNotificationsSetting />
        </Panel>
      </div>
    </>
  );
}
