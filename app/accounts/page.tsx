import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/lib/auth/guards";
import { accountListParams } from "@/lib/read-models/list-accounts";
import { AccountListLoader } from "@/app/accounts/_components/account-list-loader";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageRole("viewer");
  const raw = await searchParams;
  const params = accountListParams.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  return (
    <>
      <PageHeader
        title="Accounts"
        description="Every account of the organization with its failing controls and its latest collection."
      />
      <Suspense key={JSON.stringify(params)} fallback={<CardSkeleton lines={12} />}>
        <AccountListLoader params={params} />
      </Suspense>
    </>
  );
}
