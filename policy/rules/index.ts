import { Policies } from "@pulumi/policy";
import { addressFamilies } from "./addressFamilies";
import { addressing } from "./addressing";
import { backupPreference } from "./backupPreference";
import { bandwidth } from "./bandwidth";
import { interconnectBfd } from "./bfd";
import { bgpHygiene } from "./bgpHygiene";
import { encryption } from "./encryption";
import { failureDomainsWatched } from "./failureDomainsWatched";
import { haVpnComplete } from "./haVpnComplete";
import { managedBandwidthOwner } from "./managedBandwidthOwner";
import { managedDuplicate } from "./managedDuplicate";
import { pairParity } from "./pairParity";
import { protection } from "./protection";
import { routeLimits } from "./routeLimits";
import { slaShape } from "./slaShape";
import { transportQuota } from "./transportQuota";

export {
    addressFamilies, addressing, backupPreference, bandwidth, bgpHygiene, encryption, failureDomainsWatched, haVpnComplete, interconnectBfd, managedBandwidthOwner, managedDuplicate,
    pairParity, protection, routeLimits, slaShape, transportQuota,
};

/** Every rule of the pack, in the order they report. */
export const policies: Policies = [
    haVpnComplete,
    slaShape,
    managedDuplicate,
    transportQuota,
    managedBandwidthOwner,
    bandwidth,
    pairParity,
    addressFamilies,
    encryption,
    bgpHygiene,
    interconnectBfd,
    addressing,
    backupPreference,
    routeLimits,
    protection,
    failureDomainsWatched,
];
