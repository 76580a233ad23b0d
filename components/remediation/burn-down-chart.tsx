"use client";
// Failing controls over time: FAILED verdicts across the organization per day (area), with the
// remediation jobs that finished that day (bars), so a fix shows as the area stepping down.
import { Area, Bar, CartesianGrid, ComposedChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BurnDownPoint } from "@/lib/read-models/get-failing-burn-down";
import { STATUS_STYLE } from "@/components/status/status-style";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const shortDay = (day: string) => {
  const [, m, d] = day.split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1]}`;
};

export function BurnDownChart({ points }: { points: BurnDownPoint[] }) {
  const first = points.find((p) => p.failing > 0) ?? points[0];
  const last = points[points.length - 1];
  return (
    <div
      role="img"
      aria-label={
        first && last
          ? `Failing verdicts went from ${first.failing} on ${first.day} to ${last.failing} on ${last.day}`
          : "No history yet"
      }
      data-testid="burn-down-chart"
    >
      <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 860, height: 260 }}>
        <ComposedChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tickFormatter={shortDay}
            tick={{ fontSize: 11, fill: "#475569" }}
            tickLine={false}
            minTickGap={30}
            axisLine={{ stroke: "#cbd5e1" }}
          />
          <YAxis
            yAxisId="failing"
            allowDecimals={false}
            tick={{ fontSize: 11, fill: "#475569" }}
            tickLine={false}
            axisLine={false}
          />
          <YAxis
            yAxisId="jobs"
            orientation="right"
            allowDecimals={false}
            tick={{ fontSize: 11, fill: "#475569" }}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip labelFormatter={(d) => shortDay(String(d))} contentStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area
            yAxisId="failing"
            type="stepAfter"
            dataKey="failing"
            name="Failing verdicts"
            stroke={STATUS_STYLE.FAILED.hex}
            fill={STATUS_STYLE.FAILED.hex}
            fillOpacity={0.15}
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Bar
            yAxisId="jobs"
            dataKey="remediations"
            name="Remediations finished"
            fill="#0369a1"
            barSize={8}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
