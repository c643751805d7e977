import Link from "next/link";
import { hasRole, type Role } from "@/lib/auth/roles";

const links: Array<{ href: string; title: string; description: string; minRole: Role }> = [
  {
    href: "/settings/account",
    title: "Account",
    description: "Your profile and password.",
    minRole: "viewer",
  },
  {
    href: "/settings/services",
    title: "Services",
    description: "What Vigil checks, how often, and when it pages.",
    minRole: "lead",
  },
  {
    href: "/settings/users",
    title: "Users",
    description: "Add people, change roles, disable accounts, reset passwords.",
    minRole: "admin",
  },
  {
    href: "/settings/tokens",
    title: "API tokens",
    description: "Tokens for scripts and integrations that call the API.",
    minRole: "admin",
  },
  {
    href: "/settings/outbound",
    title: "Outbound allow-list",
    description: "Private and loopback addresses Vigil may call.",
    minRole: "admin",
  },
  {
    href: "/settings/team",
    title: "Team calendar",
    description: "Time zone and holidays for postmortem due dates in business days.",
    minRole: "admin",
  },
  {
    href: "/settings/on-call",
    title: "On-call",
    description: "The rotation (leads), when shifts change and who to escalate to (admins).",
    minRole: "lead",
  },
  {
    href: "/settings/holomesh",
    title: "HoloMesh",
    description: "The team board's address, team id and API key.",
    minRole: "admin",
  },
  {
    href: "/settings/webhooks",
    title: "Webhooks",
    description: "Post incident events to Slack or any HTTP endpoint.",
    minRole: "admin",
  },
  {
    href: "/settings/audit",
    title: "Audit log",
    description: "Who changed what, and when.",
    minRole: "admin",
  },
];

export function SettingsLinks({ role }: { role: Role }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {links
        .filter((link) => hasRole(role, link.minRole))
        .map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              className="block h-full rounded-lg border border-line bg-surface px-4 py-3 hover:border-accent hover:bg-surface-2"
            >
              <span className="block text-sm font-semibold">{link.title}</span>
              <span className="mt-0.5 block text-xs text-muted">{link.description}</span>
            </Link>
          </li>
        ))}
    </ul>
  );
}
