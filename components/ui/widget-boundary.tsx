"use client";
// Keeps one failing widget from taking the page down: the rest of the overview or account page
// still renders, and this section says what failed (the server log has the details).
import { Component, type ReactNode } from "react";

interface State {
  error: Error | null;
}

export class WidgetBoundary extends Component<{ title: string; children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const digest = (this.state.error as Error & { digest?: string }).digest;
    return (
      <section role="alert" className="h-full rounded-lg border border-failed/30 bg-white p-4 text-sm shadow-sm">
        <h2 className="font-semibold text-failed">{this.props.title} could not be loaded</h2>
        <p className="mt-1 text-slate-600">
          The rest of the page is unaffected. Reload to try again{digest ? `; error reference ${digest}` : ""}.
        </p>
      </section>
    );
  }
}
