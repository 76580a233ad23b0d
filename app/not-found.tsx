import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">Page not found</h1>
      <p className="mt-1 text-sm text-slate-600">There is nothing at this address.</p>
      <div className="mt-4 flex justify-center gap-4 text-sm font-medium">
        <Link href="/" className="text-sky-800 hover:underline">
          Overview
        </Link>
        <Link href="/matrix" className="text-sky-800 hover:underline">
          Matrix
        </Link>
        <Link href="/accounts" className="text-sky-800 hover:underline">
          Accounts
        </Link>
      </div>
    </div>
  );
}
