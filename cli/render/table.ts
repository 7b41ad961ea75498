/** Left-aligned text columns, two spaces apart; numbers are right-aligned. */
export function table(header: string[], rows: (string | number)[][], indent = "  "): string {
    const cells = [header, ...rows.map((row) => row.map(String))];
    const numeric = header.map((_, c) => rows.length > 0 && rows.every((row) => typeof row[c] === "number"));
    const widths = header.map((_, c) => Math.max(...cells.map((row) => row[c]?.length ?? 0)));
    return cells
        .map((row) => indent + row.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd())
        .join("\n");
}

export function plural(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
