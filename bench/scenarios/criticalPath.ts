/**
 * The deploy critical path of each component's resource graph (longest chain of resource
 * dependencies), against the chain the cross-cloud wiring makes unavoidable (unavoidableChains.ts).
 * Captured in this process: nothing here is timed.
 */
import { InitiatedBy } from "../../sdk/plans/managedInterconnect";
import { className, criticalPath, deployGraph, GraphResource } from "../dependencyGraph";
import { UNAVOIDABLE, UnavoidableChain } from "../unavoidableChains";
import { Scenario, target } from "./scenario";

interface Case {
    key: keyof typeof UNAVOIDABLE;
    capture(): Promise<readonly GraphResource[]>;
}

async function cases(): Promise<Case[]> {
    const { capture } = await import("../../offline");
    const { HaVpn } = await import("../../components/haVpn");
    const { DedicatedInterconnect } = await import("../../components/dedicatedInterconnect");
    const { ManagedInterconnect } = await import("../../components/managedInterconnect");
    const { haVpnArgs } = await import("../workloads/haVpnPairs");
    const { dedicatedArgs } = await import("../workloads/dedicatedAttachments");
    const { planStack } = await import("../workloads/estate");
    const managedArgs = (initiatedBy: InitiatedBy) => ({
        bandwidth: "10Gbps",
        initiatedBy,
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"], environmentId: initiatedBy === InitiatedBy.Aws ? "env-google-us-east4" : undefined },
        google: { region: "us-east4", network: "https://www.googleapis.com/compute/v1/projects/acme-transit/global/networks/transit" }, advertisedPrefixes: ["10.20.0.0/16"],
    });
    const resources = async (program: () => unknown) => (await capture(program)).resources;
    return [
        { key: "haVpn", capture: () => resources(() => new HaVpn("vpn", haVpnArgs())) },
        { key: "managedGoogleInitiated", capture: () => resources(() => new ManagedInterconnect("mi", managedArgs(InitiatedBy.Google))) },
        { key: "managedAwsInitiated", capture: () => resources(() => new ManagedInterconnect("mi", managedArgs(InitiatedBy.Aws))) },
        { key: "dedicated", capture: () => resources(() => new DedicatedInterconnect("cci", dedicatedArgs())) },
        {
            // The example estate's prod stack, as `pulumi up -s prod` would run it after the shared stack.
            key: "crossCloudProd",
            capture: async () => (await planStack("prod", { shared: (await planStack("shared")).outputs })).resources,
        },
    ];
}

export interface CriticalPathResult {
    shape: string;
    resources: number;
    /** Resource classes along the longest chain, first created first. */
    path: string[];
    pathNames: string[];
    unavoidable: UnavoidableChain;
}

export const criticalPathScenario: Scenario = {
    name: "criticalPath",
    title: "deploy critical path",
    async run({ progress }) {
        const results: CriticalPathResult[] = [];
        for (const c of await cases()) {
            progress(`critical path of ${UNAVOIDABLE[c.key].shape}`);
            const graph = deployGraph(await c.capture());
            const path = criticalPath(graph);
            results.push({ shape: UNAVOIDABLE[c.key].shape, resources: graph.nodes.size, path: path.map((r) => className(r.type)), pathNames: path.map((r) => r.name), unavoidable: UNAVOIDABLE[c.key] });
        }
        return {
            section: results,
            targets: results.map((r) => target(`critical path of ${r.shape} ≤ unavoidable chain`, r.path.length, r.unavoidable.chain.length, "resources")),
            table: [
                ["shape", "longest chain", "unavoidable", "chain"],
                ...results.map((r) => [r.shape, String(r.path.length), String(r.unavoidable.chain.length), r.path.join(" → ")]),
            ],
        };
    },
};
