import { runCli } from "@/lib/platform/cli/main";

process.exitCode = await runCli(process.argv.slice(2));
