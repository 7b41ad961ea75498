import * as pulumi from "@pulumi/pulumi";
import { StackType } from "../../sdk/addressFamily";
import { PortSpeed } from "../../sdk/bandwidth";
import { SlaTarget } from "../../sdk/plans/dedicated";
import { LinkRole } from "../../sdk/topology";
import { MonitoringArgs } from "../monitoring";
import { AwsSideArgs, GoogleSideArgs } from "../sides";

/** One Cross-Cloud Interconnect port: a Google interconnect and the AWS LAG at the other end of its cross-connect. */
export interface DedicatedPortArgs {
    /** Google interconnect location of the port: a name such as `iad-zone1-1`, or its self link. */
    location: string;
    /** Google remote location the port reaches AWS at (`gcloud compute interconnects remote-locations list`). */
    remoteLocation: string;
    /** AWS Direct Connect location code of the LAG, e.g. `EqDC2`. */
    awsLocation: string;
    /** AWS region that Direct Connect location belongs to. Defaults to `aws.region`. */
    awsRegion?: string;
    /** Google metro of the location, e.g. `iad`. Read from a location name of the form `<metro>-zone<n>-<id>` when absent. */
    metro?: string;
    /** Edge availability domain of the location, 1 or 2. Read from the location name like `metro`. */
    edgeDomain?: number;
    /**
     * Whether the port is provisioned: Google has tested the connection (operationalStatus
     * `OS_ACTIVE`) and the LAG's connection is `available`. Until then only the port and its LAG are
     * declared, and `nextStep` says what to do (hand over the LOA-CFA, wait for the cross-connect and
     * the tests); once set, its attachments, router interfaces, BGP peers, MD5 keys and transit VIFs
     * follow. Defaults to false.
     */
    ready?: boolean;
}

/** One VLAN attachment on a port, and the AWS transit virtual interface it pairs with. */
export interface DedicatedAttachmentArgs {
    /** Key of the port in `ports` the attachment rides. */
    port: string;
    /** Google region of the attachment and its Cloud Router. Defaults to `google.region`. */
    region?: string;
    /** Bandwidth, e.g. `5Gbps` or `BPS_5G`, in Google's VLAN attachment tiers; the attachments on a port share its capacity. */
    bandwidth: string;
    /** Pins the attachment's link-local /29 to this /28 of `linkLocalBlock` (0-based); crosscloud places it when absent. */
    slot?: number;
}

/** An existing Cloud Router in a region other than `google.region`. */
export interface RegionRouterArgs {
    /** Name of the existing Cloud Router. Created when absent. */
    router?: pulumi.Input<string>;
    /** The router's private ASN. Defaults to `google.routerAsn`. */
    routerAsn?: number;
}

/** The Google half: the VPC and one Cloud Router per region that has attachments. */
export interface DedicatedGoogleArgs extends GoogleSideArgs {
    /**
     * Whether the VPC's dynamic routing mode is GLOBAL, which 99.99% requires. The component cannot
     * read or change the routing mode of a VPC it does not own, so you declare it. Defaults to false.
     */
    globalRouting?: boolean;
    /** Cloud Routers of the other regions with attachments, keyed by region. A region without an entry gets a new router. */
    routers?: { [region: string]: RegionRouterArgs };
}

/** The AWS half: a Direct Connect gateway, associated with the Transit Gateway, that every transit VIF lands on. */
export interface DedicatedAwsArgs extends AwsSideArgs {
    /** Id of an existing Direct Connect gateway not yet associated with the Transit Gateway. Created when absent. */
    directConnectGatewayId?: pulumi.Input<string>;
    /** The Direct Connect gateway's private ASN, given or created; every Cloud Router peers with it. Must differ from the Transit Gateway's. */
    directConnectGatewayAsn: number;
    /** Prefixes AWS advertises to Google: the gateway association's allowed prefixes (at most 200; IPv6 ones /64 or shorter). */
    allowedPrefixes: string[];
}

export interface DedicatedInterconnectArgs {
    /** The availability the shape is built for; a shape that cannot earn it is refused before anything is declared. */
    sla: SlaTarget;
    /** Speed of every link of every port; Google's link type and AWS's connection bandwidth both follow it. */
    portSpeed: PortSpeed;
    /**
     * Links in each port and its AWS LAG: 1, the only count both providers' resources can order on one
     * AWS device (any other is refused, with the reason). Defaults to 1.
     */
    linksPerPort?: number;
    /**
     * The ports, keyed by stable names that name their resources: 2 in one metro for 99.9%, 2 in each
     * of 2 metros for 99.99%. AWS grants an SLA only across 2 Direct Connect locations, and 99.99% only
     * with 2 LAGs at each: land a metro's two ports at one AWS location.
     */
    ports: { [key: string]: DedicatedPortArgs };
    /**
     * The VLAN attachments, keyed by stable names that name their resources and key their link-local
     * /29s. Every port needs one; an attachment is declared once its port is `ready`.
     */
    attachments: { [key: string]: DedicatedAttachmentArgs };
    /** The Google half: VPC, regions and Cloud Routers. */
    google: DedicatedGoogleArgs;
    /** The AWS half: Transit Gateway and Direct Connect gateway. */
    aws: DedicatedAwsArgs;
    /** Prefixes the Cloud Routers advertise to AWS on every session of their family (100 of each family per session, AWS's limit). */
    advertisedPrefixes: string[];
    /**
     * `IPV4_ONLY` (default) or `IPV4_IPV6` (dual stack): every attachment gets an IPv6 BGP session
     * beside its IPv4 one, AWS a BGP peer of family ipv6 on each transit VIF. AWS assigns an IPv6
     * peer's addresses itself (a /125 of its own) and Google takes an attachment's IPv6 addresses only
     * when it creates it, so the VIF and its IPv6 peer are made first, with a VLAN crosscloud picks
     * (kept by the address ledger), and the attachment takes AWS's addresses. For the same reason an
     * attachment deployed IPv4 only becomes dual stack only by being replaced: the address ledger
     * refuses it unless allowed, and a new attachment key beside the old one avoids the outage.
     */
    stackType?: StackType;
    /** Protects ports, LAGs and their connections from deletion (`protect`, Google `deletionPolicy: PREVENT`). Defaults to false. */
    production?: boolean;
    /** Primary or backup: a backup advertises a worse route priority. Defaults to primary. */
    role?: LinkRole;
    /** Link-local block the attachments' /29s come from; give each environment sharing a Cloud Router its own. Defaults to 169.254.0.0/16. */
    linkLocalBlock?: string;
    /** Link-local prefixes already in use on the same Cloud Routers, never allocated here. */
    reservedPrefixes?: string[];
    /**
     * Alarms on both clouds from the link's resilience model (see `MonitoringArgs`), for the ports
     * that are ready: on by default. Losing a port, device, location or metro loses redundancy while
     * what survives meets `requiredGbps` (or, without it, while any attachment survives).
     */
    monitoring?: MonitoringArgs;
}
