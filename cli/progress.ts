/** Writes a line of progress to stderr, so stdout stays the plan (or its JSON). */
export function progress(line: string): void {
    process.stderr.write(`${line}\n`);
}
