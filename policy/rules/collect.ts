/** Items grouped by a key, in first-seen order; items whose key is undefined are left out. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K | undefined): Map<K, T[]> {
    const groups = new Map<K, T[]>();
    for (const item of items) {
        const k = key(item);
        if (k === undefined) continue;
        const members = groups.get(k);
        if (members) members.push(item);
        else groups.set(k, [item]);
    }
    return groups;
}
