import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContactMethodForm } from "@/components/contacts/contact-method-form";
import { ContactMethodsList } from "@/components/contacts/contact-methods-list";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { listContactMethods } from "@/lib/contacts/data";
import { getUserView } from "@/lib/users/data";

export const metadata: Metadata = { title: "Contact methods" };

/** An admin's view of someone's contact methods: the Account page's list and form, for that person. */
export default async function UserContactMethodsPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const actor = await requirePageRole("admin", `/settings/users/${id}/contact-methods`);
  const user = await getUserView(id);
  if (!user) notFound();
  const methods = await listContactMethods(actor, user.id);
  const ownerName = user.name || user.email;
  return (
    <>
      <PageHeader
        title={`Contact methods: ${ownerName}`}
        description={
          <>
            How pages reach {user.email}. Only they and admins can see these.{" "}
            <Link href="/settings/users" className="underline underline-offset-2">
              Back to users
            </Link>
          </>
        }
      />
      <Panel title="Contact methods">
        <div className="flex flex-col gap-4" data-testid="user-contact-methods">
          <ContactMethodsList methods={methods} ownerName={ownerName} />
          <ContactMethodForm userId={user.id} ownerName={ownerName} />
        </div>
      </Panel>
    </>
  );
}
