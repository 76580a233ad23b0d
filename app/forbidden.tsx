// Rendered with HTTP 403 when a page calls forbidden() (requirePageRole below the page's role).
import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-1 text-xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">Your role does not include it. Ask an administrator if you need it.</p>
      <Link
        href="/"
        className="mt-6 inline-block rounded bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800"
      >
        Back to the overview
      </Link>
    </div>
  );
}
