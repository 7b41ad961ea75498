#!/usr/bin/env node
/**
 * `crosscloud`: plan Pulumi programs offline and roll environments out behind policy gates.
 * Every failure ends as a message and what to do about it, with exit status 1 (failed plan or a
 * violation that stops) or 2 (usage).
 */
import { parseCommand, USAGE } from "./args";
import { CliError, EXIT_FAILED } from "./errors";

async function main(argv: readonly string[]): Promise<number> {
    const command = parseCommand(argv);
    switch (command.command) {
        case "help":
            process.stdout.write(`${USAGE}\n`);
            return 0;
        // Loaded on demand: they bring in the Pulumi SDK and the providers, seconds a usage error need not wait.
        case "plan":
            return (await import("./plan")).plan(command);
        case "rollout":
            return (await import("./rollout")).rollout(command);
    }
}

function report(error: unknown): number {
    if (error instanceof CliError) {
        process.stderr.write(`error: ${error.message}\n  ${error.fix}\n`);
        return error.exitCode;
    }
    const e = error instanceof Error ? error : new Error(String(error));
    process.stderr.write(`error: ${e.message}\n  This is a bug in crosscloud, not in your program: please report it with the trace below.\n${e.stack ?? ""}\n`);
    return EXIT_FAILED;
}

main(process.argv.slice(2)).then(
    (status) => (process.exitCode = status),
    (error: unknown) => (process.exitCode = report(error)),
);
