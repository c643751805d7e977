import { UserRow } from "@/components/settings/user-row";
import { Table, TableHead } from "@/components/ui/table";
import type { UserView } from "@/lib/users/types";

export function UsersTable({ users, currentUserId }: { users: UserView[]; currentUserId: string }) {
  return (
    <Table data-testid="users-table" className="min-w-[52rem]">
      <caption className="sr-only">Users</caption>
      <TableHead columns={["Email", "Name", "Role", "Status", "Created", "Actions"]} />
      <tbody>
        {users.map((user) => (
          <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} />
        ))}
      </tbody>
    </Table>
  );
}
