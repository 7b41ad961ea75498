// Package entry: the components, the sdk they plan with, and nothing that needs a cloud to load.
// The peer check runs first, so a missing provider is named with its install command.
import { checkRequiredPeers } from "./components/peers";

checkRequiredPeers();

export * from "./sdk";
export * from "./components/managedInterconnect";
export * from "./components/haVpn";
export * from "./components/dedicatedInterconnect";
export * from "./components/crossCloudNetwork";
export { openAddressLedger } from "./components/addressBook";
export type { AddressLedgerOptions, OpenAddressLedger } from "./components/addressBook";
export type {
    AlarmSummary, FailureGroupSummary, MonitoringArgs, MonitoringNotifyArgs, MonitoringNotifyTargets, MonitoringSummary,
} from "./components/monitoring";
export { MissingPeerError } from "./components/peers";
