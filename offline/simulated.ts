import { T } from "../policy/extract/tokens";
import { AWS_DEFAULT_AMAZON_SIDE_ASN } from "../sdk/asn";
import { Allocations, firstBlock, hashHex, hashNumber, nthAddress } from "./allocation";
import { SIMULATED_AWS_ACCOUNT_ID, awsRegion, gcpProject } from "./identity";

/** What a simulation of one resource can see. */
export interface SimulationContext {
    /** Logical name, as given to the resource constructor. */
    readonly name: string;
    readonly id: string;
    /** Plain inputs as registered. */
    readonly inputs: Readonly<Record<string, unknown>>;
    /** Outputs of a resource of `type` created earlier in the same capture, by its id. */
    find(type: string, id: unknown): Readonly<Record<string, unknown>> | undefined;
    readonly allocate: Allocations;
}

/** Returns the output fields the cloud would compute for one resource. */
export type ComputedFields = (r: SimulationContext) => Record<string, unknown>;

const VPN_GATEWAY = T.awsVpnGateway;

/**
 * Computed outputs per resource type token: only the fields our wiring and policies read, with
 * realistic, deterministic values. Add a type by adding an entry.
 */
export const computedFields: Readonly<Record<string, ComputedFields>> = {
    [T.awsTransitGateway]: (r) => ({
        amazonSideAsn: r.inputs.amazonSideAsn ?? AWS_DEFAULT_AMAZON_SIDE_ASN,
        ownerId: SIMULATED_AWS_ACCOUNT_ID,
        associationDefaultRouteTableId: `tgw-rtb-${hashHex(r.name, 17)}`,
        propagationDefaultRouteTableId: `tgw-rtb-${hashHex(r.name, 17)}`,
    }),

    [VPN_GATEWAY]: (r) => ({
        amazonSideAsn: r.inputs.amazonSideAsn ?? String(AWS_DEFAULT_AMAZON_SIDE_ASN),
    }),

    [T.awsVpnConnection]: (r) => {
        const gateway = r.find(T.awsTransitGateway, r.inputs.transitGatewayId) ?? r.find(VPN_GATEWAY, r.inputs.vpnGatewayId);
        const fields: Record<string, unknown> = {};
        // A connection carries IPv4 or IPv6 inside its tunnels (tunnelInsideIpVersion).
        const ipv6 = r.inputs.tunnelInsideIpVersion === "ipv6";
        for (const tunnel of [1, 2]) {
            const key = `${r.name}/tunnel${tunnel}`;
            const insideCidr = ipv6
                ? String(r.inputs[`tunnel${tunnel}InsideIpv6Cidr`] ?? r.allocate.vpnInsideIpv6Cidrs.allocate(key))
                : String(r.inputs[`tunnel${tunnel}InsideCidr`] ?? r.allocate.vpnInsideCidrs.allocate(key));
            Object.assign(fields, {
                [`tunnel${tunnel}Address`]: r.allocate.awsOutsideIps.allocate(key),
                [ipv6 ? `tunnel${tunnel}InsideIpv6Cidr` : `tunnel${tunnel}InsideCidr`]: insideCidr,
                // In a tunnel's /30, AWS takes .1 and leaves .2 to the customer gateway. The provider reads
                // these from the configuration's IPv4 inside addresses alone: an IPv6 connection's are empty.
                [`tunnel${tunnel}VgwInsideAddress`]: ipv6 ? "" : nthAddress(insideCidr, 1),
                [`tunnel${tunnel}CgwInsideAddress`]: ipv6 ? "" : nthAddress(insideCidr, 2),
                [`tunnel${tunnel}BgpAsn`]: String(gateway?.amazonSideAsn ?? AWS_DEFAULT_AMAZON_SIDE_ASN),
                [`tunnel${tunnel}BgpHoldtime`]: 30,
            });
        }
        if (r.inputs.transitGatewayId !== undefined) {
            fields.transitGatewayAttachmentId = `tgw-attach-${hashHex(r.name, 17)}`;
        }
        return fields;
    },

    [T.awsDxGateway]: () => ({ ownerAccountId: SIMULATED_AWS_ACCOUNT_ID }),

    [T.awsDxConnection]: (r) => ({
        awsDevice: awsDevice(r.inputs.location, r.id),
        ownerAccountId: SIMULATED_AWS_ACCOUNT_ID,
        state: "available",
        jumboFrameCapable: true,
        macsecCapable: r.inputs.requestMacsec === true,
    }),

    [T.awsDxLag]: () => ({
        hasLogicalRedundancy: "no",
        jumboFrameCapable: true,
        ownerAccountId: SIMULATED_AWS_ACCOUNT_ID,
    }),

    [T.awsTransitVif]: (r) => {
        const port = r.find(T.awsDxLag, r.inputs.connectionId) ?? r.find(T.awsDxConnection, r.inputs.connectionId);
        return {
            amazonSideAsn: String(r.find(T.awsDxGateway, r.inputs.dxGatewayId)?.amazonSideAsn ?? AWS_DEFAULT_AMAZON_SIDE_ASN),
            // A VIF lives on the device of the port (or LAG) it rides.
            awsDevice: awsDevice(port?.location, String(r.inputs.connectionId)),
            jumboFrameCapable: r.inputs.mtu === 8500,
        };
    },

    // An IPv6 peer's addresses are AWS's to assign: a /125 of its own, Amazon the first host and the customer the second.
    [T.awsDxBgpPeer]: (r) => {
        const vif = r.find(T.awsTransitVif, r.inputs.virtualInterfaceId);
        const subnet = r.inputs.addressFamily === "ipv6" ? r.allocate.vifIpv6Subnets.allocate(r.name) : undefined;
        return {
            bgpPeerId: `dxpeer-${hashHex(r.name, 8)}`,
            bgpStatus: "up",
            awsDevice: vif?.awsDevice,
            ...(subnet && { amazonAddress: `${nthAddress(subnet, 1)}/125`, customerAddress: `${nthAddress(subnet, 2)}/125` }),
        };
    },

    [T.awsInterconnectConnection]: (r) => {
        const connectionId = `mcc-${hashHex(r.name, 8)}`;
        const initiatedByAws = r.inputs.activationKey === undefined && r.inputs.environmentId !== undefined;
        return {
            connectionId,
            arn: `arn:aws:interconnect:${awsRegion()}:${SIMULATED_AWS_ACCOUNT_ID}:connection/${connectionId}`,
            state: "available",
            ownerAccount: SIMULATED_AWS_ACCOUNT_ID,
            ...(initiatedByAws ? { activationKey: simulatedActivationKey(r.name) } : {}),
        };
    },

    [T.gcpHaVpnGateway]: (r) => {
        const declared = Array.isArray(r.inputs.vpnInterfaces) ? (r.inputs.vpnInterfaces as Record<string, unknown>[]) : [];
        return {
            vpnInterfaces: [0, 1].map((id) => ({
                id,
                ...declared.find((vpnInterface) => vpnInterface.id === id),
                ipAddress: r.allocate.gcpVpnIps.allocate(`${r.name}/${id}`),
            })),
        };
    },

    [T.gcpInterconnect]: (r) => ({
        googleReferenceId: String(hashNumber(r.name)),
        state: "ACTIVE",
        operationalStatus: "OS_ACTIVE",
        provisionedLinkCount: r.inputs.requestedLinkCount,
    }),

    [T.gcpInterconnectAttachment]: (r) => {
        const subnetLength = Number(r.inputs.subnetLength ?? 29);
        const candidates = Array.isArray(r.inputs.candidateSubnets) ? (r.inputs.candidateSubnets as string[]) : [];
        const subnet = candidates.length > 0
            ? firstBlock(candidates[0], subnetLength)
            : firstBlock(r.allocate.attachmentSubnets.allocate(r.name), subnetLength);
        // Google takes the first host of the subnet for the Cloud Router and gives the second to the peer.
        return {
            cloudRouterIpAddress: r.inputs.candidateCloudRouterIpAddress ?? `${nthAddress(subnet, 1)}/${subnetLength}`,
            customerRouterIpAddress: r.inputs.candidateCustomerRouterIpAddress ?? `${nthAddress(subnet, 2)}/${subnetLength}`,
            vlanTag8021q: r.inputs.vlanTag8021q ?? r.allocate.vlans.allocate(r.name),
            googleReferenceId: String(hashNumber(r.name)),
            state: "ACTIVE",
            // A dual-stack attachment takes the IPv6 addresses it was given (AWS's, for Cross-Cloud Interconnect into AWS).
            ...(r.inputs.stackType === "IPV4_IPV6" && {
                cloudRouterIpv6Address: r.inputs.candidateCloudRouterIpv6Address ?? `${nthAddress(r.allocate.vifIpv6Subnets.allocate(r.name), 1)}/125`,
                customerRouterIpv6Address: r.inputs.candidateCustomerRouterIpv6Address ?? `${nthAddress(r.allocate.vifIpv6Subnets.allocate(r.name), 2)}/125`,
            }),
        };
    },

    // A generated password, deterministic per name. Hex digits belong to every alphabet RandomPassword
    // offers, so the value is valid whatever character classes the caller asked for.
    "random:index/randomPassword:RandomPassword": (r) => ({
        result: hashHex(r.name, 64).repeat(4).slice(0, Number(r.inputs.length)),
    }),

    [T.gcpTransport]: (r) => ({
        ...(r.inputs.providedActivationKey === undefined ? { generatedActivationKey: simulatedActivationKey(r.name) } : {}),
        peeringNetwork: `projects/${gcpProject(r.inputs)}-tp/global/networks/transport-${hashHex(r.name, 8)}`,
        state: "ACTIVE",
        mtuLimit: 8896,
    }),
};

export function simulatedActivationKey(name: string): string {
    return `SIMULATED-ACTIVATION-KEY-${name}`;
}

/** Device names look like AWS's (`EqDC2-2bq7xl0o3aq8s`): the location, then a per-port suffix. */
function awsDevice(location: unknown, portId: string): string {
    return `${typeof location === "string" ? location : "simulated"}-${hashHex(portId, 13)}`;
}
