/**
 * Change safety: what a change to a stack does to its cross-cloud links while it applies, whether
 * what stays up meets the requirement, and the steps that keep it met. Pure: plans in, verdicts out.
 */
export * from "./types";
export * from "./rules";
export { SOURCES } from "./sources";
export { diffStates } from "./diff";
export * from "./impact";
export * from "./requirement";
export * from "./rollout";
export { PreviewStep, reconcile } from "./preview";
