"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/", label: "Overview" },
  { href: "/services", label: "Services" },
  { href: "/pages", label: "Pages" },
  { href: "/incidents", label: "Incidents" },
  { href: "/deploys", label: "Deploys" },
  { href: "/maintenance", label: "Maintenance" },
  { href: "/postmortems", label: "Postmortems" },
  { href: "/handoffs", label: "Handoffs" },
  { href: "/board", label: "Board" },
  { href: "/settings", label: "Settings" },
] as const;

function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-0.5 px-2 pb-2 md:flex-col md:flex-nowrap md:pb-0">
      {links.map((link) => {
        const active = isActive(pathname, link.href);
        return (
          <li key={link.href} className="shrink-0">
            <Link
              href={link.href}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md px-2.5 py-1.5 text-sm ${
                active
                  ? "bg-accent-soft font-semibold text-text shadow-[inset_2px_0_0_var(--accent)]"
                  : "text-muted hover:bg-surface-2 hover:text-text"
              }`}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
