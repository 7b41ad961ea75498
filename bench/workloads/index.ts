import { Program } from "../../offline";
import { dedicatedComponents, interconnectsFor, rawDedicated } from "./dedicatedAttachments";
import { haVpnComponents, rawHaVpns } from "./haVpnPairs";

export type WorkloadName = "haVpn" | "dedicated";
/** With our components, or the same resources registered directly. */
export type Variant = "component" | "raw";

export interface Workload {
    /** What N counts, for the table. */
    describe(n: number): string;
    program(variant: Variant, n: number): Program;
}

export const WORKLOADS: Record<WorkloadName, Workload> = {
    haVpn: {
        describe: (n) => `${n} HaVpn pair${n === 1 ? "" : "s"}`,
        program: (variant, n) => (variant === "component" ? haVpnComponents(n) : rawHaVpns(n)),
    },
    dedicated: {
        describe: (n) => `${n} attachment${n === 1 ? "" : "s"} → ${interconnectsFor(n)} × 99.99% DedicatedInterconnect (4 ports, 4 attachments)`,
        program: (variant, n) => (variant === "component" ? dedicatedComponents(n) : rawDedicated(n)),
    },
};
