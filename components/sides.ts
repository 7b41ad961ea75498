import * as pulumi from "@pulumi/pulumi";

/**
 * The argument shapes every component shares, so the same `google` / `aws` blocks can be moved
 * between an HA VPN, a dedicated interconnect and a managed one unchanged.
 *
 * Planning values (ASNs, regions, bandwidths, prefixes) are plain so they can be validated before
 * anything is declared; ids of resources that already exist are Inputs.
 */
export interface GoogleSideArgs {
    /** Self link or id of the Google VPC network the link lands in. */
    network: pulumi.Input<string>;
    /** Google region of the Cloud Router, tunnels or attachments (e.g. `us-east4`). */
    region: string;
    /** Name of an existing Cloud Router in `region` to attach to. Created when absent. */
    router?: pulumi.Input<string>;
    /** The Cloud Router's private ASN; also the ASN AWS sees for Google (customer gateway, VIF). */
    routerAsn: number;
    /** Google project; defaults to the provider's. */
    project?: pulumi.Input<string>;
}

export interface AwsSideArgs {
    /** AWS region of the Transit Gateway (e.g. `us-east-1`). */
    region: string;
    /** Id of an existing Transit Gateway to attach to. Created when absent. */
    transitGatewayId?: pulumi.Input<string>;
    /** The Transit Gateway's private ASN (must differ from the Cloud Router's). */
    transitGatewayAsn: number;
}
