export * from "./ledger";
export * from "./addressSpace";
export * from "./planLinkNets";
export { homeSlot } from "./slots";
export { homeVlan, planVlans, VLAN_MAX, VLAN_MIN } from "./vlans";
export type { PlannedVlan, VlanRequest } from "./vlans";
