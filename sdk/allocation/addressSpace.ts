import { AddressFamily } from "../addressFamily";
import { ErrorCode, fail } from "../errors";
import { AWS_RESERVED, checkBlock, checkBlockIpv6, CHUNK_BITS, CHUNK_BITS_IPV6, IPV6_SESSION_RANGE, IPV6_TUNNEL_PREFIX_LENGTH, LINK_LOCAL, SessionPrefixLength } from "../linkLocal";
import { ofFamily, Prefix } from "../prefix";
import { AddressLedger, LEDGER_VERSION, LinkRecord, parseLedger } from "./ledger";
import { homeSlot, homeSlotIpv6, probeStride, probeStrideIpv6 } from "./slots";

/**
 * Every link-local address a program gives out, in one place: what each component placed, what
 * the ledger says was deployed, and what links that left the program still hold. Components on
 * the same Cloud Routers plan against one space, so no two BGP sessions of a program overlap;
 * a link the ledger knows keeps its addresses, router and ASNs whatever else changes, and a
 * change that would replace it is refused unless the user accepts it by key.
 *
 * New links go to their home /28 (a hash of their key, as before, so links planned without a
 * ledger stay where they are), or, when it is taken, to the next free /28 on a probe sequence
 * that also depends only on the key. Nothing is ever a collision to settle by hand; the ledger is
 * what keeps a link that had to leave its home where it landed.
 */

/** One /30: the unit the space keeps, 16,384 of them in 169.254.0.0/16. */
const UNIT_BITS = 30;
const UNITS = 2 ** (UNIT_BITS - 16);

/** The IPv6 unit: one /126, one tunnel's inside range. */
const UNIT_BITS_IPV6 = IPV6_TUNNEL_PREFIX_LENGTH;

/** Probes of an IPv6 block before it is called full: its free /124s are far more than the links any program has. */
const IPV6_PROBES = 1 << 16;

/** A value whose change replaces a link's resources. */
export interface LinkFact {
    name: string;
    /** Undefined when it is not known at plan time (an Output): then it is neither recorded nor compared. */
    value: string | number | undefined;
    /** The argument that sets it, for the error. */
    field: string;
    /** What a change replaces, e.g. "the customer gateways and the VPN connections on them". */
    replaces: string;
    /**
     * The value a record without this fact stands for (a link deployed before the fact was kept, as
     * every link was IPv4 only before stack types): compared as such, and not recorded when equal.
     */
    unrecorded?: string | number;
}

interface LinkBase {
    /** Stable identity of the link, unique in the program: `prod-backup`, `prod-primary/east-a`. */
    key: string;
    /** Argument path of the link, for errors: `attachments["east-a"]`, or "" for a link that is the whole argument. */
    field: string;
    facts?: LinkFact[];
}

/** A link whose sessions crosscloud places in a block. */
export interface PlacedLink extends LinkBase {
    block: Prefix;
    /** Argument that sets the block, for errors. */
    blockField: string;
    /** BGP sessions the link needs: 4 for an HA VPN, 1 for an interconnect attachment. */
    sessions: number;
    prefixLength: SessionPrefixLength;
    /** Pins the link to this /28 of the block. */
    slot?: number;
    /** Ranges in use on the router that the space does not know: never placed on. */
    reserved?: Prefix[];
    /** What moving the link's addresses replaces. */
    replaces: string;
}

/** A link whose sessions the user wrote by hand (`insideCidrs`). */
export interface GivenLink extends LinkBase {
    nets: { prefix: Prefix; field: string }[];
    replaces: string;
}

/** The IPv6 sessions of a link already placed or given for IPv4, placed in an IPv6 block. */
export interface PlacedIpv6 {
    key: string;
    field: string;
    block: Prefix;
    blockField: string;
    /** IPv6 sessions: one /126 each, four at most (one /124). */
    sessions: number;
    /** Ranges in use that the space does not know: never placed on. Prefixes of the other family are ignored. */
    reserved?: Prefix[];
    replaces: string;
}

/** IPv6 sessions the user wrote by hand (`insideCidrsIpv6`). */
export interface GivenIpv6 {
    key: string;
    nets: { prefix: Prefix; field: string }[];
    replaces: string;
}

export interface Placement {
    key: string;
    /** The /28 and its index in the block, for placed links. */
    chunk?: Prefix;
    slot?: number;
    /** One prefix per session, in session order. */
    nets: Prefix[];
}

export interface AddressSpaceOptions {
    /** Keys of deployed links whose replacement the user accepts: they are planned as if new. */
    allowReplacement?: readonly string[];
    /** Where the ledger came from, for errors. */
    ledgerField?: string;
}

export class AddressSpace {
    /** Owner of each /30 (0: free), as an index into `owners` plus one. */
    private unitOwner = new Int32Array(UNITS);
    /** /30s of retired links: given out only when nothing else is free. */
    private retiredUnit = new Uint8Array(UNITS);
    /** Owner of each IPv6 /126 in use, by its index in fdff:1::/64, as an index into `owners` plus one. */
    private unitOwnerIpv6 = new Map<bigint, number>();
    /** IPv6 /126s of retired links, with the retired key. */
    private retiredUnitIpv6 = new Map<bigint, string>();
    /** The IPv6 /124 each retired link had, kept for its return even once its record is taken back. */
    private retiredChunkIpv6 = new Map<string, string>();
    private owners: string[] = [];
    private ownerIds = new Map<string, number>();
    /** Links placed by this program, as the ledger will record them. */
    private placed = new Map<string, LinkRecord>();
    /** The ledger's links, by key (a Map: keys are user text, and `valueOf` is a fine link name). */
    private readonly deployed: ReadonlyMap<string, LinkRecord>;
    private retired: Map<string, LinkRecord>;
    /** Warnings for the component being planned. */
    notes: string[] = [];

    private constructor(
        /** The ledger read back from the last update; undefined when the program keeps none. */
        private readonly ledger: AddressLedger | undefined,
        private readonly allowReplacement: ReadonlySet<string>,
    ) {
        this.deployed = new Map(Object.entries(ledger?.links ?? {}));
        this.retired = new Map(Object.entries(ledger?.retired ?? {}));
        for (const [key, record] of this.deployed) {
            this.mark(recordNets(record), this.ownerId(key));
            this.markIpv6(recordNetsIpv6(record), this.ownerId(key));
        }
        for (const [key, record] of this.retired) {
            for (const net of recordNets(record)) this.forUnits(net, (u) => (this.retiredUnit[u] = 1));
            for (const net of recordNetsIpv6(record)) this.retiredUnitIpv6.set(unitIpv6(net), key);
            if (record.chunkIpv6 !== undefined) this.retiredChunkIpv6.set(key, record.chunkIpv6);
        }
    }

    /** A space with no history: links go to their homes, or the next free /28. */
    static empty(): AddressSpace {
        return new AddressSpace(undefined, new Set());
    }

    /** A space that keeps what the ledger recorded. */
    static fromLedger(ledger: unknown, options: AddressSpaceOptions = {}): AddressSpace {
        const parsed = parseLedger(ledger, options.ledgerField ?? "addressLedger");
        return new AddressSpace(parsed, new Set(options.allowReplacement ?? []));
    }

    /** Whether a ledger keeps this program's placements. */
    get keepsLedger(): boolean {
        return this.ledger !== undefined;
    }

    /** A fact the ledger recorded for a deployed link, unless the user accepts its replacement. */
    recordedFact(key: string, name: string): string | number | undefined {
        return this.deployedRecord(key)?.facts?.[name];
    }

    /** A copy to plan in, adopted with `adopt` once the plan succeeds; its notes start empty. */
    fork(): AddressSpace {
        const copy = new AddressSpace(this.ledger, this.allowReplacement);
        copy.unitOwner = this.unitOwner.slice();
        copy.retiredUnit = this.retiredUnit.slice();
        copy.unitOwnerIpv6 = new Map(this.unitOwnerIpv6);
        copy.retiredUnitIpv6 = new Map(this.retiredUnitIpv6);
        copy.retiredChunkIpv6 = new Map(this.retiredChunkIpv6);
        copy.owners = [...this.owners];
        copy.ownerIds = new Map(this.ownerIds);
        copy.placed = new Map(this.placed);
        copy.retired = new Map(this.retired);
        return copy;
    }

    /** Takes over a fork's state: what the fork placed is now placed here. */
    adopt(fork: AddressSpace): void {
        this.unitOwner = fork.unitOwner;
        this.retiredUnit = fork.retiredUnit;
        this.unitOwnerIpv6 = fork.unitOwnerIpv6;
        this.retiredUnitIpv6 = fork.retiredUnitIpv6;
        this.retiredChunkIpv6 = fork.retiredChunkIpv6;
        this.owners = fork.owners;
        this.ownerIds = fork.ownerIds;
        this.placed = fork.placed;
        this.retired = fork.retired;
    }

    /** The ledger after this program: every link it placed, and the links that left it, retired. */
    record(): AddressLedger {
        const byKey = ([a]: [string, LinkRecord], [b]: [string, LinkRecord]) => (a < b ? -1 : a > b ? 1 : 0);
        const links = Object.fromEntries([...this.placed].sort(byKey));
        const left = [...this.deployed].filter(([key]) => !this.placed.has(key));
        const retired = Object.fromEntries([...this.retired, ...left].sort(byKey));
        return { version: LEDGER_VERSION, links, retired };
    }

    /** Gives a link its /28: the recorded one, the pinned one, its home, or the next free one. */
    place(link: PlacedLink): Placement {
        checkBlock(link.block, link.blockField);
        checkShape(link);
        const chunks = 2 ** (CHUNK_BITS - link.block.bits);
        if (link.slot !== undefined) checkSlotRange(link, chunks);
        const reserved = sortedSpans(ofFamily(link.reserved ?? [], AddressFamily.Ipv4));
        const recorded = this.recorded(link);
        let slot: number;
        if (recorded?.chunk !== undefined) {
            slot = this.keepRecorded(link, recorded, reserved);
        } else {
            if (recorded) this.refuseMove(link, `its sessions ${recordNets(recorded).join(", ")} were written by hand, and placing it replaces ${link.replaces}`, link.slot !== undefined ? slotField(link) : link.blockField, link.block.toString());
            slot = link.slot !== undefined ? this.pinned(link, reserved) : this.free(link, chunks, reserved);
        }
        const chunk = link.block.subnet(CHUNK_BITS, slot);
        const nets = Array.from({ length: link.sessions }, (_, s) => chunk.subnet(link.prefixLength, s));
        this.take(link, nets, { chunk: chunk.toString(), nets: nets.map(String) });
        return { key: link.key, chunk, slot, nets };
    }

    /** Takes sessions the user wrote by hand, refusing any that another link of the program uses. */
    give(link: GivenLink): Placement {
        const recorded = this.recorded(link);
        const nets = link.nets.map((n) => n.prefix);
        if (recorded) {
            const was = recordNets(recorded).map(String);
            const moved = link.nets.findIndex((n, i) => was[i] !== undefined && was[i] !== n.prefix.toString());
            if (moved >= 0) this.refuseMove(link, `its session ${moved} is on ${was[moved]}, and ${link.nets[moved].prefix} replaces ${link.replaces}`, link.nets[moved].field, undefined);
        }
        for (const { prefix, field } of link.nets) {
            const owner = this.ownerOf(prefix, link.key);
            if (owner !== undefined) {
                fail({
                    code: ErrorCode.Overlap, field, value: prefix.toString(),
                    rule: `overlaps the sessions of link "${owner}", already on this program's Cloud Routers${this.isPlaced(owner) ? "" : " (recorded in the address ledger)"}`,
                    fix: "Pick a prefix no other session uses, or leave the prefixes out and let crosscloud place the link.",
                });
            }
        }
        this.take(link, nets, { nets: nets.map(String) });
        return { key: link.key, nets };
    }

    /** Records a link with no link-local sessions (a managed interconnect) for its facts alone. */
    hold(link: LinkBase): void {
        this.recorded(link);
        this.take(link, [], {});
    }

    /**
     * Gives a link this program placed or gave IPv4 sessions to its IPv6 /126s: the recorded /124,
     * or its home /124 of the IPv6 block, or the next free one on its probe order. A link that
     * becomes dual stack keeps its IPv4 sessions and gains IPv6 ones.
     */
    placeIpv6(link: PlacedIpv6): Prefix[] {
        checkBlockIpv6(link.block, link.blockField);
        const chunkSessions = 2 ** (UNIT_BITS_IPV6 - CHUNK_BITS_IPV6);
        if (!Number.isInteger(link.sessions) || link.sessions < 1 || link.sessions > chunkSessions) {
            fail({ code: ErrorCode.InvalidArgument, field: link.field, value: link.sessions, rule: `a link holds 1 to ${chunkSessions} IPv6 /126 sessions`, fix: "Split the sessions over more links." });
        }
        const record = this.placedRecord(link.key);
        const deployed = this.deployedRecord(link.key);
        const reserved = sortedSpans(ofFamily(link.reserved ?? [], AddressFamily.Ipv6));
        let chunk: Prefix;
        if (deployed?.chunkIpv6 !== undefined) {
            chunk = Prefix.parse(deployed.chunkIpv6, "chunkIpv6", AddressFamily.Ipv6);
            if (!link.block.contains(chunk)) {
                this.refuseMove(link, `its IPv6 sessions are in ${chunk}, outside the IPv6 block ${link.block}: a new block gives them new addresses, which replaces ${link.replaces}`, link.blockField, link.block.toString());
            }
            const clash = firstContaining(reserved, chunk);
            if (clash !== undefined) {
                fail({ code: ErrorCode.Overlap, field: "reservedPrefixes", value: clash.text, rule: `overlaps ${chunk}, where deployed link "${link.key}" has its IPv6 sessions`, fix: "Reserve only ranges that other links' sessions use; this link's own addresses need no reservation." });
            }
        } else {
            if (deployed?.netsIpv6 !== undefined) {
                this.refuseMove(link, `its IPv6 sessions ${deployed.netsIpv6.join(", ")} were written by hand, and placing them replaces ${link.replaces}`, link.blockField, link.block.toString());
            }
            chunk = this.freeIpv6(link, reserved);
        }
        const nets = Array.from({ length: link.sessions }, (_, s) => chunk.subnet(UNIT_BITS_IPV6, s));
        this.markIpv6(nets, this.ownerId(link.key));
        record.chunkIpv6 = chunk.toString();
        record.netsIpv6 = nets.map(String);
        this.releaseRetiredIpv6(link.key, nets);
        return nets;
    }

    /** Takes IPv6 sessions the user wrote by hand for a link placed or given for IPv4, refusing any another link uses. */
    giveIpv6(link: GivenIpv6): Prefix[] {
        const record = this.placedRecord(link.key);
        const was = this.deployedRecord(link.key)?.netsIpv6;
        if (was) {
            const moved = link.nets.findIndex((n, i) => was[i] !== undefined && was[i] !== n.prefix.toString());
            if (moved >= 0) this.refuseMove(link, `its IPv6 session ${moved} is on ${was[moved]}, and ${link.nets[moved].prefix} replaces ${link.replaces}`, link.nets[moved].field, undefined);
        }
        for (const { prefix, field } of link.nets) {
            const owner = this.ownerOfIpv6(prefix, link.key);
            if (owner !== undefined) {
                fail({
                    code: ErrorCode.Overlap, field, value: prefix.toString(),
                    rule: `overlaps the IPv6 sessions of link "${owner}", already in this program's VPC${this.isPlaced(owner) ? "" : " (recorded in the address ledger)"}`,
                    fix: "Pick a prefix no other session uses, or leave the IPv6 prefixes out and let crosscloud place them.",
                });
            }
        }
        const nets = link.nets.map((n) => n.prefix);
        this.markIpv6(nets, this.ownerId(link.key));
        record.netsIpv6 = nets.map(String);
        this.releaseRetiredIpv6(link.key, nets);
        return nets;
    }

    /** The ledger's record of a link the user has not released, after refusing any fact that changed. */
    private recorded(link: LinkBase): LinkRecord | undefined {
        if (this.placed.has(link.key)) {
            fail({
                code: ErrorCode.Conflict, field: link.field || "name", value: link.key,
                rule: `another component of this program already has a link keyed "${link.key}"; links are keyed by component name (and attachment key), which must be unique in a program`,
                fix: "Give this component a name of its own.",
            });
        }
        const record = this.deployed.get(link.key);
        if (!record || this.allowReplacement.has(link.key)) return undefined;
        for (const fact of link.facts ?? []) {
            const was = record.facts?.[fact.name] ?? fact.unrecorded;
            if (was !== undefined && fact.value !== undefined && was !== fact.value) {
                this.refuseMove(link, `its ${fact.name} is ${JSON.stringify(was)}, and ${JSON.stringify(fact.value)} replaces ${fact.replaces}`, fact.field, fact.value);
            }
        }
        return record;
    }

    private keepRecorded(link: PlacedLink, recorded: LinkRecord, reserved: Span[]): number {
        const chunk = Prefix.parse(recorded.chunk, "chunk", AddressFamily.Ipv4);
        if (!link.block.contains(chunk)) {
            this.refuseMove(link, `its sessions are in ${chunk}, outside the link-local block ${link.block}: a new block gives them new addresses, which replaces ${link.replaces}`, link.blockField, link.block.toString());
        }
        const slot = Number(link.block.indexOf(chunk));
        if (link.slot !== undefined && link.slot !== slot) {
            this.refuseMove(link, `it is in slot ${slot} (${chunk}), and slot ${link.slot} replaces ${link.replaces}`, slotField(link), link.slot);
        }
        const was = recorded.nets ?? [];
        const moved = was.findIndex((net, i) => i < link.sessions && net !== chunk.subnet(link.prefixLength, i).toString());
        if (moved >= 0) {
            this.refuseMove(link, `its session ${moved} is on ${was[moved]}, and /${link.prefixLength} sessions move it to ${chunk.subnet(link.prefixLength, moved)}, which replaces ${link.replaces}`, link.field || "name", link.prefixLength);
        }
        const clash = firstContaining(reserved, chunk);
        if (clash !== undefined) {
            fail({
                code: ErrorCode.Overlap, field: "reservedPrefixes", value: clash.text,
                rule: `overlaps ${chunk}, where deployed link "${link.key}" has its sessions`,
                fix: "Reserve only ranges that other routers' sessions use; this link's own addresses need no reservation.",
            });
        }
        return slot;
    }

    private pinned(link: PlacedLink, reserved: Span[]): number {
        const slot = link.slot!;
        const chunk = link.block.subnet(CHUNK_BITS, slot);
        const aws = AWS_RESERVED.find((r) => r.prefix.overlaps(chunk));
        const mine = firstContaining(reserved, chunk);
        if (aws || mine !== undefined) {
            fail({ code: ErrorCode.ReservedRange, field: slotField(link), value: slot, rule: `its addresses (${chunk}) overlap ${aws ? aws.prefix : mine!.text}, which is reserved`, fix: "Pick another slot, or leave slot out and let crosscloud place the link." });
        }
        const owner = this.chunkOwner(chunk, link.key);
        if (owner !== undefined) {
            fail({
                code: ErrorCode.AddressCollision, field: slotField(link), value: slot,
                rule: `slot ${slot} (${chunk}) holds the sessions of link "${owner}"`,
                fix: `Pin the new link "${link.key}" to another slot, or leave slot out and let crosscloud place it.`,
            });
        }
        return slot;
    }

    /** The key's home when free; else the first free /28 on its probe sequence, retired ones last. */
    private free(link: PlacedLink, chunks: number, reserved: Span[]): number {
        const usable = (slot: number, allowRetired: boolean) => {
            const chunk = link.block.subnet(CHUNK_BITS, slot);
            if (AWS_RESERVED.some((r) => r.prefix.overlaps(chunk))) return false;
            if (firstContaining(reserved, chunk) !== undefined) return false;
            // A retired link's own key comes back to its old addresses.
            const returning = this.retired.get(link.key)?.chunk === chunk.toString();
            return this.everyUnit(chunk, (u) => this.isFreeFor(u, link.key) && (allowRetired || returning || this.retiredUnit[u] === 0));
        };
        // A link coming back, or one whose replacement the user accepted, keeps its old addresses when it can.
        const back = this.retired.get(link.key)?.chunk ?? this.deployed.get(link.key)?.chunk;
        if (back !== undefined) {
            const chunk = Prefix.parse(back, "chunk", AddressFamily.Ipv4);
            const slot = Number(link.block.indexOf(chunk));
            if (link.block.contains(chunk) && usable(slot, false)) return slot;
        }
        const home = homeSlot(link.key, link.block);
        const stride = probeStride(link.key, chunks);
        const firstUsable = (allowRetired: boolean) => {
            for (let i = 0; i < chunks; i++) {
                const candidate = (home + i * stride) % chunks;
                if (usable(candidate, allowRetired)) return candidate;
            }
            return undefined;
        };
        const slot = firstUsable(false) ?? firstUsable(true);
        if (slot === undefined) {
            fail({
                code: ErrorCode.BlockExhausted, field: link.blockField, value: link.block.toString(),
                rule: `no /28 of ${link.block} is free for the new link "${link.key}": the block's ${chunks} /28s are reserved or hold other links`,
                fix: "Give the new link's component a link-local block of its own, or remove links this block no longer needs.",
            });
        }
        if (slot !== home && !this.keepsLedger) {
            const taker = this.chunkOwner(link.block.subnet(CHUNK_BITS, home), link.key);
            this.notes.push(
                `link "${link.key}" is placed in ${link.block.subnet(CHUNK_BITS, slot)} because its home /28 ${link.block.subnet(CHUNK_BITS, home)} is ` +
                `${taker ? `taken by link "${taker}"` : "reserved"}. Without an address ledger it moves home if that changes: ` +
                "open one (openAddressLedger) so every placement is recorded and kept.",
            );
        }
        return slot;
    }

    private take(link: LinkBase, nets: Prefix[], record: LinkRecord): void {
        const facts = Object.fromEntries((link.facts ?? []).filter((f) => f.value !== undefined && f.value !== f.unrecorded).map((f) => [f.name, f.value!]));
        this.placed.set(link.key, { ...record, ...(Object.keys(facts).length > 0 && { facts }) });
        this.mark(nets, this.ownerId(link.key));
        // A chunk given to a new link is no longer held for the retired one.
        for (const [key, r] of this.retired) {
            if (key === link.key || recordNets(r).some((net) => nets.some((n) => n.overlaps(net)))) this.retired.delete(key);
        }
    }

    private refuseMove(link: { key: string }, what: string, field: string, value: unknown): never {
        return fail({
            code: ErrorCode.ReplacementRefused, field, value,
            rule: `link "${link.key}" is deployed: ${what}`,
            fix: `Keep the deployed value; or, to replace the link on purpose, add "${link.key}" to the address ledger's allowReplacement and plan again.`,
        });
    }

    /** The IPv6 block's first usable /124 on the key's probe order, retired ones last. */
    private freeIpv6(link: PlacedIpv6, reserved: Span[]): Prefix {
        const chunks = 1n << BigInt(CHUNK_BITS_IPV6 - link.block.bits);
        const usable = (chunk: Prefix, allowRetired: boolean) => firstContaining(reserved, chunk) === undefined
            && Array.from({ length: 2 ** (UNIT_BITS_IPV6 - CHUNK_BITS_IPV6) }, (_, s) => unitIpv6(chunk.subnet(UNIT_BITS_IPV6, s))).every((u) => {
                const owner = this.unitOwnerIpv6.get(u);
                const retiredBy = this.retiredUnitIpv6.get(u);
                return (owner === undefined || this.owners[owner - 1] === link.key) && (allowRetired || retiredBy === undefined || retiredBy === link.key);
            });
        const back = this.retiredChunkIpv6.get(link.key) ?? this.deployed.get(link.key)?.chunkIpv6;
        if (back !== undefined) {
            const chunk = Prefix.parse(back, "chunkIpv6", AddressFamily.Ipv6);
            if (link.block.contains(chunk) && usable(chunk, false)) return chunk;
        }
        const home = homeSlotIpv6(link.key, chunks);
        const stride = probeStrideIpv6(link.key, chunks);
        const probes = chunks < BigInt(IPV6_PROBES) ? Number(chunks) : IPV6_PROBES;
        const firstUsable = (allowRetired: boolean) => {
            for (let i = 0; i < probes; i++) {
                const chunk = link.block.subnet(CHUNK_BITS_IPV6, (home + BigInt(i) * stride) % chunks);
                if (usable(chunk, allowRetired)) return chunk;
            }
            return undefined;
        };
        const chunk = firstUsable(false) ?? firstUsable(true);
        if (chunk === undefined) {
            fail({
                code: ErrorCode.BlockExhausted, field: link.blockField, value: link.block.toString(),
                rule: `no /${CHUNK_BITS_IPV6} of ${link.block} is free for the IPv6 sessions of the new link "${link.key}": they are reserved or hold other links`,
                fix: "Give the link's component an IPv6 block of its own, or remove links this block no longer needs.",
            });
        }
        const homeChunk = link.block.subnet(CHUNK_BITS_IPV6, home);
        if (!chunk.equals(homeChunk) && !this.keepsLedger) {
            this.notes.push(
                `the IPv6 sessions of link "${link.key}" are placed in ${chunk} because their home ${homeChunk} is taken or reserved. ` +
                "Without an address ledger they move home if that changes: open one (openAddressLedger) so every placement is recorded and kept.",
            );
        }
        return chunk;
    }

    /** What this program records for a link it has placed or given IPv4 sessions to; IPv6 sessions come second. */
    private placedRecord(key: string): LinkRecord {
        const record = this.placed.get(key);
        if (!record) throw new Error(`crosscloud bug: link "${key}" is given IPv6 sessions before its IPv4 ones`);
        return record;
    }

    /** The ledger's record of a deployed link, unless the user accepts its replacement. */
    private deployedRecord(key: string): LinkRecord | undefined {
        return this.allowReplacement.has(key) ? undefined : this.deployed.get(key);
    }

    private markIpv6(nets: Prefix[], owner: number): void {
        for (const net of nets) this.unitOwnerIpv6.set(unitIpv6(net), owner);
    }

    /** IPv6 units given to a link are no longer held for a retired one. */
    private releaseRetiredIpv6(key: string, nets: Prefix[]): void {
        const units = new Set(nets.map(unitIpv6));
        const released = new Set([key]);
        for (const unit of units) {
            const retiredKey = this.retiredUnitIpv6.get(unit);
            if (retiredKey !== undefined) released.add(retiredKey);
        }
        for (const [unit, retiredKey] of this.retiredUnitIpv6) if (released.has(retiredKey)) this.retiredUnitIpv6.delete(unit);
        for (const retiredKey of released) {
            this.retiredChunkIpv6.delete(retiredKey);
            if (retiredKey !== key) this.retired.delete(retiredKey);
        }
    }

    /** Another link holding an IPv6 /126 that overlaps `prefix`. */
    private ownerOfIpv6(prefix: Prefix, self: string): string | undefined {
        for (const [unit, owner] of this.unitOwnerIpv6) {
            const key = this.owners[owner - 1];
            if (key !== self && prefix.overlaps(IPV6_SESSION_RANGE.subnet(UNIT_BITS_IPV6, unit))) return key;
        }
        return undefined;
    }

    private ownerId(key: string): number {
        let id = this.ownerIds.get(key);
        if (id === undefined) {
            id = this.owners.push(key);
            this.ownerIds.set(key, id);
        }
        return id;
    }

    private mark(nets: Prefix[], owner: number): void {
        for (const net of nets) this.forUnits(net, (u) => (this.unitOwner[u] = owner));
    }

    private isFreeFor(unit: number, key: string): boolean {
        const owner = this.unitOwner[unit];
        return owner === 0 || this.owners[owner - 1] === key;
    }

    private isPlaced(key: string): boolean {
        return this.placed.has(key);
    }

    /** Another link holding any address of `prefix`. */
    private ownerOf(prefix: Prefix, self: string): string | undefined {
        let found: string | undefined;
        this.everyUnit(prefix, (u) => {
            const owner = this.unitOwner[u];
            if (owner !== 0 && this.owners[owner - 1] !== self) found = this.owners[owner - 1];
            return found === undefined;
        });
        return found;
    }

    private chunkOwner(chunk: Prefix, self: string): string | undefined {
        return this.ownerOf(chunk, self);
    }

    /** Whether `test` holds for every /30 unit a prefix covers inside 169.254.0.0/16 (the one holding a longer prefix). */
    private everyUnit(prefix: Prefix, test: (unit: number) => boolean): boolean {
        if (!LINK_LOCAL.overlaps(prefix)) return true;
        const size = 2 ** (32 - UNIT_BITS);
        const offset = (address: bigint) => Number(address - LINK_LOCAL.network);
        const from = Math.floor(offset(prefix.network > LINK_LOCAL.network ? prefix.network : LINK_LOCAL.network) / size);
        const to = Math.floor(offset(prefix.last < LINK_LOCAL.last ? prefix.last : LINK_LOCAL.last) / size);
        for (let u = from; u <= to; u++) if (!test(u)) return false;
        return true;
    }

    private forUnits(prefix: Prefix, visit: (unit: number) => void): void {
        this.everyUnit(prefix, (u) => {
            visit(u);
            return true;
        });
    }
}

/** A placed link's sessions come from its nets, or its chunk when only that was recorded. */
function recordNets(record: LinkRecord): Prefix[] {
    if (record.nets && record.nets.length > 0) return record.nets.map((n) => Prefix.parse(n, "nets", AddressFamily.Ipv4));
    return record.chunk ? [Prefix.parse(record.chunk, "chunk", AddressFamily.Ipv4)] : [];
}

/** A link's IPv6 /126s as the ledger has them; a chunk alone stands for its four. */
function recordNetsIpv6(record: LinkRecord): Prefix[] {
    if (record.netsIpv6 && record.netsIpv6.length > 0) return record.netsIpv6.map((n) => Prefix.parse(n, "netsIpv6", AddressFamily.Ipv6));
    if (!record.chunkIpv6) return [];
    const chunk = Prefix.parse(record.chunkIpv6, "chunkIpv6", AddressFamily.Ipv6);
    return Array.from({ length: 2 ** (UNIT_BITS_IPV6 - CHUNK_BITS_IPV6) }, (_, s) => chunk.subnet(UNIT_BITS_IPV6, s));
}

/** The index of the /126 holding an IPv6 prefix's first address, in fdff:1::/64 (outside it, an index no placement reaches). */
function unitIpv6(prefix: Prefix): bigint {
    return (prefix.network - IPV6_SESSION_RANGE.network) >> BigInt(128 - UNIT_BITS_IPV6);
}

function checkShape(link: PlacedLink): void {
    if (typeof link.key !== "string" || link.key === "") {
        fail({ code: ErrorCode.InvalidArgument, field: link.field || "name", value: link.key, rule: "a link needs a stable, non-empty string key", fix: "Name the link, e.g. prod-backup." });
    }
    if (link.prefixLength !== 29 && link.prefixLength !== 30) {
        fail({ code: ErrorCode.InvalidArgument, field: link.field, value: link.prefixLength, rule: "session prefixes are /29 or /30", fix: "Use 30 for VPN tunnels, 29 (or 30) for interconnect attachments." });
    }
    const capacity = 2 ** (link.prefixLength - CHUNK_BITS);
    if (!Number.isInteger(link.sessions) || link.sessions < 1 || link.sessions > capacity) {
        fail({ code: ErrorCode.InvalidArgument, field: link.field, value: link.sessions, rule: `a link holds 1 to ${capacity} /${link.prefixLength} sessions`, fix: "Split the sessions over more links." });
    }
}

function checkSlotRange(link: PlacedLink, chunks: number): void {
    if (!Number.isInteger(link.slot) || link.slot! < 0 || link.slot! >= chunks) {
        fail({
            code: ErrorCode.InvalidArgument, field: slotField(link), value: link.slot,
            rule: `must be an integer from 0 to ${chunks - 1} (${link.block} holds ${chunks} /${CHUNK_BITS}s)`,
            fix: "Pick a slot inside the block, or leave slot out and let crosscloud place the link.",
        });
    }
}

/** Where a link's slot is written: `attachments["a"].slot`, or plain `slot` for a link that is the whole argument. */
function slotField(link: LinkBase): string {
    return link.field ? `${link.field}.slot` : "slot";
}

interface Span {
    network: bigint;
    last: bigint;
    text: string;
}

/**
 * Reserved ranges as disjoint outermost blocks, sorted for binary search: a chunk meets one in
 * O(log n). CIDR blocks are nested or disjoint, so a block starting inside another is inside it.
 */
function sortedSpans(prefixes: Prefix[]): Span[] {
    const sorted = prefixes.map((p) => ({ network: p.network, last: p.last, text: p.toString() }))
        .sort((a, b) => (a.network < b.network ? -1 : a.network > b.network ? 1 : a.last > b.last ? -1 : a.last < b.last ? 1 : 0));
    const outermost: Span[] = [];
    for (const span of sorted) {
        if (outermost.length === 0 || span.network > outermost[outermost.length - 1].last) outermost.push(span);
    }
    return outermost;
}

/** The reserved block overlapping `chunk`, if any: the last one starting before the chunk ends. */
function firstContaining(spans: Span[], chunk: Prefix): Span | undefined {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (spans[mid].network <= chunk.last) lo = mid + 1;
        else hi = mid;
    }
    const candidate = spans[lo - 1];
    return candidate && candidate.last >= chunk.network ? candidate : undefined;
}
