import { fnv1a } from "./slots";

/**
 * VLAN ids for the attachments of a dual-stack dedicated interconnect. Such an attachment takes its
 * IPv6 addresses from the transit VIF's IPv6 BGP peer, whose addresses AWS assigns itself, so the
 * VIF comes first, and with it the VLAN both ends share: crosscloud picks it instead of Google.
 * Google takes 2–4094 on a DEDICATED attachment (`vlanTag8021q`), AWS 1–4094 on a VIF; an id is
 * unique per port, which is one Google interconnect and one AWS LAG.
 *
 * Picked by the rules of the address space: a recorded id is kept; a new attachment's home is a hash
 * of its key, else the next free id on its port. Recorded ids are taken first, so a new attachment
 * never moves a deployed one; without a ledger, one that had to leave its home is reported.
 */
export const VLAN_MIN = 2;
export const VLAN_MAX = 4094;

export interface VlanRequest {
    /** The attachment's link key, `prod-primary/east-a`: its home is a hash of it. */
    key: string;
    port: string;
    /** The id the address ledger recorded for it. */
    recorded?: number;
}

export interface PlannedVlan {
    vlan: number;
    home: number;
}

export function homeVlan(key: string): number {
    return VLAN_MIN + (fnv1a(`vlan:${key}`) % (VLAN_MAX - VLAN_MIN + 1));
}

/** A VLAN id per request, unique on each port; requests are taken recorded first, then by key. */
export function planVlans(requests: readonly VlanRequest[]): Map<string, PlannedVlan> {
    const taken = new Map<string, Set<number>>();
    const used = (port: string) => taken.get(port) ?? taken.set(port, new Set()).get(port)!;
    const planned = new Map<string, PlannedVlan>();
    const ordered = [...requests].sort((a, b) => Number(a.recorded === undefined) - Number(b.recorded === undefined) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const r of ordered) {
        const onPort = used(r.port);
        const home = homeVlan(r.key);
        let vlan = r.recorded !== undefined && !onPort.has(r.recorded) ? r.recorded : home;
        for (let i = 0; onPort.has(vlan) && i <= VLAN_MAX - VLAN_MIN; i++) vlan = vlan === VLAN_MAX ? VLAN_MIN : vlan + 1;
        onPort.add(vlan);
        planned.set(r.key, { vlan, home });
    }
    return planned;
}
