import { gbps } from "../extract/values";
import { stackPolicy } from "./define";
import { gbpsText } from "./words";

/**
 * Either cloud can change a managed interconnect's bandwidth after it is up (AWS UpdateConnection;
 * Google's Transport), and when the AWS side accepts an activation key the bandwidth comes with the
 * key (AWS: `bandwidth` is "required when creating a connection through AWS"). A program that writes
 * it on both halves fights the other cloud's change on every update, so one half owns it. Whether
 * the halves agree is `pair-parity`'s; this one is advisory.
 */
export interface ManagedBandwidthOwnerConfig {
    owner: "key-issuer" | "google" | "aws";
}

export const managedBandwidthOwner = stackPolicy<ManagedBandwidthOwnerConfig>({
    name: "managed-bandwidth-owner",
    description: "A managed interconnect's bandwidth is declared on one half only, by default the one whose cloud issued the activation key.",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema: {
        properties: {
            owner: {
                type: "string", enum: ["key-issuer", "google", "aws"], default: "key-issuer",
                description: "Which half declares the bandwidth: the one whose cloud issued the activation key, or always Google's Transport, or always the AWS connection.",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    if (model.managed.length === 0) notApplicable("The stack has no managed interconnect.");
    for (const { transport, connection } of model.managed) {
        const google = gbps(transport?.props.bandwidth);
        const aws = gbps(connection?.props.bandwidth);
        if (!transport || !connection || google === undefined || aws === undefined) continue;
        const googleIssued = config.owner === "key-issuer" ? transport.props.providedActivationKey === undefined : config.owner === "google";
        const owner = googleIssued ? `Transport ${model.index.label(transport)}` : `AWS Interconnect connection ${model.index.label(connection)}`;
        const other = googleIssued ? `the AWS connection's bandwidth (${gbpsText(aws)})` : `the Transport's bandwidth (${gbpsText(google)})`;
        report(`Both halves of the managed interconnect ${model.index.label(transport)} ⇄ ${model.index.label(connection)} declare its bandwidth, and either cloud can change it. ` +
            `Let ${owner} own it${config.owner === "key-issuer" ? ", whose cloud issued the activation key" : ""}: remove ${other}.`, (googleIssued ? connection : transport).urn);
    }
});
