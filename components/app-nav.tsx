import Link from "next/link";
import { ShieldCheck } from "lucide-react";
import { currentPrincipal } from "@/lib/auth/guards";
import { hasRole, type Role } from "@/lib/roles";
import { UserMenu } from "@/components/user-menu";

// `role` only hides links a role cannot use; each page enforces its own role on the server.
const LINKS: { href: string; label: string; role: Role }[] = [
  { href: "/", label: "Overview", role: "viewer" },
  { href: "/matrix", label: "Matrix", role: "viewer" },
  { href: "/accounts", label: "Accounts", role: "viewer" },
  { href: "/alerts", label: "Alerts", role: "viewer" },
  { href: "/remediation", label: "Remediation", role: "engineer" },
  { href: "/reports", label: "Reports", role: "auditor" },
  { href: "/audit", label: "Audit log", role: "auditor" },
  { href: "/settings", label: "Settings", role: "admin" },
];

export async function AppNav({ right }: { right?: React.ReactNode }) {
  const principal = await currentPrincipal();
  const links = principal ? LINKS.filter((l) => hasRole(principal, l.role)) : [];
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex h-14 max-w-[1600px] items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <ShieldCheck aria-hidden className="h-5 w-5 text-sky-700" />
          Trailwarden
        </Link>
        <ul className="flex items-center gap-1 text-sm">
          {links.map((l) => (
            <li key={l.href}>
              <Link
                href={l.href}
                className="rounded px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              >
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex items-center gap-4 text-sm">
          {right}
          {principal && <UserMenu name={principal.name} email={principal.email} role={principal.role} />}
        </div>
      </nav>
    </header>
  );
}
