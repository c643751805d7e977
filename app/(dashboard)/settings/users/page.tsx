import type { Metadata } from "next";
import { CreateUserForm } from "@/components/settings/create-user-form";
import { UsersTable } from "@/components/settings/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { passwordRules } from "@/lib/auth/password";
import { listUsers } from "@/lib/users/data";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageRole("admin", "/settings/users");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users"
        description="Changing someone's role, disabling them or resetting their password ends their open sessions."
      />
      <div className="flex flex-col gap-4">
        <Panel title="Add a user">
          <CreateUserForm minPasswordLength={passwordRules.minLength} />
        </Panel>
        <UsersTable users={users} currentUserId={actor.id} />
      </div>
    </>
  );
}
