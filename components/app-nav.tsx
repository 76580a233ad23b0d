import Link from "next/link";
import { ShieldCheck } from "lucide-react";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/matrix", label: "Matrix" },
  { href: "/accounts", label: "Accounts" },
  { href: "/remediation", label: "Remediation" },
  { href: "/reports", label: "Reports" },
  { href: "/audit", label: "Audit log" },
  { href: "/settings", label: "Settings" },
];

export function AppNav({ right }: { right?: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex h-14 max-w-[1600px] items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <ShieldCheck aria-hidden className="h-5 w-5 text-sky-700" />
          Trailwarden
        </Link>
        <ul className="flex items-center gap-1 text-sm">
          {LINKS.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className="rounded px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="ml-auto text-sm">{right}</div>
      </nav>
    </header>
  );
}
