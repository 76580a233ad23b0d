"use client";
// Share of applicable verdicts passing per day, from Trailwarden's own twelve-month history.
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendPoint } from "@/lib/read-models/get-posture-trend";
import { STATUS_STYLE } from "@/components/status/status-style";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function shortDay(day: string): string {
  const [y, m, d] = day.split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y?.slice(2)}`;
}

export function TrendChart({ points }: { points: TrendPoint[] }) {
  const data = points.map((p) => ({ ...p, percent: Math.round(p.passingShare * 1000) / 10 }));
  const min = Math.min(...data.map((d) => d.percent), 100);
  const first = data[0];
  const last = data[data.length - 1];
  return (
    <div
      role="img"
      aria-label={
        first && last
          ? `Passing verdicts went from ${first.percent}% on ${first.day} to ${last.percent}% on ${last.day}`
          : "No history yet"
      }
    >
      <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 860, height: 240 }}>
        <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
          <defs>
            <linearGradient id="trend-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={STATUS_STYLE.PASSED.hex} stopOpacity={0.35} />
              <stop offset="100%" stopColor={STATUS_STYLE.PASSED.hex} stopOpacity={0.04} />
            </linearGradient>
          </defs>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tickFormatter={shortDay}
            tick={{ fontSize: 11, fill: "#475569" }}
            tickLine={false}
            minTickGap={40}
            axisLine={{ stroke: "#cbd5e1" }}
          />
          <YAxis
            domain={[Math.max(0, Math.floor((min - 5) / 10) * 10), 100]}
            unit="%"
            tick={{ fontSize: 11, fill: "#475569" }}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            labelFormatter={(day) => shortDay(String(day))}
            formatter={(value, _name, item) => {
              const p = item.payload as TrendPoint & { percent: number };
              return [
                `${value}% passing · ${p.failed.toLocaleString("en-US")} failing verdicts · ${p.accounts.toLocaleString("en-US")} accounts`,
                "",
              ];
            }}
            contentStyle={{ fontSize: 12 }}
          />
          <Area
            type="monotone"
            dataKey="percent"
            stroke={STATUS_STYLE.PASSED.hex}
            strokeWidth={2}
            fill="url(#trend-fill)"
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
