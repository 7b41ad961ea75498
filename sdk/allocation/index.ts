export * from "./ledger";
export * from "./addressSpace";
export * from "./planLinkNets";
export { homeSlot } from "./slots";
