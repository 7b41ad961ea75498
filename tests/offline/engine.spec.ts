import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as directconnect from "@pulumi/aws/directconnect";
import * as ec2 from "@pulumi/aws/ec2";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import * as interconnect from "@pulumi/aws-native/interconnect";
import * as compute from "@pulumi/gcp/compute";
import * as networkconnectivity from "@pulumi/gcp/networkconnectivity";
import { Provider as GcpProvider } from "@pulumi/gcp/provider";
import { SIMULATED_AWS_ACCOUNT_ID, UNKNOWN, capture, simulatedActivationKey } from "../../offline";

const TRANSIT_GATEWAY = "aws:ec2transitgateway/transitGateway:TransitGateway";
const VPN_CONNECTION = "aws:ec2/vpnConnection:VpnConnection";

interface PairArgs {
    asn: pulumi.Input<number>;
    network: compute.Network;
    authKey: pulumi.Input<string>;
}

/** A tiny two-cloud component: a Cloud Router and, once it exists, a customer gateway with its ASN. */
class Pair extends pulumi.ComponentResource {
    readonly routerName: pulumi.Output<string>;

    constructor(name: string, args: PairArgs, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Pair", name, args, opts);
        const router = new compute.Router(`${name}-router`, { network: args.network.name, bgp: { asn: args.asn } }, { parent: this });
        new ec2.CustomerGateway(
            `${name}-cgw`,
            { type: "ipsec.1", bgpAsn: pulumi.output(args.asn).apply(String), ipAddress: "198.51.100.7", tags: { auth: args.authKey } },
            { parent: this, dependsOn: [router], protect: true, retainOnDelete: true, ignoreChanges: ["tags"] },
        );
        this.routerName = router.name;
        this.registerOutputs({ routerName: this.routerName });
    }
}

function vpnEstate(amazonSideAsn = 64600) {
    const tgw = new ec2transitgateway.TransitGateway("tgw", { amazonSideAsn });
    for (const i of [0, 1]) {
        new ec2.VpnConnection(`vpn-${i}`, {
            customerGatewayId: `cgw-${i}`,
            type: "ipsec.1",
            transitGatewayId: tgw.id,
            tunnel1InsideCidr: `169.254.${10 + i}.0/30`,
            tunnel1PresharedKey: "psk.for.tunnel_1",
        });
    }
    new compute.HaVpnGateway("ha", { network: "default", region: "us-east4" });
}

describe("the offline engine", () => {
    describe("what it records", () => {
        it("records components and children with their parent, provider, dependencies and options", async () => {
            const plan = await capture(() => {
                const aws = new AwsProvider("aws-east", { region: "us-east-1" });
                const gcp = new GcpProvider("gcp-main", { project: "acme-net" });
                const network = new compute.Network("net", { autoCreateSubnetworks: false }, { provider: gcp });
                new Pair("pair", { asn: 65010, network, authKey: "not-a-secret" }, { providers: [aws, gcp] });
            });

            const pair = plan.named("pair");
            assert.equal(pair.type, "test:index:Pair");
            assert.equal(pair.custom, false);
            assert.deepEqual(pair.inputs, { asn: 65010, network: "net-id", authKey: "not-a-secret" });
            assert.deepEqual(pair.outputs, { routerName: "pair-router" });
            assert.deepEqual(plan.childrenOf(pair).map((r) => r.name).sort(), ["pair-cgw", "pair-router"]);

            const router = plan.named("pair-router");
            const cgw = plan.named("pair-cgw");
            assert.equal(router.parent, pair.urn);
            assert.match(router.provider ?? "", /^urn:pulumi:dev::crosscloud::pulumi:pulumi:Stack\$pulumi:providers:gcp::gcp-main::gcp-main-id$/);
            assert.match(cgw.provider ?? "", /pulumi:providers:aws::aws-east::aws-east-id$/);
            assert.ok(cgw.dependencies.includes(router.urn), "explicit dependsOn");
            assert.deepEqual(router.propertyDependencies.network, [plan.named("net").urn], "the input came from the network");
            assert.deepEqual([cgw.protect, cgw.retainOnDelete, cgw.ignoreChanges], [true, true, ["tags"]]);
            assert.deepEqual([router.protect, router.retainOnDelete, router.ignoreChanges], [false, false, []]);
            assert.equal(plan.byUrn(pair.parent ?? "").type, "pulumi:pulumi:Stack");
        });

        it("reports which inputs were secrets at registration, and unwraps them", async () => {
            const plan = await capture(() => {
                const transport = new networkconnectivity.Transport(
                    "transport",
                    { region: "us-east4", remoteProfile: "aws-us-east-1", bandwidth: "BPS_1G" },
                    { additionalSecretOutputs: ["generatedActivationKey"] },
                );
                new interconnect.Connection("connection", {
                    activationKey: transport.generatedActivationKey,
                    attachPoint: { directConnectGateway: "dxgw-1" },
                });
                new compute.RouterPeer("peer", {
                    router: "r",
                    interface: "if-0",
                    peerAsn: 64512,
                    md5AuthenticationKey: { name: "k", key: pulumi.secret("md5-key") },
                });
                new ec2.VpnConnection("vpn", { customerGatewayId: "cgw", type: "ipsec.1", tunnel1PresharedKey: "psk.auto_secret" });
            });

            const peer = plan.named("peer");
            assert.deepEqual(peer.secretPaths, ["md5AuthenticationKey.key"]);
            assert.deepEqual(peer.inputs.md5AuthenticationKey, { name: "k", key: "md5-key" });
            assert.deepEqual(plan.named("vpn").secretPaths, ["tunnel1PresharedKey"], "the AWS SDK makes PSKs secret itself");
            const connection = plan.named("connection");
            assert.deepEqual(connection.secretPaths, ["activationKey"], "additionalSecretOutputs make the key secret, as the engine would");
            assert.equal(connection.inputs.activationKey, simulatedActivationKey("transport"));
            assert.deepEqual(plan.named("transport").secretPaths, []);
        });

        it("returns the program's exports as outputs", async () => {
            const plan = await capture(() => {
                const tgw = new ec2transitgateway.TransitGateway("tgw", {});
                return { tgwId: tgw.id, asn: tgw.amazonSideAsn, token: pulumi.secret("t") };
            });
            assert.deepEqual(plan.outputs, { tgwId: "tgw-id", asn: 64512, token: "t" });
        });
    });

    describe("simulated outputs", () => {
        it("wires VPN tunnels to their transit gateway's ASN and to their inside CIDRs", async () => {
            const plan = await capture(() => vpnEstate(64600));
            const [vpn0, vpn1] = plan.ofType(VPN_CONNECTION);
            assert.equal(vpn0.outputs.tunnel1BgpAsn, "64600");
            assert.equal(vpn0.outputs.tunnel1VgwInsideAddress, "169.254.10.1");
            assert.equal(vpn0.outputs.tunnel1CgwInsideAddress, "169.254.10.2");
            assert.equal(vpn1.outputs.tunnel1CgwInsideAddress, "169.254.11.2");
            assert.match(String(vpn0.outputs.tunnel2InsideCidr), /^169\.254\.\d+\.\d+\/30$/, "AWS picks a /30 when none is given");
            assert.match(String(vpn0.outputs.transitGatewayAttachmentId), /^tgw-attach-[0-9a-f]{17}$/);

            const outside = [vpn0, vpn1].flatMap((vpn) => [vpn.outputs.tunnel1Address, vpn.outputs.tunnel2Address]);
            assert.equal(new Set(outside).size, 4, `distinct outside addresses: ${outside.join(", ")}`);
            outside.forEach((ip) => assert.match(String(ip), /^203\.0\.113\.\d+$/));

            const interfaces = plan.named("ha").outputs.vpnInterfaces as { id: number; ipAddress: string }[];
            assert.deepEqual(interfaces.map((i) => i.id), [0, 1]);
            assert.notEqual(interfaces[0].ipAddress, interfaces[1].ipAddress);
            interfaces.forEach((i) => assert.match(i.ipAddress, /^198\.51\.100\.\d+$/));
        });

        it("labels only made-up fields as simulated, and makes up arn, selfLink and name only where the type has them", async () => {
            const plan = await capture(() => vpnEstate());
            const vpn = plan.ofType(VPN_CONNECTION)[0];
            assert.ok(!("tunnel1InsideCidr" in vpn.simulated), "given as input");
            assert.ok("tunnel2InsideCidr" in vpn.simulated);
            assert.equal(vpn.simulated.id, "vpn-0-id");
            assert.match(String(vpn.simulated.arn), /^arn:aws:ec2:us-east-1:123456789012:vpn-connection\/vpn-0-id$/);
            assert.ok(!("selfLink" in vpn.outputs) && !("name" in vpn.outputs));

            const ha = plan.named("ha");
            assert.equal(ha.simulated.name, "ha");
            assert.equal(ha.simulated.selfLink, "https://www.googleapis.com/compute/v1/projects/simulated-project/regions/us-east4/haVpnGateways/ha");
            assert.ok(!("arn" in ha.outputs));
        });

        it("is deterministic: the same program gets the same values", async () => {
            const first = await capture(() => vpnEstate());
            const second = await capture(() => vpnEstate());
            assert.deepEqual(second.resources.map((r) => r.outputs), first.resources.map((r) => r.outputs));
        });

        it("derives interconnect attachment addresses, VIF ASNs and the activation handshake", async () => {
            const plan = await capture(() => {
                new compute.InterconnectAttachment("attachment", { router: "r", interconnect: "i", candidateSubnets: ["169.254.10.0/29"] });
                new compute.InterconnectAttachment("attachment-b", { router: "r", interconnect: "i", vlanTag8021q: 1234 });
                const dxgw = new directconnect.Gateway("dxgw", { amazonSideAsn: "64700" });
                const lag = new directconnect.LinkAggregationGroup("lag", { connectionsBandwidth: "10Gbps", location: "EqDC2" });
                new directconnect.TransitVirtualInterface("vif", { addressFamily: "ipv4", connectionId: lag.id, dxGatewayId: dxgw.id, vlan: 1234 });
                new networkconnectivity.Transport("transport", { region: "us-east4", remoteProfile: "aws-us-east-1" });
                new interconnect.Connection("aws-initiated", { environmentId: "env-1", bandwidth: "1Gbps", attachPoint: { directConnectGateway: dxgw.id } });
            });
            const attachment = plan.named("attachment").outputs;
            assert.equal(attachment.cloudRouterIpAddress, "169.254.10.1/29");
            assert.equal(attachment.customerRouterIpAddress, "169.254.10.2/29");
            const vlan = Number(attachment.vlanTag8021q);
            assert.ok(Number.isInteger(vlan) && vlan >= 2 && vlan <= 4094, `vlan ${vlan}`);
            assert.equal(plan.named("attachment-b").outputs.vlanTag8021q, 1234);
            assert.match(String(plan.named("attachment-b").outputs.cloudRouterIpAddress), /^169\.254\.\d+\.\d+\/29$/);

            const vif = plan.named("vif").outputs;
            assert.equal(vif.amazonSideAsn, "64700");
            assert.match(String(vif.awsDevice), /^EqDC2-[0-9a-f]+$/);

            assert.deepEqual(
                { key: plan.named("transport").outputs.generatedActivationKey, state: plan.named("transport").outputs.state },
                { key: simulatedActivationKey("transport"), state: "ACTIVE" },
            );
            const connection = plan.named("aws-initiated").outputs;
            assert.equal(connection.activationKey, simulatedActivationKey("aws-initiated"));
            assert.equal(connection.state, "available");
        });

        it("answers invokes it knows and fails loudly on the others", async () => {
            const plan = await capture(() => ({ account: getCallerIdentityOutput().accountId }));
            assert.equal(plan.outputs.account, SIMULATED_AWS_ACCOUNT_ID);

            await assert.rejects(
                capture(() => {
                    new ec2.CustomerGateway("cgw", { type: "ipsec.1", ipAddress: ec2.getVpcOutput({ default: true }).cidrBlock });
                }),
                /Mock not implemented: aws:ec2\/getVpc:getVpc/,
            );
        });
    });

    describe("stack context", () => {
        it("serves StackReference outputs by stack name, with config, project and stack", async () => {
            const plan = await capture(
                () => {
                    const config = new pulumi.Config();
                    const shared = new pulumi.StackReference(`${pulumi.getOrganization()}/crosscloud/shared`);
                    new ec2.VpnConnection("vpn", { customerGatewayId: "cgw", type: "ipsec.1", transitGatewayId: shared.requireOutput("transitGatewayId") });
                    return { environment: config.require("environment"), where: `${pulumi.getProject()}/${pulumi.getStack()}`, limits: config.requireObject("limits") };
                },
                {
                    stack: "prod",
                    config: { "crosscloud:environment": "production", "crosscloud:limits": { tunnels: 4 } },
                    stackOutputs: { "organization/crosscloud/shared": { transitGatewayId: "tgw-shared" } },
                },
            );
            assert.equal(plan.named("vpn").inputs.transitGatewayId, "tgw-shared");
            assert.equal(plan.named("organization/crosscloud/shared").type, "pulumi:pulumi:StackReference");
            assert.deepEqual(plan.outputs, { environment: "production", where: "crosscloud/prod", limits: { tunnels: 4 } });
        });

        it("says which stack reference has no outputs", async () => {
            await assert.rejects(
                capture(() => new pulumi.StackReference("organization/crosscloud/missing").getOutput("x")),
                /No outputs for stack reference "organization\/crosscloud\/missing"/,
            );
        });

        it("isolates captures: no resources or config carry over, even when started together", async () => {
            const [first, second] = await Promise.all([
                capture(() => void new ec2transitgateway.TransitGateway("first", {}), { config: { "crosscloud:flag": "on" } }),
                capture(() => {
                    new ec2transitgateway.TransitGateway("second", {});
                    return { flag: new pulumi.Config().get("flag") ?? "unset" };
                }),
            ]);
            assert.deepEqual(first.ofType(TRANSIT_GATEWAY).map((r) => r.name), ["first"]);
            assert.deepEqual(second.ofType(TRANSIT_GATEWAY).map((r) => r.name), ["second"]);
            assert.deepEqual(second.outputs, { flag: "unset" });
        });

        it("keeps resources an earlier program creates late out of the next capture", async () => {
            let release = () => {};
            const released = new Promise<void>((resolve) => (release = resolve));
            await capture(() => {
                void released.then(() => new ec2transitgateway.TransitGateway("straggler", {}));
            });
            const next = await capture(() => {
                release();
                new ec2transitgateway.TransitGateway("own", {});
            });
            assert.deepEqual(next.ofType(TRANSIT_GATEWAY).map((r) => r.name), ["own"]);
        });
    });

    describe("failures", () => {
        it("rejects with the very error a component constructor throws", async () => {
            const thrown = new RangeError("asn out of range");
            class Strict extends pulumi.ComponentResource {
                constructor(name: string) {
                    super("test:index:Strict", name, {});
                    new ec2transitgateway.TransitGateway(`${name}-before`, {}, { parent: this });
                    throw thrown;
                }
            }
            await assert.rejects(
                capture(() => new Strict("strict")),
                (error) => error === thrown,
            );
            const next = await capture(() => void new ec2transitgateway.TransitGateway("after", {}));
            assert.deepEqual(next.resources.map((r) => r.name), ["crosscloud-dev", "after"], "the next capture starts clean");
        });

        it("rejects with the very error thrown inside an apply", async () => {
            const thrown = new RangeError("bad tunnel address");
            await assert.rejects(
                capture(() => {
                    const tgw = new ec2transitgateway.TransitGateway("tgw", {});
                    new ec2.VpnConnection("vpn", {
                        customerGatewayId: "cgw",
                        type: "ipsec.1",
                        transitGatewayId: tgw.id.apply((): string => {
                            throw thrown;
                        }),
                    });
                }),
                (error) => error === thrown,
            );
        });

        it("names what exists when a lookup by name fails", async () => {
            const plan = await capture(() => vpnEstate());
            assert.throws(() => plan.named("vpn-9"), /No resource named "vpn-9". Registered: .*vpn-0, .*vpn-1/);
        });
    });

    describe("preview", () => {
        it("declares every resource but leaves ids and computed outputs unknown", async () => {
            const plan = await capture(
                () => {
                    vpnEstate();
                    return { dryRun: pulumi.runtime.isDryRun() };
                },
                { preview: true },
            );
            assert.equal(plan.outputs.dryRun, true);
            const [vpn0, vpn1] = plan.ofType(VPN_CONNECTION);
            assert.ok(vpn1, "resources that depend on unknowns are still declared");
            assert.equal(vpn0.inputs.transitGatewayId, UNKNOWN);
            assert.equal(vpn0.outputs.id, UNKNOWN);
            assert.ok(!("tunnel1Address" in vpn0.outputs), "computed outputs are unknown, so absent");
            assert.equal(vpn0.outputs.tunnel1InsideCidr, "169.254.10.0/30", "inputs are known");
            assert.equal(plan.named("ha").outputs.name, "ha", "engine-made names are known in a preview");
        });
    });
});
