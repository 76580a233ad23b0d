// /sign-in — public. Signed-in visitors go straight to where they were heading.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { currentPrincipal } from "@/lib/auth/guards";
import { publicSignInOptions } from "@/lib/auth/auth-env";
import { safeNextPath } from "@/lib/auth/sign-in-redirect";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERROR_MESSAGES: Record<string, string> = {
  sso: "Single sign-on did not complete. Try again, or ask an administrator.",
  email_not_verified: "Your identity provider has not verified your e-mail address.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : null);
  if (await currentPrincipal()) redirect(next);
  const errorCode = typeof params.error === "string" ? params.error : null;
  const initialError = errorCode ? (ERROR_MESSAGES[errorCode] ?? "Sign-in failed. Try again.") : null;
  return (
    <div className="mx-auto mt-16 max-w-sm">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex flex-col items-center gap-2 text-center">
          <ShieldCheck aria-hidden className="h-8 w-8 text-sky-700" />
          <h1 className="text-xl font-semibold">Sign in to Trailwarden</h1>
          <p className="text-sm text-slate-500">CloudTrail posture across your organization</p>
        </div>
        <SignInForm next={next} sso={publicSignInOptions().sso} initialError={initialError} />
      </div>
    </div>
  );
}
