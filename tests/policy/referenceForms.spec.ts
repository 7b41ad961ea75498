/**
 * Property: the pack follows every edge a rule reads whatever form the program wrote it in. One
 * topology (a 99.99% Cross-Cloud Interconnect whose two regions' routers share a name, an HA VPN,
 * and a managed interconnect) is written with each reference form, and every form gets the same
 * verdicts. The topology carries faults read through the edges, so that a form the extraction
 * loses shows up as a missing verdict, not as a quiet pass: a 1 Gbps LAG under a 10G port (read
 * through attachment → port → LAG), and a managed link on an unassociated Direct Connect gateway
 * (AWS connection → gateway, by id or ARN).
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import * as interconnect from "@pulumi/aws-native/interconnect";
import * as directconnect from "@pulumi/aws/directconnect";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import * as compute from "@pulumi/gcp/compute";
import * as networkconnectivity from "@pulumi/gcp/networkconnectivity";
import { evaluatePolicyPack, Violation } from "../../policy/evaluate";
import { capture } from "../../offline";
import { dedicatedInterconnect, IAD_SJC_9999 } from "./corpus/dedicatedParts";
import { awsVpnConnections, googleTunnels } from "./corpus/haVpnParts";

interface Forms {
    port: "id" | "selfLink" | "name";
    router: "id" | "selfLink" | "path" | "name";
    vpn: "id" | "selfLink" | "name";
    attachPoint: "id" | "arn";
}

const KEYS: [string, string, string, string] = ["k.one.1", "k.two.2", "k.three.3", "k.four.4"];

function program(f: Forms): () => void {
    return () => {
        dedicatedInterconnect("cci", {
            ports: IAD_SJC_9999, routingMode: "GLOBAL", googleAsn: 65001, directConnectGatewayAsn: 64601, transitGatewayAsn: 64512,
            allowedPrefixes: ["10.0.0.0/8"], interconnectBy: f.port, routerBy: f.router, routerName: "edge", lagBandwidth: "1Gbps",
            md5: "both", bfd: true, protect: true,
        });
        const region = "us-east4";
        const network = new compute.Network("vpn-net", { autoCreateSubnetworks: false });
        const router = new compute.Router("vpn-router", { region, network: network.id, bgp: { asn: 65002 } });
        const gateway = new compute.HaVpnGateway("vpn-gw", { region, network: network.id });
        const transitGateway = new ec2transitgateway.TransitGateway("vpn-tgw", { amazonSideAsn: 64520 });
        const ike = (dh: number) => ({
            IkeVersions: ["ikev2"],
            Phase1EncryptionAlgorithms: ["AES256"], Phase1IntegrityAlgorithms: ["SHA2-256"], Phase1DhGroupNumbers: [dh],
            Phase2EncryptionAlgorithms: ["AES256"], Phase2IntegrityAlgorithms: ["SHA2-256"], Phase2DhGroupNumbers: [dh],
        });
        const connections = awsVpnConnections("aws", gateway, {
            gateway: { transitGatewayId: transitGateway.id }, awsAsn: 64520, googleAsn: 65002, presharedKeys: KEYS, tunnelOptions: ike(20),
        });
        googleTunnels("vpn", { region, router, gateway, awsAsn: 64520, connections, presharedKeys: KEYS, referenceBy: f.vpn });
        const network2 = new compute.Network("mi-net", { autoCreateSubnetworks: false });
        const transport = new networkconnectivity.Transport("mi", {
            region, remoteProfile: "projects/acme-net/locations/us-east4/remoteTransportProfiles/aws-us-east-1", bandwidth: "BPS_1G",
            remoteAccountId: "123456789012", network: network2.id, advertisedRoutes: ["10.30.0.0/16"], deletionPolicy: "PREVENT",
        }, { protect: true });
        const dxGateway = new directconnect.Gateway("mi-dxgw", { name: "mi-dxgw", amazonSideAsn: "64700" });
        new interconnect.Connection("mi-connection", {
            activationKey: transport.generatedActivationKey,
            attachPoint: f.attachPoint === "id" ? { directConnectGateway: dxGateway.id } : { arn: dxGateway.arn },
        }, { protect: true });
    };
}

/** Policy and message, without the resource the message names: both are the same in every form. */
const verdicts = (violations: Violation[]) => violations.map((v) => `${v.level} ${v.policy}: ${v.message}`).sort();

describe("policy extraction: every reference form", function () {
    this.timeout(120_000);

    it("gives the same verdicts whichever form each edge is written in, and finds every planted fault", async () => {
        const baseline = verdicts(evaluatePolicyPack((await capture(program({ port: "id", router: "name", vpn: "id", attachPoint: "id" }))).resources).violations);
        for (const expected of [/pair-parity: Interconnect cci-port-0 has LINK_TYPE_ETHERNET_10G_LR links .* but LAG cci-lag-0 is 1Gbps/, /route-limits: Direct Connect gateway mi-dxgw carries mi-connection/]) {
            assert.ok(baseline.some((v) => expected.test(v)), `${expected} among:\n${baseline.join("\n")}`);
        }
        await fc.assert(fc.asyncProperty(
            fc.record<Forms>({
                port: fc.constantFrom("id", "selfLink", "name"),
                router: fc.constantFrom("id", "selfLink", "path", "name"),
                vpn: fc.constantFrom("id", "selfLink", "name"),
                attachPoint: fc.constantFrom("id", "arn"),
            }),
            async (forms) => {
                const { violations } = evaluatePolicyPack((await capture(program(forms))).resources);
                assert.deepEqual(verdicts(violations), baseline, JSON.stringify(forms));
            },
        ), { numRuns: 10 });
    });
});
