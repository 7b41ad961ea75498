/**
 * Planning values (ASNs, bandwidths, prefixes, shapes) are checked before anything is declared, so
 * they must be plain; ids of existing resources may be Outputs. An Output where a planning value
 * belongs — what a Python or Go program gets by passing a resource's output through the plugin
 * host — is a CrossCloudError naming the field, never a message about Output.toJSON.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { CrossCloudNetwork, LinkKind, SlaTier } from "../../components/crossCloudNetwork";
import { DedicatedInterconnect, SlaTarget } from "../../components/dedicatedInterconnect";
import { HaVpn } from "../../components/haVpn";
import { ManagedInterconnect } from "../../components/managedInterconnect";
import { PortSpeed } from "../../sdk/bandwidth";
import { capture } from "../../offline";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";

const NETWORK = pulumi.output("https://www.googleapis.com/compute/v1/projects/acme-transit/global/networks/shared-transit");
const later = <T>(value: T) => pulumi.output(value) as unknown as T;

function refuses(field: string, build: () => unknown): void {
    assert.throws(build, (e) => {
        assert.ok(e instanceof CrossCloudError, String(e));
        assert.equal(e.code, ErrorCode.NotPlain);
        assert.equal(e.field, field);
        assert.match(e.message, new RegExp(`^${field.replace(/[.[\]]/g, "\\$&")} = an Output: is a planning value`));
        assert.doesNotMatch(e.message, /toJSON|Calling \[/);
        return true;
    });
}

describe("planning values given as Outputs", () => {
    it("HaVpn: the Cloud Router's ASN", () => {
        refuses("google.routerAsn", () => new HaVpn("vpn", {
            google: { network: NETWORK, region: "us-east4", routerAsn: later(65010) },
            aws: { region: "us-east-1", transitGatewayAsn: 64512 },
            advertisedPrefixes: ["10.100.0.0/16"],
        }));
    });

    it("HaVpn: an advertised prefix, and a whole side given as one Output", () => {
        refuses("advertisedPrefixes[0]", () => new HaVpn("vpn", {
            google: { network: NETWORK, region: "us-east4", routerAsn: 65010 },
            aws: { region: "us-east-1", transitGatewayAsn: 64512 },
            advertisedPrefixes: [later("10.100.0.0/16")],
        }));
        refuses("aws", () => new HaVpn("vpn", {
            google: { network: NETWORK, region: "us-east4", routerAsn: 65010 },
            aws: later({ region: "us-east-1", transitGatewayAsn: 64512 }),
            advertisedPrefixes: ["10.100.0.0/16"],
        }));
    });

    it("ManagedInterconnect: the bandwidth", () => {
        refuses("bandwidth", () => new ManagedInterconnect("mi", {
            bandwidth: later("10Gbps"),
            aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
            google: { region: "us-east4", network: NETWORK },
            advertisedPrefixes: ["10.20.0.0/16"],
        }));
    });

    it("DedicatedInterconnect: the port speed", () => {
        refuses("portSpeed", () => new DedicatedInterconnect("cci", {
            sla: SlaTarget.ThreeNines,
            portSpeed: later(PortSpeed.Gbps10),
            ports: {
                "iad-1": { location: "iad-zone1-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2" },
                "iad-2": { location: "iad-zone2-1", remoteLocation: "aws-csva1", awsLocation: "CSVA1" },
            },
            attachments: { "east-a": { port: "iad-1", bandwidth: "5Gbps" }, "east-b": { port: "iad-2", bandwidth: "5Gbps" } },
            google: { network: NETWORK, region: "us-east4", routerAsn: 65010 },
            aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
            advertisedPrefixes: ["10.20.0.0/16"],
        }));
    });

    it("CrossCloudNetwork: the required bandwidth", () => {
        refuses("requirement.bandwidthGbps", () => new CrossCloudNetwork("dev", {
            requirement: { bandwidthGbps: later(2), sla: SlaTier.FourNines },
            google: { network: NETWORK, region: "us-east4", routerAsn: 65010 },
            aws: { region: "us-east-1", transitGatewayAsn: 64512 },
            prefixes: { aws: ["10.1.0.0/16"], google: ["10.101.0.0/16"] },
            primary: { kind: LinkKind.HaVpn },
        }));
    });

    it("ids of existing resources may be Outputs", async () => {
        const plan = await capture(() => {
            new HaVpn("vpn", {
                google: { network: NETWORK, region: "us-east4", routerAsn: 65010, router: pulumi.output("shared-router") },
                aws: { region: "us-east-1", transitGatewayId: pulumi.output("tgw-0shared"), transitGatewayAsn: 64512 },
                advertisedPrefixes: ["10.100.0.0/16"],
            });
        });
        assert.equal(plan.ofType("aws:ec2/vpnConnection:VpnConnection").length, 2);
    });
});
