import { awsVpnBothTunnelsAlarm, awsVpnEachTunnelAlarm, cciWatched } from "./alarmPrograms";
import { cffRecipeVpnAws } from "./cffRecipeVpnAws";
import { cciLearnedRouteQuota, cciMd5OneSided, cciSelfLinkLagSpeed, cffVlan999, cffVlan9999 } from "./dedicatedPrograms";
import { googleHaVpnAws } from "./googleHaVpnAws";
import { managedBandwidthTwice, managedDuplicatePair, managedUnassociated, managedWalkthrough } from "./managedPrograms";
import { CorpusProgram } from "./program";
import { tfgVpnHaAws } from "./tfgVpnHaAws";

export { CorpusProgram, Verdict } from "./program";

/** Every program of the corpus. */
export const CORPUS: readonly CorpusProgram[] = [
    googleHaVpnAws,
    cffRecipeVpnAws,
    tfgVpnHaAws,
    cffVlan999,
    cffVlan9999,
    cciSelfLinkLagSpeed,
    cciMd5OneSided,
    cciLearnedRouteQuota,
    managedWalkthrough,
    managedUnassociated,
    managedBandwidthTwice,
    managedDuplicatePair,
    awsVpnBothTunnelsAlarm,
    awsVpnEachTunnelAlarm,
    cciWatched,
];
