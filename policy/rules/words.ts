/** Small helpers that keep violation messages short and uniform. */

/** `a, b and c` (or `a, b or c`); long lists end with `and 7 more`. */
export function listed(items: readonly string[], max = 6, conjunction: "and" | "or" = "and"): string {
    if (items.length === 0) return "none";
    const shown = items.length > max ? [...items.slice(0, max - 1), `${items.length - max + 1} more`] : [...items];
    return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(", ")} ${conjunction} ${shown[shown.length - 1]}`;
}

export function plural(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** `2.5 Gbps`, `10 Gbps`: at most three decimals, none when whole. */
export function gbpsText(gbps: number): string {
    return `${Number(gbps.toFixed(3))} Gbps`;
}
