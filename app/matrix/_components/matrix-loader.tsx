import { getMatrix } from "@/lib/read-models/get-matrix";
import { MatrixView } from "@/components/matrix/matrix-view";
import { NoAccounts } from "@/components/empty-state/no-accounts";

export async function MatrixLoader({ canRemediate }: { canRemediate: boolean }) {
  const data = await getMatrix();
  if (data.rows.length === 0) return <NoAccounts />;
  return <MatrixView data={data} canRemediate={canRemediate} />;
}
