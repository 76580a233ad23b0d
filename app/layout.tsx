import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { AppNav } from "@/components/app-nav";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Trailwarden", template: "%s · Trailwarden" },
  description: "CloudTrail posture across every account of an AWS Organization",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <Providers>
          <AppNav />
          <main className="mx-auto max-w-[1600px] px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
