import * as assert from "node:assert/strict";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { CrossCloudNetwork, LinkKind, SlaTier } from "../../components/crossCloudNetwork";
import { DedicatedInterconnect, SlaTarget } from "../../components/dedicatedInterconnect";
import { HaVpn } from "../../components/haVpn";
import { ManagedInterconnect } from "../../components/managedInterconnect";
import { addressing, bgpHygiene, routeLimits } from "../../policy/rules";
import { evaluatePolicies } from "../../policy/evaluate";
import { ATTACHMENT_BANDWIDTHS, AWS_TUNNEL_LIMIT, Bandwidth, GCP_HA_VPN_TUNNEL_LIMIT, MANAGED_BANDWIDTHS, PortSpeed } from "../../sdk/bandwidth";
import { CrossCloudError, ErrorCode, show, SHOWN_VALUE_LIMIT } from "../../sdk/errors";
import { LinkKind as Kind, Topology } from "../../sdk/topology";
import { capture } from "../../offline";

/**
 * Bad input through the public constructors, as users (and other languages' SDKs) hand it over:
 * each case breaks one to three arguments of a valid configuration with values of every shape —
 * missing, null, NaN, symbols, circular objects, class instances, Outputs where plain values are
 * due, names and regions the providers reject, lists far past the providers' limits, a megabyte
 * of text. Every outcome is one of two: a complete CrossCloudError thrown before the component
 * declared anything, or an accepted plan whose resources pass the pack's address, ASN and route
 * rules and whose links carry bandwidths the products offer. Anything else fails the spec.
 *
 * Set CROSSCLOUD_FUZZ_REPORT=1 to print the count of each class.
 */

const CASES = 2000;
type Args = Record<string, unknown>;

const NETWORK = "projects/acme/global/networks/transit";

/** Valid configurations, one per component; every case starts from a fresh copy. */
const BASES: Record<string, () => Args> = {
    HaVpn: () => ({
        google: { network: NETWORK, region: "us-east4", router: "shared-router-us-east4", routerAsn: 65010, project: "acme" },
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512 },
        advertisedPrefixes: ["10.100.0.0/16"], role: "backup", tunnelBandwidth: "standard", linkLocalBlock: "169.254.96.0/19",
    }),
    ManagedInterconnect: () => ({
        bandwidth: "10Gbps", initiatedBy: "google", production: false,
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        google: { region: "us-east4", network: NETWORK, project: "acme" },
        advertisedPrefixes: ["10.20.0.0/14"],
    }),
    DedicatedInterconnect: () => ({
        sla: SlaTarget.ThreeNines, portSpeed: PortSpeed.Gbps10, linksPerPort: 1,
        // Ready ports, so every accepted plan declares its attachments, peers and VIFs for the rules to judge.
        ports: { "iad-1": { location: "iad-zone1-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2", ready: true }, "iad-2": { location: "iad-zone2-1", remoteLocation: "aws-csva1", awsLocation: "CSVA1", ready: true } },
        attachments: { "east-a": { port: "iad-1", bandwidth: "5Gbps" }, "east-b": { port: "iad-2", bandwidth: "5Gbps" } },
        google: { network: NETWORK, region: "us-east4", router: "shared-router-us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        advertisedPrefixes: ["10.20.0.0/16"], linkLocalBlock: "169.254.96.0/19",
    }),
    CrossCloudNetwork: () => ({
        requirement: { bandwidthGbps: 5, sla: SlaTier.ThreeNines, survivesSingleFailure: false },
        google: { network: NETWORK, region: "us-east4", router: "shared-router-us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603 },
        prefixes: { aws: ["10.10.0.0/16"], google: ["10.20.0.0/16"] },
        primary: {
            kind: LinkKind.Dedicated,
            dedicated: {
                portSpeed: PortSpeed.Gbps10,
                ports: { "iad-1": { location: "iad-zone1-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2" }, "iad-2": { location: "iad-zone2-1", remoteLocation: "aws-csva1", awsLocation: "CSVA1" } },
                attachments: { "east-a": { port: "iad-1", bandwidth: "5Gbps" }, "east-b": { port: "iad-2", bandwidth: "5Gbps" } },
            },
        },
        backup: { tunnelBandwidth: "standard" },
        linkLocalBlock: "169.254.96.0/19",
    }),
};

const CONSTRUCTORS: Record<string, new (name: string, args: never) => pulumi.ComponentResource & { topology: pulumi.Output<Topology> }> = {
    HaVpn, ManagedInterconnect, DedicatedInterconnect, CrossCloudNetwork,
};

// ---- Values of every shape: made fresh per case, since some are mutable or huge. ----

function circular(): Args {
    const a: Args = { keyName: "key1" };
    a.self = a;
    return a;
}
function deep(levels: number): Args {
    let v: Args = { leaf: 1 };
    for (let i = 0; i < levels; i++) v = { next: v };
    return v;
}
const MEGABYTE = "x".repeat(1_000_000);
const MANY_PREFIXES = Array.from({ length: 5_000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24`);
const OVERLAPPING = Array.from({ length: 5_000 }, () => "10.0.0.0/16");

const WEIRD: (() => unknown)[] = [
    () => undefined, () => null, () => NaN, () => Infinity, () => -1, () => 0, () => 1.5, () => 2 ** 53, () => 4294967295,
    () => "", () => " ", () => "Prod Link!", () => "Moon Base 1", () => "false", () => MEGABYTE, () => "💥",
    () => Symbol("s"), () => 1n, () => () => 1, () => new Map([["a", 1]]), () => new Set([1]), () => new Date(0), () => /re/,
    () => [], () => [null], () => [{}], () => [Symbol("t")], () => ({}), () => ({ a: 1 }), () => Object.create(null),
    circular, () => deep(100), () => pulumi.output("x"), () => pulumi.secret("y"), () => Promise.resolve("z"),
    () => MANY_PREFIXES, () => OVERLAPPING, () => ["10.0.0.0/8", "10.1.0.0/16"], () => ["169.254.0.0/30", "169.254.0.4/30", "169.254.0.8/30", "169.254.0.12/30"],
];

/** Plausible values, some right and some wrong for wherever they land. */
const PLAUSIBLE: (() => unknown)[] = [
    () => "us-east4", () => "europe-west1", () => "us-east-1", () => "eu-central-1", () => "10Gbps", () => "50Mbps", () => "BPS_1G", () => "large",
    () => "primary", () => "backup", () => "aws", () => "manual", () => "99.99", () => "99.9", () => "100Gbps", () => 2, () => 64513, () => 65020,
    () => 4200000001, () => 7224, () => true, () => false, () => "tgw-0other", () => "169.254.64.0/19", () => "169.254.64.0/28", () => 3,
    () => ["10.30.0.0/16"], () => ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"], () => ({ keyName: "k2" }),
];

/** Names: the component's name is an argument too. */
const NAMES: (() => unknown)[] = [
    () => "", () => "Prod Link!", () => "x".repeat(60), () => Symbol("n"), () => new Map(), () => 42, () => null, () => undefined, () => "-x", () => "a-",
];

/** Every path through plain objects of the base configuration, arrays included as a whole. */
function paths(value: unknown, at: string[] = []): string[][] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return [at];
    return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
}

function set(args: Args, path: string[], value: unknown): Args {
    if (path.length === 0) return value as Args;
    // Arguments already replaced by something that is not an object stay so.
    if (typeof args !== "object" || args === null) return args;
    let node: Args = args;
    for (const key of path.slice(0, -1)) {
        if (typeof node[key] !== "object" || node[key] === null || Object.isFrozen(node[key])) node[key] = {};
        node = node[key] as Args;
    }
    node[path[path.length - 1]] = value;
    return args;
}

interface Case {
    name: unknown;
    args: Args;
    /** What was changed, for failure messages. */
    what: string[];
}

function cases(component: string, seed: number): Case[] {
    const base = BASES[component]();
    const targets = [...paths(base), ["extra"], ["google", "extra"]];
    const value = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WEIRD) }, { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE) });
    const mutation = fc.tuple(fc.constantFrom(...targets), value);
    const arb = fc.record({
        mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
        name: fc.option(fc.constantFrom(...NAMES), { freq: 8 }),
    });
    return fc.sample(arb, { numRuns: CASES, seed }).map(({ mutations, name }, i) => {
        let args = BASES[component]();
        const what: string[] = [];
        for (const [path, make] of mutations) {
            const v = make();
            args = set(args, path, v);
            what.push(`${path.join(".") || "(args)"} = ${show(v).slice(0, 60)}`);
        }
        return { name: name === null ? `c${i}` : name(), args, what: [...(name === null ? [] : ["(name)"]), ...what] };
    });
}

/** A complete error: a known code, the argument's path, the value shown briefly, the rule and the fix. */
function completeError(e: unknown): e is CrossCloudError {
    return e instanceof CrossCloudError && Object.values(ErrorCode).includes(e.code) && e.field.length > 0 && e.rule.length > 0 && e.fix.length > 0
        && e.message.length < SHOWN_VALUE_LIMIT + e.field.length + e.rule.length + e.fix.length + 40;
}

/** The bandwidths each kind of link is offered at, per link. */
function offered(kind: Kind, mbps: number): boolean {
    const b = Bandwidth.fromMbps(mbps);
    if (kind === Kind.HaVpn) return Object.values(AWS_TUNNEL_LIMIT).concat(GCP_HA_VPN_TUNNEL_LIMIT).some((t) => t.equals(b));
    return (kind === Kind.Managed ? MANAGED_BANDWIDTHS : ATTACHMENT_BANDWIDTHS).some((t) => t.equals(b));
}

interface Outcome {
    typed: number;
    accepted: number;
    other: string[];
}

async function fuzz(component: string): Promise<Outcome> {
    const seed = Date.now() ^ component.length;
    const outcome: Outcome = { typed: 0, accepted: 0, other: [] };
    const Ctor = CONSTRUCTORS[component];
    const accepted: { c: Case; topology: pulumi.Output<Topology> }[] = [];
    const started = Date.now();
    const plan = await capture(() => {
        let declared = 0;
        pulumi.runtime.registerStackTransformation(() => {
            declared++;
            return undefined;
        });
        for (const c of cases(component, seed)) {
            const before = declared;
            try {
                accepted.push({ c, topology: new Ctor(c.name as string, c.args as never).topology });
            } catch (e) {
                if (completeError(e) && declared === before) outcome.typed++;
                else outcome.other.push(`[seed ${seed}] ${c.what.join("; ")}: ${declared === before ? "" : `declared ${declared - before} resources, then `}${e instanceof CrossCloudError ? `incomplete ${e.message}` : String(e).slice(0, 300)}`);
            }
        }
        if (process.env.CROSSCLOUD_FUZZ_REPORT) console.log(`${component}: ${CASES} constructions in ${Date.now() - started} ms`);
        return { topologies: accepted.map((a) => a.topology) };
    }).catch((e) => {
        outcome.other.push(`[seed ${seed}] the accepted plans failed to register: ${String(e).slice(0, 500)}`);
        return undefined;
    });
    if (!plan) return outcome;
    const violations = evaluatePolicies(plan.resources, undefined, { policies: [addressing, bgpHygiene, routeLimits] });
    for (const v of violations) outcome.other.push(`[seed ${seed}] accepted, but ${v.policy}: ${v.message}`);
    (plan.outputs.topologies as Topology[]).forEach((t, i) => {
        const slow = t.links.filter((l) => !offered(l.kind, l.mbps));
        if (slow.length > 0) outcome.other.push(`[seed ${seed}] ${accepted[i].c.what.join("; ")}: accepted with ${slow.map((l) => `${l.id} at ${l.mbps} Mbps`).join(", ")}`);
        else outcome.accepted++;
    });
    return outcome;
}

describe("bad input through the public constructors", () => {
    for (const component of Object.keys(BASES)) {
        it(`${component}: ${CASES} cases, each a complete CrossCloudError before anything is declared or an accepted plan within the hard rules`, async function () {
            this.timeout(120_000);
            const outcome = await fuzz(component);
            if (process.env.CROSSCLOUD_FUZZ_REPORT) console.log(`${component}: ${outcome.typed} typed errors, ${outcome.accepted} accepted, ${outcome.other.length} other`);
            assert.deepEqual(outcome.other.slice(0, 10), []);
            assert.equal(outcome.typed + outcome.accepted, CASES);
            assert.ok(outcome.typed > 0 && outcome.accepted > 0, `${outcome.typed} typed, ${outcome.accepted} accepted: the cases cover both classes`);
        });
    }
});
