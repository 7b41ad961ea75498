export * from "./args";
export { AlarmSummary, declareMonitoring, FailureGroupSummary, MonitoringSummary } from "./declare";
export { MetricTargets, recordTargets, targetsOf } from "./targets";
