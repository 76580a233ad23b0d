"use client";
// One account's controls passing / failing / in error per collection, as stacked steps.
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TimelinePoint } from "@/lib/read-models/get-account-timeline";
import { STATUS_STYLE } from "@/components/status/status-style";

function day(iso: string): string {
  return iso.slice(0, 10);
}

export function PostureTimelineChart({ points }: { points: TimelinePoint[] }) {
  const last = points[points.length - 1];
  return (
    <div
      role="img"
      aria-label={
        last
          ? `At the latest collection: ${last.passed} controls passing, ${last.failed} failing, ${last.errors} in error`
          : "No history"
      }
    >
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 1200, height: 220 }}>
        <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="at"
            tickFormatter={day}
            tick={{ fontSize: 11, fill: "#475569" }}
            tickLine={false}
            minTickGap={48}
            axisLine={{ stroke: "#cbd5e1" }}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={false} />
          <Tooltip
            labelFormatter={(v) => `Collected ${String(v).slice(0, 16).replace("T", " ")} UTC`}
            contentStyle={{ fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area
            type="stepAfter"
            dataKey="passed"
            name="Passing"
            stackId="1"
            stroke={STATUS_STYLE.PASSED.hex}
            fill={STATUS_STYLE.PASSED.hex}
            fillOpacity={0.25}
            isAnimationActive={false}
          />
          <Area
            type="stepAfter"
            dataKey="failed"
            name="Failing"
            stackId="1"
            stroke={STATUS_STYLE.FAILED.hex}
            fill={STATUS_STYLE.FAILED.hex}
            fillOpacity={0.35}
            isAnimationActive={false}
          />
          <Area
            type="stepAfter"
            dataKey="errors"
            name="Error"
            stackId="1"
            stroke={STATUS_STYLE.ERROR.hex}
            fill={STATUS_STYLE.ERROR.hex}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
          <Area
            type="stepAfter"
            dataKey="other"
            name="Warning, no data or n/a"
            stackId="1"
            stroke={STATUS_STYLE.NO_DATA.hex}
            fill={STATUS_STYLE.NO_DATA.hex}
            fillOpacity={0.15}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
