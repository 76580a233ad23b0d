import { listAccounts, type AccountListParams } from "@/lib/read-models/list-accounts";
import { AccountFilters } from "@/components/accounts/account-filters";
import { AccountTable } from "@/components/accounts/account-table";
import { NoAccounts } from "@/components/empty-state/no-accounts";

export async function AccountListLoader({ params }: { params: AccountListParams }) {
  const list = await listAccounts(params);
  if (list.total === 0) return <NoAccounts />;
  return (
    <>
      <AccountFilters params={params} ous={list.ous} matching={list.matching} total={list.total} />
      <AccountTable list={list} params={params} />
    </>
  );
}
