import Link from "next/link";

export default function AccountNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">No such account</h1>
      <p className="mt-1 text-sm text-slate-600">Trailwarden has never discovered an AWS account with this id.</p>
      <Link href="/accounts" className="mt-4 inline-block text-sm font-medium text-sky-800 hover:underline">
        All accounts →
      </Link>
    </div>
  );
}
