/**
 * A large stack for the policy benchmark, made by capturing one environment once and copying it:
 * capturing 10,000 resources would take minutes, and the pack's cost depends on how many resources
 * and links there are, not on how they were made. An environment is an HA VPN pair, a 99.99%
 * dedicated interconnect and a managed interconnect, on its own Transit Gateway and Cloud Routers,
 * with the components' alarms, so copies never share a router or gateway and the copies are as
 * valid as the original.
 */
import { ManagedInterconnect } from "../../components/managedInterconnect";
import { DedicatedInterconnect } from "../../components/dedicatedInterconnect";
import { HaVpn } from "../../components/haVpn";
import { capture, CapturedResource } from "../../offline";
import { dedicatedArgs } from "./dedicatedAttachments";
import { haVpnArgs } from "./haVpnPairs";

/** Every name, URN and id of the environment contains it; copies replace it with one of the same length. */
const TOKEN = "env0000";

export async function captureEnvironment(): Promise<CapturedResource[]> {
    const plan = await capture(() => {
        // With their alarms, as the components declare them by default: the pack judges those too.
        new HaVpn(`${TOKEN}-vpn`, { ...haVpnArgs(), monitoring: {} });
        const dedicated = dedicatedArgs();
        new DedicatedInterconnect(`${TOKEN}-cci`, { ...dedicated, aws: { ...dedicated.aws, transitGatewayId: `tgw-${TOKEN}` }, monitoring: {} });
        new ManagedInterconnect(`${TOKEN}-mi`, {
            bandwidth: "10Gbps",
            aws: { region: "us-east-1", transitGatewayId: `tgw-${TOKEN}`, transitGatewayAsn: 64512, directConnectGatewayAsn: 64604, allowedPrefixes: ["10.12.0.0/16"] },
            google: { region: "us-east4", network: dedicated.google.network }, advertisedPrefixes: ["10.22.0.0/16"],
        });
    });
    return [...plan.resources];
}

/**
 * At least `size` resources: the stack and providers once, then as many copies of the
 * environment as it takes. Whole copies only, so no component is cut in half.
 */
export function replicateEnvironment(environment: readonly CapturedResource[], size: number): CapturedResource[] {
    const shared = environment.filter((r) => !JSON.stringify(r).includes(TOKEN));
    const own = JSON.stringify(environment.filter((r) => !shared.includes(r)));
    const copies = Math.max(1, Math.ceil((size - shared.length) / (environment.length - shared.length)));
    const resources = [...shared];
    for (let copy = 0; copy < copies; copy++) {
        resources.push(...(JSON.parse(own.replaceAll(TOKEN, `env${String(copy).padStart(4, "0")}`)) as CapturedResource[]));
    }
    return resources;
}
