import { Policies } from "@pulumi/policy";
import { addressing } from "./addressing";
import { backupPreference } from "./backupPreference";
import { bandwidth } from "./bandwidth";
import { bgpHygiene } from "./bgpHygiene";
import { encryption } from "./encryption";
import { haVpnComplete } from "./haVpnComplete";
import { managedDuplicate } from "./managedDuplicate";
import { pairParity } from "./pairParity";
import { protection } from "./protection";
import { routeLimits } from "./routeLimits";
import { slaShape } from "./slaShape";

export {
    addressing, backupPreference, bandwidth, bgpHygiene, encryption, haVpnComplete, managedDuplicate, pairParity, protection, routeLimits, slaShape,
};

/** Every rule of the pack, in the order they report. */
export const policies: Policies = [
    haVpnComplete,
    slaShape,
    managedDuplicate,
    bandwidth,
    pairParity,
    encryption,
    bgpHygiene,
    addressing,
    backupPreference,
    routeLimits,
    protection,
];
