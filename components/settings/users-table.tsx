import { UserRow } from "@/components/settings/user-row";
import { Table, Th } from "@/components/ui/table";
import type { UserView } from "@/lib/users/types";

export function UsersTable({ users, currentUserId }: { users: UserView[]; currentUserId: string }) {
  return (
    <Table data-testid="users-table" className="min-w-[52rem]">
      <caption className="sr-only">Users</caption>
      <thead>
        <tr>
          <Th>Email</Th>
          <Th>Name</Th>
          <Th>Role</Th>
          <Th>Status</Th>
          <Th>Created</Th>
          <Th>Actions</Th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} />
        ))}
      </tbody>
    </Table>
  );
}
