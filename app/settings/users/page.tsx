// /settings/users — admin: every user, their role and sign-in methods; create, change, disable.
import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { listUsers } from "@/lib/auth/manage-users";
import { CreateUserForm } from "./_components/create-user-form";
import { UserRowControls } from "./_components/user-row-controls";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const me = await requirePageRole("admin");
  const users = await listUsers();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Users</h1>
        <p className="text-sm text-slate-600">
          Roles: viewer (posture) · auditor (+ evidence, reports, audit log) · engineer (+ collect, remediate) · admin
          (+ settings, users).
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="users-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                E-mail
              </th>
              <th scope="col" className="px-3 py-2">
                Sign-in
              </th>
              <th scope="col" className="px-3 py-2">
                Role and access
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id} className={u.disabled ? "text-slate-400" : undefined}>
                <td className="px-3 py-2 font-medium">{u.name}</td>
                <td className="px-3 py-2">{u.email}</td>
                <td className="px-3 py-2">{u.signInMethods.join(", ") || "—"}</td>
                <td className="px-3 py-2">
                  <UserRowControls
                    userId={u.id}
                    email={u.email}
                    role={u.role}
                    disabled={u.disabled}
                    isSelf={u.id === me.id}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CreateUserForm />
    </div>
  );
}
