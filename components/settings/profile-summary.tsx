import { Badge } from "@/components/ui/badge";
import { roleDescriptions, type Actor } from "@/lib/auth/roles";

export function ProfileSummary({ actor }: { actor: Actor }) {
  return (
    <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
      <dt className="text-muted">Name</dt>
      <dd className="break-words">{actor.name}</dd>
      <dt className="text-muted">Email</dt>
      <dd className="break-all">{actor.email}</dd>
      <dt className="text-muted">Role</dt>
      <dd>
        <Badge tone="accent">{actor.role}</Badge>
        <span className="ml-2 text-muted">{roleDescriptions[actor.role]}</span>
      </dd>
    </dl>
  );
}
