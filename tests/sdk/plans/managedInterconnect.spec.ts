import * as assert from "node:assert/strict";
import fc from "fast-check";
import { Bandwidth, MANAGED_BANDWIDTHS } from "../../../sdk/bandwidth";
import { CrossCloudError, ErrorCode } from "../../../sdk/errors";
import {
    InitiatedBy, KeyHandoff, ManagedInterconnectInput, planManagedInterconnect, requireActivationKey, StackType,
} from "../../../sdk/plans/managedInterconnect";
import { Prefix } from "../../../sdk/prefix";
import { DX_GATEWAY_PREFIX_LIMIT } from "../../../sdk/routes";
import { Cloud, EndpointKind, LinkKind, LinkRole, SlaTier } from "../../../sdk/topology";
import { typedError } from "../typedError";

/** A valid Google-initiated link on the confirmed us-east-1 ⇄ us-east4 pair; each case changes what it tests. */
function input(change: (i: ManagedInterconnectInput) => void = () => undefined): ManagedInterconnectInput {
    const i: ManagedInterconnectInput = {
        name: "prod",
        bandwidth: "10Gbps",
        aws: { region: "us-east-1", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        google: { region: "us-east4", network: "vpc" },
        advertisedPrefixes: ["10.20.0.0/16"],
    };
    change(i);
    return i;
}

function awsInitiated(i: ManagedInterconnectInput): void {
    i.initiatedBy = InitiatedBy.Aws;
    i.aws.environmentId = "env-google-us-east4";
}

const prefixes = (n: number) => Array.from({ length: n }, (_, k) => `10.${100 + (k >> 8)}.${k & 255}.0/24`);

describe("planManagedInterconnect", () => {
    it("plans a Google-initiated link by default: one declarative run, both bandwidth spellings", () => {
        const plan = planManagedInterconnect(input());
        assert.equal(plan.initiatedBy, InitiatedBy.Google);
        assert.equal(plan.keyHandoff, KeyHandoff.Automatic);
        assert.equal(plan.declaresTransport, true);
        assert.deepEqual(plan.bandwidth, { aws: "10Gbps", google: "BPS_10G" });
        assert.deepEqual(plan.remoteProfile, { name: "aws-us-east-1", confirmed: true });
        assert.equal(plan.stackType, StackType.Ipv4Only);
        assert.equal(plan.production, false);
        assert.deepEqual(plan.warnings, []);
        assert.equal(plan.nextStep, undefined);
    });

    it("builds the topology: one managed link in its own SLA group, between the DX gateway and the network", () => {
        const { topology } = planManagedInterconnect(input((i) => { i.bandwidth = "BPS_500M"; }));
        assert.deepEqual(topology.groups, [{ id: "prod", kind: LinkKind.Managed, role: LinkRole.Primary, profileSla: SlaTier.FourNines }]);
        assert.deepEqual(topology.links, [{
            id: "prod-connection", group: "prod", kind: LinkKind.Managed, role: LinkRole.Primary,
            aws: "prod-dx-gateway", gcp: "prod-network", mbps: 500,
            domains: { managedConnection: "prod-connection", region: "us-east4" },
        }]);
        assert.deepEqual(topology.endpoints, [
            { id: "prod-dx-gateway", cloud: Cloud.Aws, kind: EndpointKind.DirectConnectGateway, asn: 64603 },
            { id: "prod-network", cloud: Cloud.Gcp, kind: EndpointKind.Network, region: "us-east4" },
        ]);
        assert.deepEqual(topology.sessions, []);
        assert.deepEqual(topology.prefixes, { aws: ["10.10.0.0/16"], gcp: ["10.20.0.0/16"] });
    });

    it("lands in an NCC hub instead of a VPC", () => {
        const plan = planManagedInterconnect(input((i) => { i.google.network = undefined; i.google.hub = "hub"; }));
        assert.equal(plan.topology.links[0].gcp, "prod-hub");
    });

    it("takes an unconfirmed profile from the table with a warning, and a given one as confirmed", () => {
        const london = planManagedInterconnect(input((i) => { i.aws.region = "eu-west-2"; i.google.region = "europe-west2"; }));
        assert.deepEqual(london.remoteProfile, { name: "aws-eu-west-2", confirmed: false });
        assert.match(london.warnings.join(), /aws-eu-west-2.*not confirmed.*google\.remoteProfile/);

        const given = planManagedInterconnect(input((i) => { i.aws.region = "me-central-1"; i.google.region = "me-central2"; i.google.remoteProfile = "aws-me-central-1"; }));
        assert.deepEqual(given.remoteProfile, { name: "aws-me-central-1", confirmed: true });
        assert.deepEqual(given.warnings, []);
    });

    it("canonicalises dual-stack prefixes of both families", () => {
        const plan = planManagedInterconnect(input((i) => {
            i.google.stackType = StackType.DualStack;
            i.advertisedPrefixes = ["10.20.0.0/16", "2600:1900:0:0::/40"];
            i.aws.allowedPrefixes = ["10.10.0.0/16", "2600:1f18::/48"];
        }));
        assert.deepEqual(plan.advertisedPrefixes, ["10.20.0.0/16", "2600:1900::/40"]);
        assert.deepEqual(plan.allowedPrefixes, ["10.10.0.0/16", "2600:1f18::/48"]);
    });

    it("puts prefixes in canonical order, so reordering the argument changes nothing", () => {
        const plan = (allowed: string[]) => planManagedInterconnect(input((i) => { i.aws.allowedPrefixes = allowed; }));
        assert.deepEqual(plan(["10.11.0.0/16", "10.10.0.0/16"]), plan(["10.10.0.0/16", "10.11.0.0/16"]));
        assert.deepEqual(plan(["10.11.0.0/16", "10.10.0.0/16"]).allowedPrefixes, ["10.10.0.0/16", "10.11.0.0/16"]);
    });

    it("declares the Transport in an AWS-initiated run unless a manual handoff still waits for the key", () => {
        assert.equal(planManagedInterconnect(input(awsInitiated)).declaresTransport, true);

        const stepOne = planManagedInterconnect(input((i) => { awsInitiated(i); i.keyHandoff = KeyHandoff.Manual; }));
        assert.equal(stepOne.declaresTransport, false);
        assert.match(stepOne.nextStep ?? "", /Step 1 of 2.*prod-connection.*pulumi config set --secret.*activationKey.*pulumi up again/);

        const stepTwo = planManagedInterconnect(input((i) => { awsInitiated(i); i.keyHandoff = KeyHandoff.Manual; i.activationKey = "key"; }));
        assert.equal(stepTwo.declaresTransport, true);
        assert.equal(stepTwo.nextStep, undefined);
    });

    it("marks production plans", () => {
        assert.equal(planManagedInterconnect(input((i) => { i.production = true; })).production, true);
    });

    const rejections: [string, (i: ManagedInterconnectInput) => void, ErrorCode, string][] = [
        ["a bandwidth the Transport does not offer", (i) => { i.bandwidth = "400Gbps"; }, ErrorCode.BandwidthUnsupported, "bandwidth"],
        ["a bandwidth neither half offers", (i) => { i.bandwidth = "25Gbps"; }, ErrorCode.BandwidthUnsupported, "bandwidth"],
        ["a bandwidth that is not one", (i) => { i.bandwidth = "fast"; }, ErrorCode.InvalidBandwidth, "bandwidth"],
        ["overlapping allowed prefixes", (i) => { i.aws.allowedPrefixes = ["10.10.0.0/16", "10.10.4.0/24"]; }, ErrorCode.Overlap, "aws.allowedPrefixes[1]"],
        ["overlapping IPv6 routes", (i) => { i.google.stackType = StackType.DualStack; i.advertisedPrefixes = ["2600:1900::/40", "2600:1900:ff::/48"]; }, ErrorCode.Overlap, "advertisedPrefixes[1]"],
        ["a range both clouds advertise", (i) => { i.advertisedPrefixes = ["10.0.0.0/8"]; }, ErrorCode.Overlap, "advertisedPrefixes[0]"],
        ["a malformed route", (i) => { i.advertisedPrefixes = ["10.20.0.0/33"]; }, ErrorCode.InvalidPrefix, "advertisedPrefixes[0]"],
        ["a prefix with host bits", (i) => { i.aws.allowedPrefixes = ["10.10.0.1/16"]; }, ErrorCode.InvalidPrefix, "aws.allowedPrefixes[0]"],
        ["an IPv6 prefix with host bits", (i) => { i.google.stackType = StackType.DualStack; i.advertisedPrefixes = ["2600:1900::1/40"]; }, ErrorCode.InvalidPrefix, "advertisedPrefixes[0]"],
        ["an IPv6 prefix on an IPv4-only link", (i) => { i.advertisedPrefixes = ["2600:1900::/40"]; }, ErrorCode.InvalidPrefix, "advertisedPrefixes[0]"],
        ["more prefixes than the gateway allows", (i) => { i.aws.allowedPrefixes = prefixes(DX_GATEWAY_PREFIX_LIMIT + 1); }, ErrorCode.TooManyPrefixes, "aws.allowedPrefixes"],
        ["no routes", (i) => { i.advertisedPrefixes = []; }, ErrorCode.InvalidArgument, "advertisedPrefixes"],
        ["a Google region the AWS region does not pair with", (i) => { i.google.region = "us-west1"; }, ErrorCode.UnknownRegionPair, "google.region"],
        ["an AWS region with no pair", (i) => { i.aws.region = "sa-east-1"; }, ErrorCode.UnknownRegionPair, "aws.region"],
        ["a profile URL instead of a name", (i) => { i.google.remoteProfile = "https://networkconnectivity.googleapis.com/v1/x"; }, ErrorCode.InvalidArgument, "google.remoteProfile"],
        ["a DX gateway ASN equal to the Transit Gateway's", (i) => { i.aws.directConnectGatewayAsn = 64512; }, ErrorCode.AsnCollision, "aws.directConnectGatewayAsn"],
        ["a public ASN", (i) => { i.aws.transitGatewayAsn = 16509; }, ErrorCode.InvalidAsn, "aws.transitGatewayAsn"],
        ["an environment on a Google-initiated link", (i) => { i.aws.environmentId = "env"; }, ErrorCode.Conflict, "aws.environmentId"],
        ["a key on a Google-initiated link", (i) => { i.activationKey = "key"; }, ErrorCode.Conflict, "activationKey"],
        ["a manual handoff on a Google-initiated link", (i) => { i.keyHandoff = KeyHandoff.Manual; }, ErrorCode.Conflict, "keyHandoff"],
        ["an AWS-initiated link without an environment", (i) => { i.initiatedBy = InitiatedBy.Aws; }, ErrorCode.InvalidArgument, "aws.environmentId"],
        ["a key with the automatic handoff", (i) => { awsInitiated(i); i.activationKey = "key"; }, ErrorCode.Conflict, "activationKey"],
        ["both a network and a hub", (i) => { i.google.hub = "hub"; }, ErrorCode.InvalidArgument, "google.network"],
        ["neither a network nor a hub", (i) => { i.google.network = undefined; }, ErrorCode.InvalidArgument, "google.network"],
        ["an unknown initiator", (i) => { i.initiatedBy = "azure" as InitiatedBy; }, ErrorCode.InvalidArgument, "initiatedBy"],
        ["an unknown stack type", (i) => { i.google.stackType = "IPV6_ONLY" as StackType; }, ErrorCode.InvalidArgument, "google.stackType"],
        ["a missing AWS side", (i) => { (i as { aws?: unknown }).aws = undefined; }, ErrorCode.InvalidArgument, "aws"],
        ["a missing Google region", (i) => { i.google.region = ""; }, ErrorCode.InvalidArgument, "google.region"],
    ];
    for (const [what, change, code, field] of rejections) {
        it(`rejects ${what}: ${code} on ${field}`, () => {
            const error = typedError(() => planManagedInterconnect(input(change)));
            assert.equal(error.code, code, error.message);
            assert.equal(error.field, field, error.message);
            assert.ok(error.rule && error.fix, error.message);
        });
    }

    it("never echoes a given activation key in an error", () => {
        const error = typedError(() => planManagedInterconnect(input((i) => { i.activationKey = "KEY-1234"; })));
        assert.doesNotMatch(error.message, /KEY-1234/);
    });

    it("property: any bandwidth gives both halves the same bandwidth, or a bandwidth error", () => {
        const offered = new Set(MANAGED_BANDWIDTHS.map((b) => b.toGcp()));
        const bandwidth = fc.oneof(
            fc.constantFrom(...MANAGED_BANDWIDTHS.flatMap((b) => [b.toAws(), b.toGcp()]), "400Gbps", "BPS_400G", "25Gbps"),
            fc.string(),
            fc.tuple(fc.integer({ min: 0, max: 200_000 }), fc.constantFrom("Mbps", "Gbps", "mbps", "G")).map(([n, unit]) => `${n}${unit}`),
            fc.tuple(fc.integer({ min: 0, max: 500 }), fc.constantFrom("M", "G")).map(([n, unit]) => `BPS_${n}${unit}`),
        );
        fc.assert(fc.property(bandwidth, (value) => {
            let plan;
            try {
                plan = planManagedInterconnect(input((i) => { i.bandwidth = value; }));
            } catch (e) {
                assert.ok(e instanceof CrossCloudError, String(e));
                assert.ok([ErrorCode.InvalidBandwidth, ErrorCode.BandwidthUnsupported].includes(e.code), e.message);
                return;
            }
            assert.match(plan.bandwidth.aws, /^\d+[MG]bps$/);
            assert.ok(offered.has(plan.bandwidth.google), plan.bandwidth.google);
            assert.ok(Bandwidth.parse(plan.bandwidth.aws, "aws").equals(Bandwidth.parse(plan.bandwidth.google, "google")));
            assert.equal(plan.topology.links[0].mbps, Bandwidth.parse(value, "value").mbps);
        }), { numRuns: 1000 });
    });

    it("property: allowed prefixes come out disjoint and within the gateway's limit, or as an overlap or count error", () => {
        const prefix = fc.tuple(fc.integer({ min: 0x0b000000, max: 0x0bffffff }), fc.integer({ min: 12, max: 28 }))
            .map(([address, bits]) => Prefix.from(address, bits).toString());
        fc.assert(fc.property(fc.array(prefix, { minLength: 1, maxLength: DX_GATEWAY_PREFIX_LIMIT + 5 }), (allowed) => {
            let plan;
            try {
                plan = planManagedInterconnect(input((i) => { i.aws.allowedPrefixes = allowed; }));
            } catch (e) {
                assert.ok(e instanceof CrossCloudError, String(e));
                assert.ok([ErrorCode.Overlap, ErrorCode.TooManyPrefixes].includes(e.code), e.message);
                return;
            }
            const parsed = plan.allowedPrefixes.map((p) => Prefix.parse(p, "p"));
            assert.ok(parsed.length <= DX_GATEWAY_PREFIX_LIMIT);
            parsed.forEach((a, i) => parsed.slice(i + 1).forEach((b) => assert.ok(!a.overlaps(b), `${a} overlaps ${b}`)));
        }), { numRuns: 500 });
    });
});

describe("requireActivationKey", () => {
    it("passes a key through", () => {
        assert.equal(requireActivationKey("KEY", "prod-connection"), "KEY");
    });

    it("fails with the way to the manual handoff when AWS returned no key", () => {
        const error = typedError(() => requireActivationKey(undefined, "prod-connection"));
        assert.equal(error.field, "keyHandoff");
        assert.match(error.message, /prod-connection.*keyHandoff: "manual"/);
    });
});
