/**
 * What each resource change does to the cross-cloud links while `pulumi up` applies it: which links
 * ride the resource (from the plan's link parts), which of them the change takes down by the rules
 * (rules.ts), for how long, and what the other cloud must learn before they carry traffic again.
 */
import { describeType, ROUTER_ID_RULE, ruleFor, Scope, ChangeRule } from "./rules";
import { ChangeOp, Duration, Effect, EFFECT_ORDER, LinkPart, PartRole, ResourceChange, ResourceState, Source, StackState, UNKNOWN_VALUE } from "./types";

/** One way a change touches the links: the fields one rule covers, and what that rule says. */
export interface Outage {
    effect: Effect;
    fields: string[];
    /** The links it takes down while the change applies (or for good, for a removal). */
    links: string[];
    outage?: string;
    duration?: Duration;
    relearn?: string;
    note?: string;
    /** Resources being replaced whose new outputs these fields take: why they change. */
    replacedSources?: string[];
    source: Source;
}

export interface ChangeImpact {
    urn: string;
    type: string;
    name: string;
    /** What the resource is, in the provider's words. */
    what: string;
    op: ChangeOp;
    /** The strongest effect on traffic; `none` when no link is touched. */
    effect: Effect;
    outages: Outage[];
    /** Links down while the change applies: interrupted, replaced, or of unknown fate. */
    down: string[];
    /** Links the change brings. */
    added: string[];
    /** Links the change takes away for good. */
    removed: string[];
    /** Links that ride the resource (in the stack before, or after for a new one). */
    rides: string[];
}

export interface UpdateImpact {
    changes: ChangeImpact[];
    /** Everything at once, as one `pulumi up` applies it. */
    down: string[];
    added: string[];
    removed: string[];
}

const CLOUD_ROUTER = "gcp:compute/router:Router";
const ROUTER_PEER = "gcp:compute/routerPeer:RouterPeer";

/**
 * The impact of every change. `context` holds resources of other stacks planned alongside (a shared
 * layer's Cloud Routers): facts the rules read, never changes.
 */
export function impactOf(before: StackState, after: StackState, changes: readonly ResourceChange[], context: readonly ResourceState[] = []): UpdateImpact {
    const riders = { before: ridersOf(before), after: ridersOf(after) };
    const beforeLinks = new Set(before.topology.links.map((l) => l.id));
    const afterLinks = new Set(after.topology.links.map((l) => l.id));
    const routers = [...after.resources, ...before.resources, ...context].filter((r) => r.type === CLOUD_ROUTER);
    const impacts = changes.map((c): ChangeImpact => {
        const state = c.op === ChangeOp.Create ? after : before;
        const rides = unique([...(riders.before.get(c.urn) ?? []), ...(riders.after.get(c.urn) ?? [])].map((p) => p.link));
        const outages = outagesOf(c, state, before, riders.before, routers);
        const down = unique(outages.flatMap((o) => o.links));
        const added = c.op === ChangeOp.Create ? rides.filter((l) => !beforeLinks.has(l)) : [];
        const removed = c.op === ChangeOp.Delete ? rides.filter((l) => !afterLinks.has(l)) : [];
        return {
            urn: c.urn, type: c.type, name: c.name, what: describeType(c.type), op: c.op,
            // An outage that takes links down is never `none`: the strongest effect says it all.
            effect: strongest(outages.map((o) => o.effect)),
            outages, down: down.filter((l) => !removed.includes(l)), added, removed, rides,
        };
    });
    return {
        changes: impacts,
        down: unique(impacts.flatMap((i) => i.down)),
        added: unique(impacts.flatMap((i) => i.added)),
        removed: unique(impacts.flatMap((i) => i.removed)),
    };
}

export function strongest(effects: readonly Effect[]): Effect {
    return effects.reduce((a, b) => (EFFECT_ORDER.indexOf(b) > EFFECT_ORDER.indexOf(a) ? b : a), Effect.None);
}

function outagesOf(c: ResourceChange, state: StackState, before: StackState, riders: Map<string, RiderPart[]>, routers: readonly ResourceState[]): Outage[] {
    // A BGP session added, removed, or both (replaced) may move its router's ID.
    const routerId = c.type === ROUTER_PEER && c.op !== ChangeOp.Update ? routerIdOutage(c, state, before, routers) : undefined;
    if (c.op === ChangeOp.Create || c.op === ChangeOp.Delete) return routerId ? [routerId] : [];
    return [...fieldOutages(c, state, before, riders), ...(routerId ? [routerId] : [])];
}

function fieldOutages(c: ResourceChange, state: StackState, before: StackState, riders: Map<string, RiderPart[]>): Outage[] {
    const byRule = new Map<ChangeRule, { fields: string[]; uncertain: boolean; sources: string[] }>();
    for (const f of c.fields) {
        const rule = ruleFor(c.type, f.field);
        // A replacement recreates the resource: what an in-place update of another field would do is moot.
        if (c.op === ChangeOp.Replace && rule.effect !== Effect.Replaced) continue;
        const entry = byRule.get(rule) ?? { fields: [], uncertain: false, sources: [] };
        entry.fields.push(f.field);
        entry.uncertain ||= !f.certain;
        entry.sources.push(...(f.replacedSources ?? []));
        byRule.set(rule, entry);
    }
    const nameOf = (urn: string) => state.resources.find((r) => r.urn === urn)?.name ?? urn;
    return [...byRule].map(([rule, { fields, uncertain, sources }]): Outage => {
        // An engine that updates in place what the rules say it replaces: the rules do not know this update.
        const inPlaceReplace = c.op === ChangeOp.Update && rule.effect === Effect.Replaced && !uncertain;
        const effect = (uncertain && rule.effect !== Effect.None) || inPlaceReplace ? Effect.Unknown : rule.effect;
        const links = effect === Effect.None ? [] : scoped(rule.scope ?? Scope.Links, c.urn, before, riders);
        const note = inPlaceReplace
            ? "the preview updates in place what the rules say is replaced: what the update does to traffic is not documented"
            : uncertain && rule.effect !== Effect.None
                ? `${rule.effect === Effect.Replaced ? "may be replaced" : "may interrupt"}: the new value is known only once resources exist${rule.note ? `; ${rule.note}` : ""}`
                : rule.note;
        const replacedSources = [...new Set(sources.map(nameOf))].sort();
        return {
            effect, fields, links, outage: rule.outage, duration: rule.duration, relearn: rule.relearn, note,
            ...(replacedSources.length > 0 && { replacedSources }), source: rule.source,
        };
    });
}

/**
 * Without an explicit BGP identifier range, Cloud Router takes its router ID from the last-sorted
 * address of its sessions and may change it when a session is added or removed: the other sessions
 * on the router then restart. The router's range is read wherever it is declared (this stack, or a
 * shared one planned alongside); one nobody declares is taken as unset.
 */
function routerIdOutage(c: ResourceChange, state: StackState, before: StackState, routers: readonly ResourceState[]): Outage | undefined {
    const peer = state.resources.find((r) => r.urn === c.urn);
    // The router the peer names: the resource its value came from, else the name it gives.
    const source = peer?.propertyDependencies?.router?.map((urn) => routers.find((r) => r.urn === urn)).find((r) => r !== undefined);
    const named = lastSegment(peer?.inputs.router);
    const router = source ?? (named === undefined ? undefined : routers.find((r) => r.name === named || lastSegment(r.inputs.name) === named));
    const routerName = router?.name ?? named;
    if (routerName === undefined) return undefined;
    const bgp = router?.inputs.bgp as Record<string, unknown> | undefined;
    if (typeof bgp?.identifierRange === "string" && bgp.identifierRange !== "" && bgp.identifierRange !== UNKNOWN_VALUE) return undefined;
    const own = new Set(Object.entries(state.parts ?? {}).filter(([, parts]) => parts.some((p) => p.urn === c.urn)).map(([link]) => link));
    const ids = new Set([routerName, named, lastSegment(router?.inputs.name)].filter((n): n is string => n !== undefined));
    const links = before.topology.links.filter((l) => l.domains.cloudRouter !== undefined && ids.has(l.domains.cloudRouter) && !own.has(l.id)).map((l) => l.id).sort();
    const rule = ROUTER_ID_RULE;
    return { effect: rule.effect, fields: [], links, outage: `${rule.outage} (${routerName})`, duration: rule.duration, note: rule.note, source: rule.source };
}

interface RiderPart extends LinkPart {
    link: string;
}

/** Per resource URN, the links riding it and in which role. */
function ridersOf(state: StackState): Map<string, RiderPart[]> {
    const riders = new Map<string, RiderPart[]>();
    for (const [link, parts] of Object.entries(state.parts ?? {})) {
        for (const part of parts) riders.set(part.urn, [...(riders.get(part.urn) ?? []), { ...part, link }]);
    }
    return riders;
}

/** The links a rule's scope names, among those riding the resource before the change. */
function scoped(scope: Scope, urn: string, before: StackState, riders: Map<string, RiderPart[]>): string[] {
    const mine = riders.get(urn) ?? [];
    switch (scope) {
        case Scope.Links:
            return unique(mine.map((p) => p.link));
        case Scope.Tunnel1:
        case Scope.Tunnel2: {
            // Which AWS tunnel a Google tunnel pairs with may be known only once AWS reports the tunnels' addresses: then both count.
            const known = mine.filter((p) => p.awsTunnel !== undefined);
            const tunnel = known.filter((p) => p.awsTunnel === (scope === Scope.Tunnel1 ? 1 : 2));
            return unique((known.length === mine.length ? tunnel : mine).map((p) => p.link));
        }
        case Scope.Lag: {
            const lags = new Set(mine.flatMap((p) => (before.parts[p.link] ?? []).filter((q) => q.role === PartRole.Lag).map((q) => q.urn)));
            return unique([...lags].flatMap((lag) => (riders.get(lag) ?? []).map((p) => p.link)));
        }
        case Scope.CloudRouter: {
            const ids = new Set(before.topology.links.filter((l) => mine.some((p) => p.link === l.id)).map((l) => l.domains.cloudRouter));
            const resource = before.resources.find((r) => r.urn === urn);
            if (resource?.type === CLOUD_ROUTER) ids.add(lastSegment(resource.inputs.name) ?? resource.name);
            return before.topology.links.filter((l) => l.domains.cloudRouter !== undefined && ids.has(l.domains.cloudRouter)).map((l) => l.id).sort();
        }
    }
}

/** A name or the last segment of a self link; nothing for a value not known yet. */
function lastSegment(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" && !value.includes(UNKNOWN_VALUE) ? value.slice(value.lastIndexOf("/") + 1) : undefined;
}

/** Ids once each, sorted. */
export function unique(ids: readonly string[]): string[] {
    return [...new Set(ids)].sort();
}
