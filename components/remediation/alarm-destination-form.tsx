"use client";
// Shown when a plan asks who the CIS alarms should notify (its note "alarm-destination-needed"):
// an e-mail address (a topic is created and the address subscribed) or an existing SNS topic ARN.
// Submitting plans again with the answer; nothing is stored in the settings.
import { BellRing } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { AlarmDestination } from "@/components/remediation/remediation-api";

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/;

export function AlarmDestinationForm({
  message,
  pending,
  onSubmit,
}: {
  message: string;
  pending: boolean;
  onSubmit: (destination: AlarmDestination) => void;
}) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    if (v.startsWith("arn:")) {
      if (!TOPIC_ARN.test(v)) return setError("That is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME).");
      setError(null);
      return onSubmit({ alarmTopicArn: v });
    }
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return setError("Enter an e-mail address or an SNS topic ARN.");
    setError(null);
    onSubmit({ alarmEmail: v });
  };
  return (
    <form
      onSubmit={submit}
      className="mb-4 rounded-md border border-warning/40 bg-warning/5 p-3 text-sm"
      data-testid="alarm-destination-form"
    >
      <p className="flex items-center gap-1.5 font-medium text-slate-900">
        <BellRing aria-hidden className="h-4 w-4" /> Who should the CIS alarms notify?
      </p>
      <p className="mt-1 text-xs text-slate-700">{message}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label htmlFor="alarm-destination" className="sr-only">
          Alarm e-mail or SNS topic ARN
        </label>
        <input
          id="alarm-destination"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="secops@example.com or arn:aws:sns:us-east-1:111122223333:alerts"
          className="h-9 min-w-[22rem] flex-1 rounded-md border border-slate-300 bg-white px-2 text-sm"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "alarm-destination-error" : undefined}
          data-testid="alarm-destination"
        />
        <button
          type="submit"
          disabled={pending || value.trim() === ""}
          className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
          data-testid="replan-with-destination"
        >
          Plan again with it
        </button>
      </div>
      {error ? (
        <p id="alarm-destination-error" role="alert" className="mt-1 text-xs text-failed">
          {error}
        </p>
      ) : null}
    </form>
  );
}
