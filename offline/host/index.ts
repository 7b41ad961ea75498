/**
 * Pulumi's own Node entry points, run as the Pulumi CLI runs them, against a fake engine over gRPC:
 * the way a user meets a program, a component package or a policy pack, with no CLI, no provider
 * plugins and no cloud.
 *
 * - `runProgram`: `@pulumi/pulumi/cmd/run`, what the Node language host starts for `pulumi up` and
 *   `pulumi preview`; returns every registration as the in-process engine (`capture`) records it,
 *   the stack outputs, the log, the exit code and the output.
 * - `startPlugin`: `@pulumi/pulumi/cmd/run-plugin`, what it starts to serve a component package to
 *   other languages; `getSchema()` and `construct()` speak to it as the engine does, and what the
 *   construction registers lands on the fake monitor.
 * - `startPolicyPack`: `@pulumi/pulumi/cmd/run-policy-pack`, the policy-pack host; returns the
 *   Analyzer client the engine would hold.
 * - `startEngine`: the fake engine itself (pulumirpc.Engine and pulumirpc.ResourceMonitor on one port).
 *
 * Each resolves Pulumi's entry point from the directory it runs (its own node_modules), starts it
 * with the caller's Node (`process.execPath`) and with the arguments, working directory and
 * environment the Go host passes (the sources are named where each is built).
 *
 * What the engine fakes: registrations, reads, invokes and calls are answered by the offline
 * engine's simulated clouds (`SimulatedCloud`): a new custom resource gets a made-up id and the
 * outputs its cloud would compute, and `simulated` on each captured resource lists exactly those
 * made-up values, so they are never mistaken for real ones. A preview leaves ids and computed
 * outputs unknown. Secrets and unknowns travel as the engine carries them; `additionalSecretOutputs`
 * become secrets; URNs are the engine's (a child's type is qualified by its parents' types); a second
 * resource with one URN is refused, as the engine refuses it; the log and the stack outputs are kept.
 *
 * What it does not: there are no providers (no Check, Diff or real Create), no state and so no
 * diffing, updates, replacements or deletes; no default providers; no transforms, resource hooks or
 * error hooks (not advertised, so the SDK refuses a program that uses them); no remote components in
 * a program (construct them with `startPlugin`); no Pulumi CLI version to check a required range
 * against; no policy packs run during `runProgram`.
 *
 * ```ts
 * const run = await runProgram({ dir: "/path/to/project", stack: "prod", preview: true, config: { "aws:region": "eu-west-1" } });
 * assert.equal(run.exitCode, 0, run.errors.join("\n"));
 * const vpn = run.ofType("aws:ec2/vpnConnection:VpnConnection")[0];
 * assert.ok(vpn.secretPaths.includes("tunnel1PresharedKey"));
 * ```
 */
export { startEngine, FakeEngine } from "./engine";
export type { EngineOptions } from "./engine";
export type { LogEntry } from "../plan";
export { runProgram, ProgramRun } from "./program";
export type { RunOptions } from "./program";
export { startPlugin, secretInput } from "./plugin";
export type { ConstructOptions, Constructed, PluginHost, PluginOptions } from "./plugin";
export { startPolicyPack } from "./policyPack";
export type { PolicyPackHost, PolicyPackOptions, PolicyStack } from "./policyPack";
