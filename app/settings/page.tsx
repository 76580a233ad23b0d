// /settings — admin: entry to users, API tokens, alerts and the SSO allow-list.
import type { Metadata } from "next";
import Link from "next/link";
import { BellRing, KeyRound, LogIn, Users } from "lucide-react";
import { requirePageRole } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

const SECTIONS = [
  { href: "/settings/users", title: "Users", text: "Create local users, change roles, disable access.", icon: Users },
  {
    href: "/settings/tokens",
    title: "API tokens",
    text: "Tokens for automation, sent as Authorization: Bearer.",
    icon: KeyRound,
  },
  {
    href: "/settings/alerts",
    title: "Alerts",
    text: "Alert rules and where alerts go: webhook, Slack, e-mail, SNS.",
    icon: BellRing,
  },
  {
    href: "/settings/sso",
    title: "Single sign-on",
    text: "Who may sign in through SSO: allowed e-mail domains and groups.",
    icon: LogIn,
  },
];

export default async function SettingsPage() {
  await requirePageRole("admin");
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Settings</h1>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {SECTIONS.map(({ href, title, text, icon: Icon }) => (
          <li key={href}>
            <Link
              href={href}
              className="flex h-full gap-3 rounded-lg border border-slate-200 bg-white p-4 hover:border-sky-300 hover:shadow-sm"
            >
              <Icon aria-hidden className="mt-0.5 h-5 w-5 shrink-0 text-sky-700" />
              <span>
                <span className="block font-medium">{title}</span>
                <span className="block text-sm text-slate-600">{text}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
