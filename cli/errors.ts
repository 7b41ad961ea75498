/** Exit statuses: a plan that failed or found mandatory violations, and a command used wrongly. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * An error a user can act on: what went wrong and what to do about it. The CLI prints both and
 * exits with `exitCode`, never a bare stack trace.
 */
export class CliError extends Error {
    constructor(message: string, readonly fix: string, readonly exitCode: number = EXIT_FAILED) {
        super(message);
        this.name = "CliError";
    }
}

export function usageError(message: string, fix: string): CliError {
    return new CliError(message, fix, EXIT_USAGE);
}
