// A raw API response as lightly highlighted JSON (keys, strings, numbers, literals), rendered on
// the server: no client code, no library. Very large responses are cut with a note.
import { Fragment } from "react";

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
const LIMIT = 60_000;

export function JsonView({ value }: { value: unknown }) {
  let text = JSON.stringify(value, null, 2) ?? "null";
  const cut = text.length > LIMIT;
  if (cut) text = text.slice(0, LIMIT);
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    const [whole, str, colon, literal, num] = m;
    if (str && colon) {
      parts.push(
        <Fragment key={at}>
          <span className="text-sky-800">{str}</span>
          {colon}
        </Fragment>,
      );
    } else if (str)
      parts.push(
        <span key={at} className="text-emerald-800">
          {str}
        </span>,
      );
    else if (literal)
      parts.push(
        <span key={at} className="text-violet-700">
          {literal}
        </span>,
      );
    else if (num)
      parts.push(
        <span key={at} className="text-amber-800">
          {num}
        </span>,
      );
    else parts.push(whole);
    last = at + whole.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <pre className="max-h-[28rem] overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800">
      <code>{parts}</code>
      {cut ? (
        <span className="block pt-2 text-slate-500">… cut at {LIMIT.toLocaleString("en-US")} characters</span>
      ) : null}
    </pre>
  );
}
