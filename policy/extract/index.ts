/**
 * Rebuilds the sdk topology of a stack from its raw resources, by type and wiring alone. A
 * component's own `topology` output is never read: the pack judges what was declared, not what a
 * component says it declared.
 */
import { PolicyResource } from "@pulumi/policy";
import { Topology } from "../../sdk";
import { AttachmentView, DedicatedExtraction, extractDedicated } from "./dedicated";
import { extractHaVpns, HaVpnExtraction, HaVpnView } from "./haVpn";
import { extractManaged, ManagedView } from "./managed";
import { RouterSessions } from "./routing";
import { StackIndex } from "./stackIndex";
import { fromPolicyResources, StackResource } from "./stackResource";
import { TopologyBuilder } from "./topologyBuilder";

export { AttachmentView, HaVpnView, ManagedView, StackIndex, StackResource };
export { TunnelView } from "./haVpn";
export { RouterSide, routerAsn } from "./routing";
export { DEFAULT_ROUTE_PRIORITY } from "./topologyBuilder";

export interface StackModel extends HaVpnExtraction, DedicatedExtraction {
    index: StackIndex;
    managed: ManagedView[];
    topology: Topology;
    /** The resource each topology link was read from (tunnel, attachment, transport or connection). */
    linkSource: Map<string, StackResource>;
    /** The resource that stands for each link group: its component, its HA VPN gateway, or its first link. */
    groupSource: Map<string, StackResource>;
}

const models = new WeakMap<readonly PolicyResource[], StackModel>();

/**
 * The model of the stack a stack policy sees. Policies that receive the same resource list (the
 * in-process evaluator passes one list to every policy) share one extraction.
 */
export function stackModel(resources: readonly PolicyResource[]): StackModel {
    let model = models.get(resources);
    if (!model) {
        model = extractStack(fromPolicyResources(resources));
        models.set(resources, model);
    }
    return model;
}

export function extractStack(resources: readonly StackResource[]): StackModel {
    const index = new StackIndex(resources);
    const routing = new RouterSessions(index);
    const vpn = extractHaVpns(index, routing);
    const dedicated = extractDedicated(index, routing);
    const managed = extractManaged(index);
    const builder = new TopologyBuilder(index);
    vpn.haVpns.forEach((v) => builder.addHaVpn(v));
    builder.addDedicated(dedicated.attachments, dedicated.orderedPorts);
    builder.addManaged(managed);
    return { index, ...vpn, ...dedicated, managed, topology: builder.topology(), linkSource: builder.linkSource, groupSource: builder.groupSource };
}
