import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Provider as AwsNativeProvider } from "@pulumi/aws-native/provider";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as GcpProvider } from "@pulumi/gcp/provider";
import {
    InitiatedBy, KeyHandoff, ManagedInterconnect, ManagedInterconnectArgs, StackType,
} from "../../components/managedInterconnect";
import { Bandwidth } from "../../sdk/bandwidth";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { LinkKind, SlaTier, Topology } from "../../sdk/topology";
import { capture, CapturedResource, Plan, SIMULATED_AWS_ACCOUNT_ID, simulatedActivationKey } from "../../offline";

const TRANSPORT = "gcp:networkconnectivity/transport:Transport";
const CONNECTION = "aws-native:interconnect:Connection";
const DX_GATEWAY = "aws:directconnect/gateway:Gateway";
const ASSOCIATION = "aws:directconnect/gatewayAssociation:GatewayAssociation";
const TRANSIT_GATEWAY = "aws:ec2transitgateway/transitGateway:TransitGateway";
const PEERING = "gcp:compute/networkPeering:NetworkPeering";
const COMPONENT = "interconnect:index:ManagedInterconnect";
const NETWORK = "https://www.googleapis.com/compute/v1/projects/acme-transit/global/networks/shared-transit";

/** A Google-initiated 10 Gbps link on us-east-1 ⇄ us-east4 into an existing Transit Gateway; each test changes what it is about. */
function args(change: (a: ManagedInterconnectArgs) => void = () => undefined): ManagedInterconnectArgs {
    const a: ManagedInterconnectArgs = {
        bandwidth: "10Gbps",
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        google: { region: "us-east4", network: NETWORK },
        advertisedPrefixes: ["10.20.0.0/16"],
    };
    change(a);
    return a;
}

function awsInitiated(a: ManagedInterconnectArgs): void {
    a.initiatedBy = InitiatedBy.Aws;
    a.aws.environmentId = "env-google-us-east4";
}

function manual(a: ManagedInterconnectArgs): void {
    awsInitiated(a);
    a.keyHandoff = KeyHandoff.Manual;
}

async function declare(a: ManagedInterconnectArgs, config?: Record<string, unknown>): Promise<Plan> {
    return capture(() => { new ManagedInterconnect("prod", a); }, { config });
}

function one(plan: Plan, type: string): CapturedResource {
    const found = plan.ofType(type);
    assert.equal(found.length, 1, `${found.length} resources of ${type}`);
    return found[0];
}

describe("ManagedInterconnect", () => {
    describe("Google-initiated (default)", () => {
        let plan: Plan;
        before(async () => { plan = await declare(args()); });

        it("feeds the Transport's generated key to the AWS connection", () => {
            const transport = plan.named("prod-transport");
            const connection = plan.named("prod-connection");
            assert.equal(transport.simulated.generatedActivationKey, simulatedActivationKey("prod-transport"));
            assert.equal(connection.inputs.activationKey, transport.simulated.generatedActivationKey);
            assert.deepEqual(connection.propertyDependencies.activationKey, [transport.urn]);
            assert.equal(transport.inputs.providedActivationKey, undefined);
            assert.equal(connection.inputs.environmentId, undefined);
        });

        it("offers the Transport to this AWS account, on the region pair's remote profile", () => {
            const transport = plan.named("prod-transport");
            assert.equal(transport.inputs.remoteAccountId, SIMULATED_AWS_ACCOUNT_ID);
            assert.equal(transport.inputs.remoteProfile, "https://networkconnectivity.googleapis.com/v1/projects/simulated-project/locations/us-east4/remoteTransportProfiles/aws-us-east-1");
            assert.equal(transport.inputs.region, "us-east4");
            assert.deepEqual(transport.inputs.advertisedRoutes, ["10.20.0.0/16"]);
            assert.equal(transport.inputs.stackType, StackType.Ipv4Only);
        });

        it("never replaces the connection for a key Google changes after acceptance: the key is ignored once the connection exists", () => {
            assert.deepEqual(plan.named("prod-connection").ignoreChanges, ["activationKey"]);
        });

        it("makes the AWS half depend on the Google half, so a destroy removes the connection first", () => {
            assert.ok(plan.named("prod-connection").dependencies.includes(plan.named("prod-transport").urn));
            assert.ok(!plan.named("prod-transport").dependencies.includes(plan.named("prod-connection").urn));
        });

        it("keeps the key secret on both halves", () => {
            const connection = plan.named("prod-connection");
            assert.ok(connection.secretPaths.includes("activationKey"));
            assert.ok(connection.additionalSecretOutputs.includes("activationKey"));
            assert.ok(plan.named("prod-transport").additionalSecretOutputs.includes("generatedActivationKey"));
            assert.doesNotMatch(JSON.stringify(plan.named("prod").outputs), /ACTIVATION-KEY/);
        });

        it("attaches the connection to a new DX gateway associated with the Transit Gateway, with explicit allowed prefixes", () => {
            const gateway = plan.named("prod-dx-gateway");
            const association = plan.named("prod-association");
            assert.equal(gateway.inputs.amazonSideAsn, "64603");
            assert.deepEqual(plan.named("prod-connection").inputs.attachPoint, { directConnectGateway: gateway.outputs.id });
            assert.equal(association.inputs.dxGatewayId, gateway.outputs.id);
            assert.equal(association.inputs.associatedGatewayId, "tgw-0shared");
            assert.deepEqual(association.inputs.allowedPrefixes, ["10.10.0.0/16"]);
            assert.equal(plan.ofType(TRANSIT_GATEWAY).length, 0);
        });

        it("peers the VPC with the Transport's network, custom routes both ways", () => {
            const peering = plan.named("prod-peering");
            assert.equal(peering.inputs.network, NETWORK);
            assert.equal(peering.inputs.peerNetwork, plan.named("prod-transport").simulated.peeringNetwork);
            assert.equal(peering.inputs.importCustomRoutes, true);
            assert.equal(peering.inputs.exportCustomRoutes, true);
        });

        it("parents every child to the component and names it by role", () => {
            const component = one(plan, COMPONENT);
            const children = plan.childrenOf(component);
            assert.deepEqual(children.map((r) => r.name).sort(), ["prod-association", "prod-aws-native", "prod-connection", "prod-dx-gateway", "prod-peering", "prod-transport"]);
        });

        it("exports the topology, the state of each half and the prefixes", () => {
            const outputs = plan.named("prod").outputs as { topology: Topology; connectionState: string; transportState: string; prefixes: Topology["prefixes"]; nextStep?: string };
            assert.equal(outputs.topology.links.length, 1);
            const [link] = outputs.topology.links;
            assert.equal(link.kind, LinkKind.Managed);
            assert.equal(link.mbps, 10000);
            assert.deepEqual(link.domains, { managedConnection: "prod-connection", region: "us-east4" });
            assert.equal(outputs.topology.groups[0].profileSla, SlaTier.FourNines);
            assert.equal(outputs.connectionState, plan.named("prod-connection").simulated.state);
            assert.equal(outputs.transportState, plan.named("prod-transport").simulated.state);
            assert.deepEqual(outputs.prefixes, { aws: ["10.10.0.0/16"], gcp: ["10.20.0.0/16"] });
            assert.equal(outputs.nextStep, undefined);
        });
    });

    describe("AWS-initiated, automatic key handoff", () => {
        let plan: Plan;
        before(async () => { plan = await declare(args(awsInitiated), { "gcp:project": "acme-transit" }); });

        it("sets on the Transport only what Google's API takes with a key: the key and the remote profile, no bandwidth and no remote account", () => {
            const transport = plan.named("prod-transport");
            assert.ok(transport.inputs.providedActivationKey !== undefined && transport.inputs.remoteProfile !== undefined);
            assert.deepEqual([transport.inputs.bandwidth, transport.inputs.remoteAccountId], [undefined, undefined]);
            // The key is immutable on the Transport: a changed key on the AWS side is ignored rather than replacing it.
            assert.deepEqual(transport.ignoreChanges, ["providedActivationKey"]);
            assert.deepEqual(plan.named("prod-connection").ignoreChanges, []);
        });

        it("creates the connection in the environment, offered to the Google project", () => {
            const connection = plan.named("prod-connection");
            assert.equal(connection.inputs.environmentId, "env-google-us-east4");
            assert.deepEqual(connection.inputs.remoteAccount, { identifier: "acme-transit" });
            assert.equal(connection.inputs.activationKey, undefined);
        });

        it("feeds the connection's key to the Transport, secret", () => {
            const connection = plan.named("prod-connection");
            const transport = plan.named("prod-transport");
            assert.equal(connection.simulated.activationKey, simulatedActivationKey("prod-connection"));
            assert.equal(transport.inputs.providedActivationKey, connection.simulated.activationKey);
            assert.deepEqual(transport.propertyDependencies.providedActivationKey, [connection.urn]);
            assert.ok(transport.secretPaths.includes("providedActivationKey"));
            assert.ok(transport.additionalSecretOutputs.includes("providedActivationKey"));
            assert.ok(connection.additionalSecretOutputs.includes("activationKey"));
            assert.equal(transport.inputs.remoteAccountId, undefined);
        });

        it("makes the Google half depend on the AWS half", () => {
            assert.ok(plan.named("prod-transport").dependencies.includes(plan.named("prod-connection").urn));
        });
    });

    describe("AWS-initiated, manual key handoff", () => {
        it("declares only the AWS half until the key is given, and says what to do next", async () => {
            const plan = await declare(args(manual));
            assert.equal(plan.ofType(TRANSPORT).length, 0);
            assert.equal(plan.ofType(PEERING).length, 0);
            assert.equal(plan.ofType(CONNECTION).length, 1);
            const outputs = plan.named("prod").outputs;
            assert.match(String(outputs.nextStep), /Step 1 of 2.*prod-connection.*pulumi config set --secret/);
            assert.equal(outputs.transportState, undefined);
        });

        it("declares the Transport with the key from secret config, after the connection", async () => {
            const plan = await capture(() => {
                new ManagedInterconnect("prod", args((a) => { manual(a); a.activationKey = new pulumi.Config().requireSecret("activationKey"); }));
            }, { config: { "crosscloud:activationKey": "AWS-ISSUED-KEY" } });
            const transport = plan.named("prod-transport");
            assert.equal(transport.inputs.providedActivationKey, "AWS-ISSUED-KEY");
            assert.ok(transport.secretPaths.includes("providedActivationKey"));
            assert.ok(transport.dependencies.includes(plan.named("prod-connection").urn));
            assert.ok(plan.named("prod").secretPaths.includes("activationKey"));
            assert.equal(plan.named("prod").outputs.nextStep, undefined);
        });

        it("keeps a key given as plain text secret", async () => {
            const plan = await declare(args((a) => { manual(a); a.activationKey = "AWS-ISSUED-KEY"; }));
            assert.ok(plan.named("prod-transport").secretPaths.includes("providedActivationKey"));
            assert.ok(plan.named("prod").secretPaths.includes("activationKey"));
        });
    });

    describe("bandwidth parity", () => {
        for (const [bandwidth, aws, google] of [["10Gbps", "10Gbps", "BPS_10G"], ["BPS_500M", "500Mbps", "BPS_500M"], ["100Gbps", "100Gbps", "BPS_100G"]]) {
            it(`states ${bandwidth} on the initiating half, in its spelling, and lets the key carry it to the other`, async () => {
                const byGoogle = await declare(args((a) => { a.bandwidth = bandwidth; }));
                assert.equal(byGoogle.named("prod-transport").inputs.bandwidth, google);
                assert.equal(byGoogle.named("prod-connection").inputs.bandwidth, undefined);

                const byAws = await declare(args((a) => { a.bandwidth = bandwidth; awsInitiated(a); }));
                assert.equal(byAws.named("prod-connection").inputs.bandwidth, aws);
                assert.equal(byAws.named("prod-transport").inputs.bandwidth, undefined);

                assert.ok(Bandwidth.parse(aws, "aws").equals(Bandwidth.parse(google, "google")));
            });
        }
    });

    it("uses a given DX gateway and creates the Transit Gateway when none is given", async () => {
        const plan = await declare(args((a) => { a.aws.directConnectGatewayId = "5f2c9a1e-0000-4000-8000-000000000001"; a.aws.transitGatewayId = undefined; }));
        assert.equal(plan.ofType(DX_GATEWAY).length, 0);
        const transitGateway = one(plan, TRANSIT_GATEWAY);
        assert.equal(transitGateway.name, "prod-transit-gateway");
        assert.equal(transitGateway.inputs.amazonSideAsn, 64512);
        const association = one(plan, ASSOCIATION);
        assert.equal(association.inputs.dxGatewayId, "5f2c9a1e-0000-4000-8000-000000000001");
        assert.equal(association.inputs.associatedGatewayId, transitGateway.outputs.id);
        assert.deepEqual(plan.named("prod-connection").inputs.attachPoint, { directConnectGateway: "5f2c9a1e-0000-4000-8000-000000000001" });
    });

    it("declares the VPC peering only once the Transport's peering network is known, and says so meanwhile", async () => {
        const preview = await capture(() => { new ManagedInterconnect("prod", args()); }, { preview: true });
        assert.deepEqual(preview.ofType("gcp:compute/networkPeering:NetworkPeering"), []);
        const planned = await declare(args());
        const [peering] = planned.ofType("gcp:compute/networkPeering:NetworkPeering");
        assert.equal(peering.inputs.peerNetwork, planned.named("prod-transport").outputs.peeringNetwork);
        assert.equal(planned.named("prod").outputs.nextStep, undefined);
        const { planManagedInterconnect } = await import("../../sdk/plans/managedInterconnect");
        assert.match(planManagedInterconnect({ name: "prod", ...args() }).peeringStep ?? "", /prod-peering is declared once Google reports the Transport's peering network \(prod-transport\.peeringNetwork\)/);
    });

    it("makes the AWS connection in aws.region, through its own aws-native provider, whatever the ambient config says", async () => {
        const plan = await declare(args((a) => { a.aws.region = "us-west-2"; a.google.region = "us-west1"; }), { "aws-native:region": "eu-west-1" });
        assert.equal(plan.named("prod-aws-native").inputs.region, "us-west-2");
        assert.ok(plan.named("prod-connection").provider?.startsWith(`${plan.named("prod-aws-native").urn}::`));
    });

    it("attaches to an NCC hub, dual stack, without a peering", async () => {
        const plan = await declare(args((a) => {
            a.google.network = undefined;
            a.google.hub = "projects/acme-transit/locations/global/hubs/crosscloud";
            a.google.stackType = StackType.DualStack;
            a.advertisedPrefixes = ["2600:1900::/40", "10.20.0.0/16"];
        }));
        const transport = plan.named("prod-transport");
        assert.equal(transport.inputs.hub, "projects/acme-transit/locations/global/hubs/crosscloud");
        assert.equal(transport.inputs.network, undefined);
        assert.equal(transport.inputs.stackType, StackType.DualStack);
        assert.deepEqual(transport.inputs.advertisedRoutes, ["10.20.0.0/16", "2600:1900::/40"]);
        assert.equal(plan.ofType(PEERING).length, 0);
    });

    it("protects both halves in production, and only them", async () => {
        const plan = await declare(args((a) => { a.production = true; }));
        assert.equal(plan.named("prod-transport").protect, true);
        assert.equal(plan.named("prod-transport").inputs.deletionPolicy, "PREVENT");
        assert.equal(plan.named("prod-connection").protect, true);
        assert.equal(plan.named("prod-association").protect, false);

        const dev = await declare(args());
        assert.equal(dev.named("prod-transport").protect, false);
        assert.equal(dev.named("prod-transport").inputs.deletionPolicy, undefined);
        assert.equal(dev.named("prod-connection").protect, false);
    });

    it("sends every child to the provider of its package", async () => {
        const plan = await capture(() => {
            const providers = [new AwsProvider("aws-east", { region: "us-east-1" }), new AwsNativeProvider("aws-native-east", { region: "us-east-1" }), new GcpProvider("gcp-transit", { project: "acme-transit" })];
            new ManagedInterconnect("prod", args(), { providers });
        });
        const uses = (child: string, provider: string) => {
            const reference = plan.named(child).provider ?? "";
            assert.ok(reference.startsWith(`${plan.named(provider).urn}::`), `${child} uses ${reference}`);
        };
        uses("prod-dx-gateway", "aws-east");
        uses("prod-association", "aws-east");
        // The connection's region is the link's: it goes through the component's own provider for aws.region.
        uses("prod-connection", "prod-aws-native");
        assert.equal(plan.named("prod-aws-native").inputs.region, "us-east-1");
        uses("prod-transport", "gcp-transit");
        uses("prod-peering", "gcp-transit");
    });

    it("runs the usage example", async () => {
        const plan = await capture(() => import("../../examples/managedInterconnect"), {
            stackOutputs: { "organization/crosscloud/shared": { transitGatewayId: "tgw-0shared", network: NETWORK } },
        });
        const transport = plan.named("prod-managed-transport");
        assert.equal(plan.named("prod-managed-connection").inputs.activationKey, transport.simulated.generatedActivationKey);
        assert.equal(plan.named("prod-managed-association").inputs.associatedGatewayId, "tgw-0shared");
        assert.equal(plan.named("prod-managed-peering").inputs.network, NETWORK);
        assert.equal(transport.protect, true);
        assert.equal((plan.outputs.topology as Topology).links.length, 1);
        assert.equal(plan.outputs.connectionState, plan.named("prod-managed-connection").simulated.state);
    });

    describe("bad input fails before anything is declared", () => {
        const cases: [string, (a: ManagedInterconnectArgs) => void, ErrorCode][] = [
            ["a bandwidth the Transport cannot carry", (a) => { a.bandwidth = "400Gbps"; }, ErrorCode.BandwidthUnsupported],
            ["overlapping prefixes", (a) => { a.advertisedPrefixes = ["10.20.0.0/16", "10.20.128.0/17"]; }, ErrorCode.Overlap],
            ["a malformed prefix", (a) => { a.aws.allowedPrefixes = ["10.10.0/16"]; }, ErrorCode.InvalidPrefix],
            ["more prefixes than the gateway allows (AWS: 200 per Transit Gateway)", (a) => { a.aws.allowedPrefixes = Array.from({ length: 201 }, (_, k) => `10.${100 + (k >> 8)}.${k & 255}.0/24`); }, ErrorCode.TooManyPrefixes],
            ["a region pair with no profile", (a) => { a.google.region = "europe-west3"; }, ErrorCode.UnknownRegionPair],
            ["a DX gateway ASN equal to the Transit Gateway's", (a) => { a.aws.directConnectGatewayAsn = 64512; }, ErrorCode.AsnCollision],
        ];
        for (const [what, change, code] of cases) {
            it(`${what}: ${code}`, async () => {
                let error: unknown;
                const plan = await capture(() => {
                    try {
                        new ManagedInterconnect("prod", args(change));
                    } catch (e) {
                        error = e;
                    }
                });
                assert.ok(error instanceof CrossCloudError, String(error));
                assert.equal(error.code, code, error.message);
                assert.deepEqual(plan.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
            });
        }
    });
});
