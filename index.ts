// Package entry: the Pulumi host serves every ComponentResource class exported here.
export * from "./sdk";
export * from "./components/managedInterconnect";
export * from "./components/haVpn";
export * from "./components/dedicatedInterconnect";
export * from "./components/crossCloudNetwork";
