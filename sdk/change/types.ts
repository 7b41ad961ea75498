/**
 * A change to a stack, as plain data: the stack before and after (its resources with their inputs,
 * the links between the clouds and what each link rides on), the resource changes between them, and
 * what each change does to the links while it applies.
 */
import { Topology } from "../topology";

/** How a plan shows a secret's value: it is never read, so two secrets compare equal. */
export const SECRET_VALUE = "[secret]";
/** How a plan shows a value known only once resources exist (ids, computed outputs). */
export const UNKNOWN_VALUE = "[unknown]";

/** One resource as a plan or a stack's state holds it. */
export interface ResourceState {
    urn: string;
    /** Type token, e.g. `aws:ec2/vpnConnection:VpnConnection`. */
    type: string;
    name: string;
    parent?: string;
    /** Input values; secrets `[secret]`, values not known yet `[unknown]`. */
    inputs: Record<string, unknown>;
    dependencies: readonly string[];
    /** Per input, the resources its value came from. */
    propertyDependencies?: Record<string, readonly string[]>;
    /** Inputs whose changes Pulumi ignores (`ignoreChanges`). */
    ignoreChanges?: readonly string[];
    /** False for components and the stack: they hold no cloud state, so their inputs change nothing. */
    custom?: boolean;
}

/** What a resource is to a link that rides on it. */
export enum PartRole {
    Tunnel = "tunnel",
    HaVpnGateway = "ha-vpn-gateway",
    PeerGateway = "peer-gateway",
    VpnConnection = "vpn-connection",
    CustomerGateway = "customer-gateway",
    TransitGateway = "transit-gateway",
    CloudRouter = "cloud-router",
    RouterInterface = "router-interface",
    BgpPeer = "bgp-peer",
    Attachment = "attachment",
    Port = "port",
    Lag = "lag",
    DxConnection = "dx-connection",
    Vif = "vif",
    /** A transit VIF's IPv6 BGP peer (a dual-stack attachment's AWS end). */
    VifBgpPeer = "vif-bgp-peer",
    DxGateway = "dx-gateway",
    DxAssociation = "dx-association",
    Transport = "transport",
    ManagedConnection = "managed-connection",
    Network = "network",
    Peering = "peering",
}

/** One resource a link rides on. */
export interface LinkPart {
    urn: string;
    role: PartRole;
    /** For an AWS VPN connection: which of its two tunnels this link is. */
    awsTunnel?: 1 | 2;
}

/** A stack on one side of a change. */
export interface StackState {
    resources: ResourceState[];
    topology: Topology;
    /** Per link id, the resources the link rides on. */
    parts: Record<string, LinkPart[]>;
}

export enum ChangeOp {
    Create = "create",
    Update = "update",
    Replace = "replace",
    Delete = "delete",
}

/** One input that changes, or may. */
export interface FieldChange {
    field: string;
    before?: unknown;
    after?: unknown;
    /**
     * False when a value on either side is not known now (`[unknown]`), so the plan cannot tell
     * whether it changes; such a field never counts as unchanged.
     */
    certain: boolean;
    /** Resources being replaced whose new outputs this field takes: why it changes though its text does not. */
    replacedSources?: string[];
}

export interface ResourceChange {
    urn: string;
    type: string;
    name: string;
    op: ChangeOp;
    /** The inputs that change (update, replace); empty for create and delete. */
    fields: FieldChange[];
}

/** How sure a figure is: the provider documents it, or it is what such an operation typically takes. */
export enum Basis {
    Documented = "documented",
    Typical = "typical",
}

export interface Duration {
    text: string;
    basis: Basis;
}

/** Where a rule comes from. */
export interface Source {
    title: string;
    url: string;
}

/** What a change does to the traffic on the links that ride the resource. */
export enum Effect {
    /** Applied in place; traffic flows on. */
    None = "none",
    /** Applied in place; what it names is down while it applies. */
    Interrupts = "interrupts",
    /** Deleted and created again: down until the new one is up, and the other cloud has learned its new values. */
    Replaced = "replaced",
    /** Not documented: shown as unknown, and counted as down when judging the requirement. */
    Unknown = "unknown",
}

export const EFFECT_ORDER: readonly Effect[] = [Effect.None, Effect.Interrupts, Effect.Unknown, Effect.Replaced];
