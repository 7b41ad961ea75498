import * as path from "node:path";
import { StackState } from "../../sdk/change/types";
import type { Planner } from "../planner";
import { Against, stackName } from "./against";
import { stateOfCheckpoint, stateOfPlan } from "./state";

/** One stack before a change, and how to name what it was read from. */
export interface Before {
    /** Undefined when nothing was deployed: every resource is created. */
    state?: StackState;
    isState: boolean;
    label: string;
}

/** The stack before, from what `--against` named; a stack config file is planned with the same planner. */
export async function stackBefore(against: Against, stack: string, planner: Planner): Promise<Before> {
    const file = path.relative(process.cwd(), against.file) || against.file;
    switch (against.kind) {
        case "plans": {
            const document = against.documents.get(stackName(stack));
            return document
                ? { state: stateOfPlan(document, file), isState: false, label: file }
                : { isState: false, label: `${file}, which has no plan of ${stack} (every resource is created)` };
        }
        case "state":
            return { state: stateOfCheckpoint(against.resources), isState: true, label: `${file} (state)` };
        case "config":
            return { state: stateOfPlan(await planner.planWith(stack, against.file), file), isState: false, label: file };
    }
}

export function nothingDeployed(): Before {
    return { isState: false, label: "nothing deployed (every resource is created)" };
}
