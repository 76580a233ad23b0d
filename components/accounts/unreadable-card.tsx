// A section whose stored data could not be read: says which row and column, instead of failing the page.
import type { StoredJsonError } from "@/lib/db/json/read-json-column";
import { Card } from "@/components/ui/card";

export function UnreadableCard({ title, testId, error }: { title: string; testId: string; error: StoredJsonError }) {
  return (
    <Card title={title} testId={testId}>
      <p className="text-sm font-medium text-failed" data-testid="stored-json-error">
        This section cannot be shown: {error.message}
      </p>
    </Card>
  );
}
