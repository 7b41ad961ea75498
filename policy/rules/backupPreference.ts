import { BACKUP_LEARNED_PRIORITY, Prefix, ROUTE_PRIORITY } from "../../sdk";
import { DEFAULT_ROUTE_PRIORITY, StackResource } from "../extract";
import { advertisedRanges, importedPriority } from "../extract/routing";
import { list, networkPrefix, num, record, text } from "../extract/values";
import { stackPolicy } from "./define";
import { listed } from "./words";

export interface BackupPreferenceConfig {
    minimumGap: number;
}

/** A BGP peer's advertisement as AWS receives it. */
interface Advertisement {
    peer: StackResource;
    priority: number;
    /** Undefined when the peer advertises the router's defaults (all subnets): it overlaps everything. */
    prefixes?: Prefix[];
    written: string;
}

/**
 * A backup must lose in both directions, each chosen by one cloud (sdk/preference.ts has the
 * sources). AWS→Google: the VPN's peers advertise Google's prefixes at a worse priority (MED) than
 * the interconnect's. Google→AWS: AWS sends the same MED on every session and offers no setting for
 * it, so only Google can rank what it learns: the VPN's peers must import AWS's routes through a BGP
 * import route policy that sets a worse priority than the interconnect's peers get; otherwise Cloud
 * Router installs both and spreads Google's traffic to AWS over the VPN (ECMP).
 */
export const backupPreference = stackPolicy<BackupPreferenceConfig>({
    name: "backup-route-preference",
    description: "An HA VPN beside an interconnect loses to it in both directions: it advertises the same prefixes at a worse priority (AWS→Google), and its peers import AWS's routes at a worse priority through a BGP import route policy (Google→AWS).",
    enforcementLevel: "mandatory",
    severity: "medium",
    configSchema: {
        properties: {
            minimumGap: {
                type: "integer", minimum: 1, default: 1,
                description: "How much higher (worse) a VPN peer's advertised route priority must be than any interconnect peer's for overlapping prefixes.",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    // A priority not known yet (during preview) cannot be compared.
    const known = (peer: StackResource) => !peer.unknown?.has("advertisedRoutePriority");
    const vpn = model.haVpns.flatMap((v) => v.tunnels.flatMap((t) => t.peers.filter(known).map((peer) => advertisement(peer, t.router))));
    const interconnect = model.attachments.flatMap((a) => a.peers.filter(known).map((peer) => advertisement(peer, a.router)));
    if (vpn.length === 0 || interconnect.length === 0) notApplicable("The stack has no HA VPN beside a dedicated interconnect with BGP sessions.");
    const primaries = new Advertisements(interconnect);
    for (const backup of vpn) {
        const primary = primaries.worstOverlapping(backup);
        if (!primary || backup.priority >= primary.priority + config.minimumGap) continue;
        report(`RouterPeer ${model.index.label(backup.peer)} (HA VPN) advertises ${backup.written} at priority ${backup.priority}, no worse than RouterPeer ` +
            `${model.index.label(primary.peer)} on the interconnect (${primary.written} at ${primary.priority}), so AWS may send traffic for those prefixes over the VPN. ` +
            `Set advertisedRoutePriority on the VPN's peers to at least ${primary.priority + config.minimumGap} (crosscloud gives backups ${ROUTE_PRIORITY.backup}).`, backup.peer.urn);
    }
    // Google→AWS: what each peer's import policies make of every route it learns (AWS's MED, 0, when none sets it).
    const learnedOf = (peer: StackResource) => importedPriority(model.index, peer) ?? 0;
    const interconnectPeers = interconnect.map((a) => a.peer);
    const worstPrimary = interconnectPeers.reduce((worst, peer) => (learnedOf(peer) > learnedOf(worst) ? peer : worst), interconnectPeers[0]);
    for (const backup of vpn) {
        if (backup.peer.unknown?.has("importPolicies")) continue;
        const priority = learnedOf(backup.peer);
        const needed = learnedOf(worstPrimary) + config.minimumGap;
        if (priority >= needed) continue;
        report(`RouterPeer ${model.index.label(backup.peer)} (HA VPN) learns AWS's routes at priority ${priority}, no worse than RouterPeer ${model.index.label(worstPrimary)} ` +
            `on the interconnect (${learnedOf(worstPrimary)}), so Cloud Router installs both and sends part of Google's traffic to AWS over the VPN. ` +
            `Attach an import route policy (RouterRoutePolicy, type ROUTE_POLICY_TYPE_IMPORT) to the VPN's peers whose term matches every route and sets med to at least ${needed} ` +
            `(crosscloud sets ${BACKUP_LEARNED_PRIORITY}).`, backup.peer.urn);
    }
});

function advertisement(peer: StackResource, router: StackResource | undefined): Advertisement {
    const p = peer.props;
    const priority = p.zeroAdvertisedRoutePriority === true ? 0 : num(p.advertisedRoutePriority) ?? DEFAULT_ROUTE_PRIORITY;
    // A peer in CUSTOM mode advertises its own ranges; otherwise its router's, which default to all subnets.
    const source = text(p.advertiseMode) === "CUSTOM" ? p : record(router?.props.bgp);
    const custom = text(source?.advertiseMode) === "CUSTOM" && list(source?.advertisedGroups).length === 0;
    const ranges = custom ? advertisedRanges(source) : [];
    const prefixes = ranges.map(networkPrefix).filter((x): x is Prefix => x !== undefined);
    return custom ? { peer, priority, prefixes, written: listed(ranges) } : { peer, priority, written: "all subnets" };
}

/**
 * Interconnect advertisements indexed by prefix, so that each VPN peer finds the worst priority
 * among those it overlaps without comparing against every one. Two prefixes overlap when one
 * contains the other: the containing ones are found by masking, the contained ones by range.
 */
class Advertisements {
    private readonly worst?: Advertisement;
    private readonly ofEverything?: Advertisement;
    private readonly byPrefix = new Map<string, Advertisement>();
    private readonly sorted: { prefix: Prefix; advertisement: Advertisement }[] = [];

    constructor(advertisements: Advertisement[]) {
        for (const a of advertisements) {
            this.worst = worse(this.worst, a);
            if (!a.prefixes) this.ofEverything = worse(this.ofEverything, a);
            for (const prefix of a.prefixes ?? []) {
                const key = prefix.toString();
                this.byPrefix.set(key, worse(this.byPrefix.get(key), a) ?? a);
                this.sorted.push({ prefix, advertisement: a });
            }
        }
        this.sorted.sort((a, b) => a.prefix.compare(b.prefix));
    }

    worstOverlapping(backup: Advertisement): Advertisement | undefined {
        if (!backup.prefixes) return this.worst;
        let found = this.ofEverything;
        for (const prefix of backup.prefixes) {
            for (let bits = 0; bits <= prefix.bits; bits++) {
                found = worse(found, this.byPrefix.get(Prefix.from(prefix.network, bits, prefix.family).toString()));
            }
            for (let i = this.firstAtOrAfter(prefix); i < this.sorted.length && this.sorted[i].prefix.family === prefix.family && this.sorted[i].prefix.network <= prefix.last; i++) {
                found = worse(found, this.sorted[i].advertisement);
            }
        }
        return found;
    }

    /** The first prefix starting at or after `prefix`'s network, in its family (sorted by family, then network). */
    private firstAtOrAfter(prefix: Prefix): number {
        const before = (p: Prefix) => (p.family === prefix.family ? p.network < prefix.network : p.compare(prefix) < 0);
        let low = 0;
        let high = this.sorted.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (before(this.sorted[mid].prefix)) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}

function worse(a: Advertisement | undefined, b: Advertisement | undefined): Advertisement | undefined {
    if (!a) return b;
    return b && b.priority > a.priority ? b : a;
}
