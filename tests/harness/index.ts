/**
 * The mock harness: runs a Pulumi program under mocks and returns every resource it registered,
 * with simulated cloud outputs. Shared by component specs, policy specs, the CLI and benchmarks.
 *
 * ```ts
 * const plan = await capture(() => { new HaVpn("x", args, { providers: [aws, gcp] }); }, { stack: "prod" });
 * for (const vpn of plan.ofType("aws:ec2/vpnConnection:VpnConnection")) {
 *     assert.ok(vpn.secretPaths.includes("tunnel1PresharedKey"));
 * }
 * ```
 */
export { capture } from "./capture";
export type { CaptureOptions, Program } from "./capture";
export { Plan } from "./plan";
export type { CapturedResource } from "./plan";
export { UNKNOWN } from "./wire";
export { SIMULATED_AWS_ACCOUNT_ID } from "./identity";
export { simulatedActivationKey } from "./simulated";
