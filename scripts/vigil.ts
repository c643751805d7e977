import { runCli } from "@/lib/cli/main";

process.exitCode = await runCli(process.argv.slice(2));
