// Renders the CloudFormation templates and the ready-to-attach hub policies from deploy/policies/*.json.
//
//   npx tsx deploy/generate-cloudformation.ts          write the files
//   npx tsx deploy/generate-cloudformation.ts --check  exit 1 if a committed file is stale
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatedFiles } from "@/deploy/cloudformation/build-templates";

const root = path.resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");
let stale = 0;
for (const [rel, content] of Object.entries(generatedFiles())) {
  const file = path.join(root, rel);
  let current: string | null = null;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    current = null;
  }
  if (current === content) continue;
  if (check) {
    console.error(`stale: ${rel}`);
    stale += 1;
  } else {
    writeFileSync(file, content);
    console.log(`wrote ${rel}`);
  }
}
if (stale > 0) {
  console.error("Run `npx tsx deploy/generate-cloudformation.ts` and commit the result.");
  process.exit(1);
}
