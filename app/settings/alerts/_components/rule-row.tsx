"use client";

// One alert rule: its meaning, on/off, and (collection-failing) how many failed runs in a row.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateRuleAction } from "../actions";

interface Rule {
  id: "control-failed" | "logging-stopped" | "collection-failing" | "integrity-failure";
  title: string;
  description: string;
  enabled: boolean;
  threshold: number;
}

export function RuleRow({ rule }: { rule: Rule }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [threshold, setThreshold] = useState(rule.threshold);

  function save(enabled: boolean, nextThreshold = threshold) {
    setError(null);
    startTransition(async () => {
      const result = await updateRuleAction({ id: rule.id, enabled, threshold: nextThreshold });
      if (!result.ok) setError(result.error);
      router.refresh();
    });
  }

  return (
    <li className="flex flex-wrap items-center gap-3 p-3 text-sm">
      <label className="flex items-center gap-2 font-medium">
        <input type="checkbox" checked={rule.enabled} disabled={pending} onChange={(e) => save(e.target.checked)} />
        {rule.title}
      </label>
      <span className="text-slate-600">{rule.description}</span>
      {rule.id === "collection-failing" && (
        <label className="ml-auto flex items-center gap-1 text-xs text-slate-600">
          runs in a row
          <input
            type="number"
            min={1}
            max={100}
            value={threshold}
            disabled={pending}
            onChange={(e) => setThreshold(Number(e.target.value))}
            onBlur={() => threshold !== rule.threshold && save(rule.enabled, threshold)}
            className="w-16 rounded border border-slate-300 px-2 py-1"
          />
        </label>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </li>
  );
}
