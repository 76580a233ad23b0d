// The `trailwarden` command line (its commands, options and exit codes are documented in the README).
// Each command lives in cli/commands/<name>.ts and is loaded only when used.
import { Command, Option } from "commander";
import { runCommand } from "@/cli/run-command";

const program = new Command()
  .name("trailwarden")
  .description("CloudTrail posture across an AWS Organization: collect, evaluate, remediate, report.")
  .showHelpAfterError();

program
  .command("migrate")
  .description("apply pending database migrations (embedded PostgreSQL unless DATABASE_URL is set)")
  .action(() => runCommand(() => import("@/cli/commands/migrate"), {}));

program
  .command("serve")
  .description("start the web app and the background worker on the configured database")
  .option("--port <port>", "HTTP port (default: TRAILWARDEN_PORT or 3000)")
  .option("--no-worker", "do not start the background worker in this process group")
  .option("--no-build", "fail instead of building when there is no current production build")
  .option("--reset-data", "empty TRAILWARDEN_DATA_DIR first (throw-away instances and tests)")
  .action((opts) => runCommand(() => import("@/cli/commands/serve"), opts));

program
  .command("demo")
  .description("start the simulated AWS organization (moto), the embedded database and the web app together")
  .option("--port <port>", "HTTP port (default: TRAILWARDEN_PORT or 3000)")
  .option("--reset-data", "empty TRAILWARDEN_DATA_DIR first (start from an empty database)")
  .action((opts) => runCommand(() => import("@/cli/commands/demo"), opts));

program
  .command("worker")
  .description("run a background worker (collections, remediations) against the shared queue")
  .action(() => runCommand(() => import("@/cli/commands/worker"), {}));

program
  .command("collect")
  .description("run one collection now and print a summary; exit 1 if it failed entirely")
  .option("--account <id...>", "only these account ids")
  .option("--json", "print the run summary as JSON")
  .action((opts) => runCommand(() => import("@/cli/commands/collect"), opts));

program
  .command("evidence")
  .description("read and validate the record CloudTrail delivered (signed digests, log files) and print a summary")
  .option("--account <id...>", "only these account ids")
  .option("--since <date>", "re-read from this day (YYYY-MM-DD) instead of where the last read stopped")
  .option("--verify-log-files", "also check every log file a valid digest lists (existence and SHA-256)")
  .option("--json", "print the summary as JSON")
  .action((opts) => runCommand(() => import("@/cli/commands/evidence"), opts));

program
  .command("posture")
  .description("print the current control matrix")
  .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
  .action((opts) => runCommand(() => import("@/cli/commands/posture"), opts));

program
  .command("evaluate")
  .description("re-evaluate stored snapshots with the current evaluator (after a rule changes)")
  .option("--since <date>", "only snapshots collected on or after this date (YYYY-MM-DD)")
  .action((opts) => runCommand(() => import("@/cli/commands/evaluate"), opts));

program
  .command("remediate")
  .description(
    "plan, apply and verify the whole-family fix of one account, or the organization fix; exit 0 verified, 2 a person has an action left, 1 failed",
  )
  .option("--account <id>", "account id (the family fix of one account)")
  .option("--organization", "the organization fix: one organization trail and the guardrail SCP")
  .option("--dry-run", "print the plan only (default)")
  .option("--apply", "apply the plan")
  .option("--yes", "do not ask for confirmation before applying")
  .option("--alarm-email <email>", "who the CIS alarms notify (a topic is created and subscribed), for this plan")
  .option("--alarm-topic-arn <arn>", "an existing SNS topic for the CIS alarms, for this plan")
  .option(
    "--config-rule",
    "with --organization: also deploy AWS Config's rule multi-region-cloudtrail-enabled to every account, for this plan",
  )
  .option("--as <email>", "the user the remediation is recorded for", "cli@localhost")
  .action((opts) => runCommand(() => import("@/cli/commands/remediate"), opts));

const report = program.command("report").description("build reports");
report
  .command("coverage")
  .description("logging-coverage report for a period (default: the last twelve months)")
  .option("--from <date>", "first day, YYYY-MM-DD")
  .option("--to <date>", "last day, YYYY-MM-DD")
  .addOption(new Option("--format <format>", "output format").choices(["json", "csv", "pdf"]).default("json"))
  .requiredOption("--out <file>", "output file")
  .action((opts) => runCommand(() => import("@/cli/commands/report-coverage"), opts));

const token = program.command("token").description("API tokens for automation");
token
  .command("create")
  .requiredOption("--role <role>", "viewer | auditor | engineer | admin")
  .requiredOption("--name <name>", "a name to recognise the token by")
  .option("--expires <when>", "days it lives (30, 30d) or its last day (YYYY-MM-DD); default 90 days")
  .action((opts) => runCommand(() => import("@/cli/commands/token-create"), opts));
token.command("list").action(() => runCommand(() => import("@/cli/commands/token-list"), {}));
token
  .command("revoke")
  .argument("<id>", "token id (from `token list`)")
  .action((id: string) => runCommand(() => import("@/cli/commands/token-revoke"), { id }));

await program.parseAsync(process.argv);
