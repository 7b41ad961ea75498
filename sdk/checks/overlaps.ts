/**
 * Overlap between two lists of CIDR blocks in O(n log n). CIDR blocks of one family are nested or
 * disjoint, never partly overlapping, so after sorting by start (widest first) every block that
 * reaches the current one's start contains it: the open blocks form one chain, kept as a stack.
 */
export interface Span {
    /** First address, as an integer. */
    lo: bigint;
    /** Last address. */
    hi: bigint;
}

/** The first pair (index in `a`, index in `b`) whose blocks overlap, or undefined. */
export function firstOverlapBetween(a: readonly Span[], b: readonly Span[]): [number, number] | undefined {
    const items = [
        ...a.map((span, index) => ({ span, index, side: 0 })),
        ...b.map((span, index) => ({ span, index, side: 1 })),
    ].sort((x, y) => compare(x.span.lo, y.span.lo) || compare(y.span.hi, x.span.hi) || x.side - y.side);
    const open: typeof items = [];
    const openOnSide = [0, 0];
    let found: [number, number] | undefined;
    for (const item of items) {
        while (open.length > 0 && open[open.length - 1].span.hi < item.span.lo) openOnSide[open.pop()!.side]--;
        if (openOnSide[1 - item.side] > 0) {
            const other = [...open].reverse().find((o) => o.side !== item.side)!;
            const pair: [number, number] = item.side === 0 ? [item.index, other.index] : [other.index, item.index];
            if (!found || pair[0] < found[0] || (pair[0] === found[0] && pair[1] < found[1])) found = pair;
        }
        open.push(item);
        openOnSide[item.side]++;
    }
    return found;
}

function compare(x: bigint, y: bigint): number {
    return x < y ? -1 : x > y ? 1 : 0;
}
