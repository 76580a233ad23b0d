// Tailwind CSS 4 reads its theme from app/globals.css (@theme); this file carries what the
// CSS-first configuration cannot: where classes are used, and the status palette shared by the
// matrix, badges and charts (loaded through `@config` in globals.css).
import type { Config } from "tailwindcss";

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        passed: "#15803d",
        failed: "#b91c1c",
        warning: "#b45309",
        nodata: "#6b7280",
        na: "#9ca3af",
        errored: "#7c3aed",
      },
    },
  },
};

export default config;
