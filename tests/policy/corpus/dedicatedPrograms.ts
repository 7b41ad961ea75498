/**
 * Cross-Cloud Interconnect programs. Each block comment gives the source and the verdicts the
 * providers' documentation gives, decided before the pack ran.
 */
import { CorpusProgram } from "./program";
import { dedicatedInterconnect, IAD_999, IAD_SJC_9999 } from "./dedicatedParts";

/** Twenty-four VPC ranges behind one Transit Gateway, as a hub estate accumulates them. */
const VPC_RANGES = Array.from({ length: 24 }, (_, i) => `10.${64 + i}.0.0/16`);

/**
 * Cloud Foundation Fabric `modules/net-vlan-attachment`, its 99.9% example (two attachments on two
 * connections in one metro, different edge availability domains, one region), built as
 * Cross-Cloud Interconnect to AWS per both ordering guides; MD5 and BFD on every session as the
 * example sets them; the Transit Gateway association allows the 24 VPC ranges of the AWS estate.
 *
 * Expected: pass on every rule but one.
 * - failure-domains-watched: advisory. No CloudWatch alarm or alert policy watches the ports or
 *   sessions (the Direct Connect and Cloud Interconnect monitoring pages leave creating them to
 *   the user).
 * - route-limits: AWS's quota is 200 prefixes per Transit Gateway from AWS to on-premises on a
 *   transit VIF (AWS Direct Connect quotas, "Prefixes per transit gateway", not adjustable); 24 is
 *   well inside it.
 * - sla-shape (target 99.9%): 2 connections in one metro in 2 edge availability domains is
 *   Google's 99.9% topology; AWS's High resiliency is one connection at each of 2 locations.
 * - interconnect-bfd: BFD is on.
 */
export const cffVlan999: CorpusProgram = {
    name: "cff-vlan-attachment-999",
    source: "GoogleCloudPlatform/cloud-foundation-fabric: modules/net-vlan-attachment (99.9% example), as Cross-Cloud Interconnect to AWS",
    expected: { "failure-domains-watched": "advisory" },
    program: () => dedicatedInterconnect("cci", {
        ports: IAD_999, routingMode: "REGIONAL", googleAsn: 65001, directConnectGatewayAsn: 64601, transitGatewayAsn: 64512,
        allowedPrefixes: VPC_RANGES, interconnectBy: "selfLink", md5: "both", bfd: true, protect: true,
    }),
};

/**
 * Cloud Foundation Fabric `modules/net-vlan-attachment`, its 99.99% example: four attachments on
 * four connections, two metros, two regions, GLOBAL dynamic routing, MD5 on, BFD left at its
 * default (off), attachments naming their port by id.
 *
 * Expected:
 * - interconnect-bfd: advisory. BFD is optional on both clouds: Cloud Router best practices say
 *   enable it "if your on-premises router supports it", AWS turns asynchronous BFD on for every
 *   VIF and it acts only once the peer runs it too. A best practice, not a requirement.
 * - failure-domains-watched: advisory. No CloudWatch alarm or alert policy watches the ports or
 *   sessions (the Direct Connect and Cloud Interconnect monitoring pages leave creating them to
 *   the user).
 * - everything else: pass (Google's 99.99% topology; MD5 keys equal on both ends).
 */
export const cffVlan9999: CorpusProgram = {
    name: "cff-vlan-attachment-9999",
    source: "GoogleCloudPlatform/cloud-foundation-fabric: modules/net-vlan-attachment (99.99% example), as Cross-Cloud Interconnect to AWS",
    expected: { "interconnect-bfd": "advisory", "failure-domains-watched": "advisory" },
    program: () => dedicatedInterconnect("cci", {
        ports: IAD_SJC_9999, routingMode: "GLOBAL", googleAsn: 65001, directConnectGatewayAsn: 64601, transitGatewayAsn: 64512,
        allowedPrefixes: ["10.0.0.0/8"], interconnectBy: "id", md5: "both", bfd: false, protect: true,
    }),
};

/**
 * Cross-Cloud Interconnect ordered per Google's "Order Cross-Cloud Interconnect connections" for
 * AWS (10G ports) with the attachments pointing at their port by `selfLink`, the gcloud and
 * Terraform idiom, and the AWS LAGs ordered at 1Gbps by mistake.
 *
 * Expected:
 * - pair-parity: mandatory. Google's guide requires the AWS LAG at the port speed of the Google
 *   connection (10 Gbps); a 1 Gbps LAG never comes up on a 10G port.
 * - sla-shape: pass (two ports in one metro, two edge domains: 99.9%, the default target).
 * - failure-domains-watched: advisory. No CloudWatch alarm or alert policy watches the ports or
 *   sessions (the Direct Connect and Cloud Interconnect monitoring pages leave creating them to
 *   the user).
 * - everything else: pass.
 */
export const cciSelfLinkLagSpeed: CorpusProgram = {
    name: "cci-selflink-lag-speed",
    source: "Google Cloud: Order Cross-Cloud Interconnect connections (AWS); AWS Direct Connect: Link aggregation groups",
    expected: { "pair-parity": "mandatory", "failure-domains-watched": "advisory" },
    program: () => dedicatedInterconnect("cci", {
        ports: IAD_999, routingMode: "REGIONAL", googleAsn: 65001, directConnectGatewayAsn: 64601, transitGatewayAsn: 64512,
        allowedPrefixes: ["10.0.0.0/8"], interconnectBy: "selfLink", lagBandwidth: "1Gbps", md5: "both", bfd: true, protect: true,
    }),
};

/**
 * The same build with the MD5 key set on the AWS transit VIFs only (AWS's console asks for a BGP
 * authentication key and generates one when none is given), Google's BGP peers left without one.
 *
 * Expected:
 * - bgp-hygiene: mandatory. A TCP MD5 signature on one end only: the session never establishes.
 * - failure-domains-watched: advisory. No CloudWatch alarm or alert policy watches the ports or
 *   sessions (the Direct Connect and Cloud Interconnect monitoring pages leave creating them to
 *   the user).
 * - everything else: pass.
 */
export const cciMd5OneSided: CorpusProgram = {
    name: "cci-md5-one-sided",
    source: "AWS Direct Connect: Create a transit virtual interface (BGP authentication key); Google Cloud: Create VLAN attachments for Cross-Cloud Interconnect (AWS)",
    expected: { "bgp-hygiene": "mandatory", "failure-domains-watched": "advisory" },
    program: () => dedicatedInterconnect("cci", {
        ports: IAD_999, routingMode: "REGIONAL", googleAsn: 65001, directConnectGatewayAsn: 64601, transitGatewayAsn: 64512,
        allowedPrefixes: ["10.0.0.0/8"], interconnectBy: "id", md5: "awsOnly", bfd: true, protect: true,
    }),
};

/**
 * The 99.9% build where each Cloud Router peer advertises the estate's subnets one by one, 120
 * /24s, instead of summaries.
 *
 * Expected:
 * - route-limits: mandatory. AWS Direct Connect quotas: 100 routes per BGP session on a private or
 *   transit virtual interface (not adjustable); "if you advertise more than 100 routes … the BGP
 *   session will go into an idle state".
 * - failure-domains-watched: advisory. No CloudWatch alarm or alert policy watches the ports or
 *   sessions (the Direct Connect and Cloud Interconnect monitoring pages leave creating them to
 *   the user).
 * - everything else: pass.
 */
export const cciLearnedRouteQuota: CorpusProgram = {
    name: "cci-learned-route-quota",
    source: "AWS Direct Connect quotas (routes per BGP session); Cloud Router custom route advertisements",
    expected: { "route-limits": "mandatory", "failure-domains-watched": "advisory" },
    program: () => dedicatedInterconnect("cci", {
        ports: IAD_999, routingMode: "REGIONAL", googleAsn: 65001, directConnectGatewayAsn: 64601, transitGatewayAsn: 64512,
        allowedPrefixes: ["10.0.0.0/8"], interconnectBy: "id", md5: "both", bfd: true, protect: true,
        advertisedRanges: Array.from({ length: 120 }, (_, i) => `10.200.${i}.0/24`),
    }),
};
