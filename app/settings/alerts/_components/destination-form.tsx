"use client";

// Adds a destination. The fields follow the type; secrets are sent once and never shown again.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { createDestinationAction } from "../actions";

const INPUT = "block w-full rounded border border-slate-300 px-3 py-2 text-sm";
type Kind = "webhook" | "slack" | "email" | "sns";

function field(id: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) {
  return (
    <div>
      <label htmlFor={`dest-${id}`} className="text-sm text-slate-700">
        {label}
      </label>
      <input id={`dest-${id}`} name={id} className={INPUT} {...props} />
    </div>
  );
}

function inputOf(kind: Kind, f: FormData): Record<string, unknown> {
  const s = (k: string) => String(f.get(k) ?? "").trim();
  const base = { type: kind, name: s("name") };
  if (kind === "webhook") return { ...base, url: s("url"), ...(s("secret") ? { secret: s("secret") } : {}) };
  if (kind === "slack") return { ...base, url: s("url") };
  if (kind === "sns") return { ...base, topicArn: s("topicArn") };
  return {
    ...base,
    host: s("host"),
    port: Number(s("port") || 587),
    secure: f.get("secure") === "on",
    ...(s("user") ? { user: s("user"), password: s("password") } : {}),
    from: s("from"),
    to: s("to")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  };
}

export function DestinationForm() {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>("webhook");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const input = inputOf(kind, new FormData(formElement));
    setMessage(null);
    startTransition(async () => {
      try {
        const result = await createDestinationAction(input);
        if (result.ok) {
          formElement.reset();
          setMessage({ ok: true, text: `Destination “${String(input.name)}” added.` });
        } else setMessage({ ok: false, text: result.error });
      } catch {
        setMessage({ ok: false, text: "The destination was refused: check the fields (URLs must be http or https)." });
      }
      router.refresh();
    });
  }

  return (
    <form
      onSubmit={submit}
      className="max-w-3xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="add-destination-heading"
    >
      <h2 id="add-destination-heading" className="font-medium">
        Add a destination
      </h2>
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={message.ok ? "text-sm text-green-800" : "text-sm text-red-700"}
        >
          {message.text}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="dest-type" className="text-sm text-slate-700">
            Type
          </label>
          <select id="dest-type" value={kind} onChange={(e) => setKind(e.target.value as Kind)} className={INPUT}>
            <option value="webhook">Webhook (JSON, HMAC-signed)</option>
            <option value="slack">Slack incoming webhook</option>
            <option value="email">E-mail (SMTP)</option>
            <option value="sns">SNS topic</option>
          </select>
        </div>
        {field("name", "Name", { required: true, maxLength: 100 })}
        {(kind === "webhook" || kind === "slack") &&
          field("url", kind === "slack" ? "Incoming webhook URL (kept secret)" : "URL", {
            required: true,
            type: "url",
            placeholder: "https://",
          })}
        {kind === "webhook" && field("secret", "Signing secret (optional)", { type: "password", autoComplete: "off" })}
        {kind === "sns" &&
          field("topicArn", "Topic ARN", { required: true, placeholder: "arn:aws:sns:…:trailwarden-alerts" })}
        {kind === "email" && (
          <>
            {field("host", "SMTP host", { required: true })}
            {field("port", "Port", { type: "number", defaultValue: 587 })}
            {field("user", "User (optional)", { autoComplete: "off" })}
            {field("password", "Password", { type: "password", autoComplete: "off" })}
            {field("from", "From", { required: true, type: "email" })}
            {field("to", "To (comma-separated)", { required: true })}
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="secure" /> TLS from the start (port 465)
            </label>
          </>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
      >
        Add destination
      </button>
    </form>
  );
}
