import { LinkNetPlan, LinkNetRequest } from "../linkLocal";
import { Prefix } from "../prefix";
import { AddressSpace } from "./addressSpace";

/**
 * Places the links of one block, in order, in `space` (a fresh one by default, which keeps no
 * ledger): each link at its home /28 when free, else the next free one on its probe sequence.
 * `reserved` lists ranges in use on the same Cloud Router that the space does not know.
 */
export function planLinkNets(block: Prefix, requests: LinkNetRequest[], reserved: Prefix[] = [], space = AddressSpace.empty()): LinkNetPlan[] {
    return requests.map((request) => {
        const placed = space.place({
            key: request.key, field: request.field, block, blockField: "linkLocalBlock",
            sessions: request.sessions, prefixLength: request.prefixLength, slot: request.slot, reserved,
            replaces: "the link's sessions",
        });
        return { key: placed.key, slot: placed.slot!, chunk: placed.chunk!, nets: placed.nets };
    });
}
