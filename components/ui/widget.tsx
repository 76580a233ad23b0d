// A server widget's frame: its own Suspense (a slow widget never blocks the page) inside its own
// error boundary (a failing widget never takes the page down).
import { Suspense, type ReactNode } from "react";
import { WidgetBoundary } from "@/components/ui/widget-boundary";

export function Widget({ title, fallback, children }: { title: string; fallback: ReactNode; children: ReactNode }) {
  return (
    <WidgetBoundary title={title}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </WidgetBoundary>
  );
}
