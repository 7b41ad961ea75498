/**
 * The offline engine: runs a Pulumi program in this process under the SDK's mock runtime and
 * returns every resource it registered, with simulated cloud outputs (labelled as such in
 * `simulated`). The CLI plans with it, the benchmarks measure with it, the specs assert on it.
 * `offline/host` runs programs, component packages and policy packs out of process instead,
 * through Pulumi's own runner and hosts, against a fake engine over gRPC with the same simulations.
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
export type { CapturedResource, LogEntry } from "./plan";
export { UNKNOWN } from "./wire";
export { SIMULATED_AWS_ACCOUNT_ID } from "./identity";
export { simulatedActivationKey } from "./simulated";
