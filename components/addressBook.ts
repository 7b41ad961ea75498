import * as pulumi from "@pulumi/pulumi";
import { AddressSpace } from "../sdk/allocation/addressSpace";
import { AddressLedger, parseLedger } from "../sdk/allocation/ledger";
import { CrossCloudError, ErrorCode } from "../sdk/errors";

/**
 * The address space of the program being run. Every component that takes link-local addresses
 * plans in it, so components of one program on the same Cloud Routers never overlap; once a
 * program opens its address ledger, the space also keeps what the last update deployed.
 *
 * One space per program: keyed by the program's root stack resource (a fresh one per run, in the
 * offline engine as under `pulumi up`), or by the process where there is none (a component
 * provider serving one deployment).
 */
const spaces = new WeakMap<object, AddressSpace>();
const processKey = {};

function programKey(): object {
    return pulumi.runtime.getStackResource() ?? processKey;
}

/** The program's space; a fresh one, keeping no ledger, until the program opens its ledger. */
export function programAddressSpace(): AddressSpace {
    const key = programKey();
    let space = spaces.get(key);
    if (!space) {
        space = AddressSpace.empty();
        spaces.set(key, space);
    }
    return space;
}

/**
 * Plans a component in a copy of the program's space and adopts what it placed only when planning
 * succeeds, so a refused component leaves no trace. Returns the plan and the notes to log.
 */
export function planInProgramSpace<T>(plan: (space: AddressSpace) => T): { plan: T; notes: string[] } {
    const program = programAddressSpace();
    const space = program.fork();
    const result = plan(space);
    program.adopt(space);
    return { plan: result, notes: space.notes };
}

/** As planInProgramSpace, for a plan that only checks: nothing it places is kept. */
export function planAside<T>(plan: (space: AddressSpace) => T): T {
    return plan(programAddressSpace().fork());
}

export interface AddressLedgerOptions {
    /**
     * Keys of deployed links whose replacement you accept (`prod-backup`, `prod-primary/east-a`):
     * each is planned as new instead of being refused for a change that replaces it.
     */
    allowReplacement?: string[];
    /** The stack output the ledger is kept in. Defaults to `addressLedger`. */
    output?: string;
    /** The stack whose outputs hold it. Defaults to this stack. */
    stack?: string;
}

export interface OpenAddressLedger {
    /** What the last update recorded: empty before the first. */
    readonly recorded: AddressLedger;
    /** The ledger after this program's components are declared: export it as the stack output. */
    record(): AddressLedger;
}

/**
 * Reads the address ledger this stack exported in its last update, through a StackReference to the
 * stack itself, and plans every component of the program against it: a deployed link keeps its
 * addresses, router and ASNs, and a change that would replace it fails the plan unless its key is
 * in `allowReplacement`. Call it before declaring any component, and export what `record()`
 * returns under the same output name:
 *
 * ```ts
 * const ledger = await openAddressLedger();
 * new HaVpn("prod-backup", { ... });
 * export const addressLedger = ledger.record();
 * ```
 *
 * Export only values known at plan time next to it: the engine then records the ledger as soon as
 * the program finishes, and keeps outputs a failed update registered, so a retry finds the
 * addresses the failed update gave out.
 */
export async function openAddressLedger(options: AddressLedgerOptions = {}): Promise<OpenAddressLedger> {
    const output = options.output ?? "addressLedger";
    const stack = options.stack ?? `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
    const field = `${stack}:${output}`;
    const allowReplacement = options.allowReplacement ?? [];
    if (!Array.isArray(allowReplacement) || !allowReplacement.every((k) => typeof k === "string")) {
        throw new CrossCloudError({
            code: ErrorCode.InvalidArgument, field: "allowReplacement", value: allowReplacement,
            rule: "must list the keys of links whose replacement you accept", fix: 'Write it like ["prod-backup", "prod-primary/east-a"].',
        });
    }
    const key = programKey();
    if (Object.keys(spaces.get(key)?.record().links ?? {}).length > 0) {
        throw new CrossCloudError({
            code: ErrorCode.Conflict, field: "openAddressLedger", value: stack,
            rule: "components of this program have already placed links without the ledger",
            fix: "Open the address ledger before declaring any component.",
        });
    }
    const details = await new pulumi.StackReference("address-ledger", { name: stack }).getOutputDetails(output);
    const recorded = parseLedger(details.value ?? details.secretValue, field);
    spaces.set(key, AddressSpace.fromLedger(recorded, { allowReplacement, ledgerField: field }));
    return { recorded, record: () => programAddressSpace().record() };
}
