import { record, text } from "../extract/values";
import { stackPolicy } from "./define";

/**
 * BFD is a best practice on both clouds, not a requirement: Cloud Router's best practices say to
 * enable it "if your on-premises BGP router supports" it, and AWS enables asynchronous BFD on every
 * Direct Connect virtual interface, where it acts once the peer runs it too. Google supports it on
 * VLAN attachments only, never on HA VPN sessions. So a session without it works, and learns of a
 * dead link after the BGP hold time instead of in about a second: advisory by default.
 */
export interface InterconnectBfdConfig {
    acceptPassive: boolean;
}

export const interconnectBfd = stackPolicy<InterconnectBfdConfig>({
    name: "interconnect-bfd",
    description: "Interconnect BGP sessions run BFD, so a dead link is noticed in about a second rather than after the BGP hold time.",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema: {
        properties: {
            acceptPassive: {
                type: "boolean", default: true,
                description: "Count PASSIVE (the peer starts BFD) as running BFD; false asks for ACTIVE on the Cloud Router.",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    if (model.attachments.length === 0) notApplicable("The stack has no interconnect attachment.");
    for (const a of model.attachments) {
        const peer = a.peers[0];
        if (!peer || peer.unknown?.has("bfd")) continue;
        const mode = text(record(peer.props.bfd)?.sessionInitializationMode);
        if (mode !== "ACTIVE" && !(mode === "PASSIVE" && config.acceptPassive)) {
            report(`RouterPeer ${model.index.label(peer)} runs BGP over InterconnectAttachment ${model.index.label(a.attachment)} without BFD (${mode ?? "unset"}), ` +
                "so a dead link takes the BGP hold time to notice. Set bfd.sessionInitializationMode to ACTIVE.", peer.urn);
        }
    }
});
