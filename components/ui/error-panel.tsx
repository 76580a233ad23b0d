"use client";
// The body of the route error boundaries (app/**/error.tsx): what happened, a retry, a way out.
import Link from "next/link";

export function ErrorPanel({
  error,
  reset,
  what,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  what: string;
}) {
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-failed/30 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">{what} could not be shown</h1>
      <p className="mt-2 text-sm text-slate-600">
        Something failed while reading Trailwarden&apos;s database. It is logged on the server
        {error.digest ? (
          <>
            {" "}
            with reference <code className="font-mono text-xs">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-4 flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
        >
          Try again
        </button>
        <Link
          href="/"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Overview
        </Link>
      </div>
    </div>
  );
}
