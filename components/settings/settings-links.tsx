import Link from "next/link";

const everyone = [{ href: "/settings/account", title: "Account", description: "Your profile and password." }];
const adminOnly = [
  { href: "/settings/users", title: "Users", description: "Add people, change roles, disable accounts, reset passwords." },
  { href: "/settings/tokens", title: "API tokens", description: "Tokens for scripts and integrations that call the API." },
  { href: "/settings/audit", title: "Audit log", description: "Who changed what, and when." },
];

export function SettingsLinks({ isAdmin }: { isAdmin: boolean }) {
  const links = isAdmin ? [...everyone, ...adminOnly] : everyone;
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {links.map((link) => (
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
