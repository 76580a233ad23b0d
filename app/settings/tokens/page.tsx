// /settings/tokens — admin: API tokens (name, role, prefix, last use, state); create and revoke.
import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { CreateTokenForm } from "./_components/create-token-form";
import { RevokeTokenButton } from "./_components/revoke-token-button";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

function formatTime(value: Date | null): string {
  return value ? value.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never";
}

export default async function TokensPage() {
  await requirePageRole("admin");
  const tokens = await listApiTokens();
  const now = new Date();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">API tokens</h1>
        <p className="text-sm text-slate-600">
          For automation: send as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. Also from the
          command line: <code className="font-mono">npx trailwarden token create --role ROLE --name NAME</code>. Tokens
          expire after 90 days unless you choose otherwise, and never act with more than their creator&apos;s current
          role: disabling or demoting a user does the same to the tokens they created.
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="tokens-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                Role
              </th>
              <th scope="col" className="px-3 py-2">
                Token
              </th>
              <th scope="col" className="px-3 py-2">
                Created
              </th>
              <th scope="col" className="px-3 py-2">
                Last used
              </th>
              <th scope="col" className="px-3 py-2">
                Expires
              </th>
              <th scope="col" className="px-3 py-2">
                State
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  No API tokens yet.
                </td>
              </tr>
            )}
            {tokens.map((t) => {
              const expired = t.expiresAt !== null && t.expiresAt <= now;
              return (
                <tr key={t.id} className={t.revokedAt || expired ? "text-slate-400" : undefined}>
                  <td className="px-3 py-2 font-medium">{t.name}</td>
                  <td className="px-3 py-2">{t.role}</td>
                  <td className="px-3 py-2 font-mono">{t.prefix}…</td>
                  <td className="px-3 py-2">
                    {formatTime(t.createdAt)}
                    {t.createdBy ? ` by ${t.createdBy}` : ""}
                  </td>
                  <td className="px-3 py-2">{formatTime(t.lastUsedAt)}</td>
                  <td className="px-3 py-2">{formatTime(t.expiresAt)}</td>
                  <td className="px-3 py-2">
                    {t.revokedAt ? (
                      `revoked ${formatTime(t.revokedAt)}`
                    ) : expired ? (
                      "expired"
                    ) : (
                      <RevokeTokenButton id={t.id} name={t.name} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <CreateTokenForm />
    </div>
  );
}
