"use client";
// Failing accounts per control, with errors and no-data stacked on top so gaps are not hidden.
// A bar opens the matrix filtered to that control's failing accounts.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ControlFailures } from "@/lib/read-models/summarize-posture";
import { STATUS_STYLE } from "@/components/status/status-style";

function label(c: ControlFailures): string {
  return `${c.family === "CloudTrail" ? "CT" : "CW"}.${c.short}`;
}

export function FailingPerControlChart({ controls }: { controls: ControlFailures[] }) {
  const router = useRouter();
  const data = controls.map((c) => ({ ...c, label: label(c) }));
  return (
    <div
      role="img"
      aria-label={`Failing accounts per control: ${controls.map((c) => `${c.id} ${c.failing}`).join(", ")}`}
    >
      <ResponsiveContainer width="100%" height={280} initialDimension={{ width: 860, height: 280 }}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11, fill: "#475569" }}
            interval={0}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={false} />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            labelFormatter={(_, payload) => {
              const c = payload?.[0]?.payload as (ControlFailures & { label: string }) | undefined;
              return c ? `${c.id}: ${c.title}` : "";
            }}
            contentStyle={{ fontSize: 12, maxWidth: 360, whiteSpace: "normal" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="failing"
            name="Failing"
            stackId="a"
            fill={STATUS_STYLE.FAILED.hex}
            cursor="pointer"
            onClick={(d: { payload?: ControlFailures }) => {
              if (d.payload) router.push(`/matrix?control=${d.payload.id}&failing=1`);
            }}
          />
          <Bar dataKey="errors" name="Error (stale)" stackId="a" fill={STATUS_STYLE.ERROR.hex} />
          <Bar dataKey="noData" name="No data" stackId="a" fill={STATUS_STYLE.NO_DATA.hex} radius={[2, 2, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
