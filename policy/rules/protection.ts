import { ResourceValidationArgs } from "@pulumi/policy";
import { T } from "../extract/tokens";
import { bool, Props, text } from "../extract/values";
import { resourcePolicy } from "./define";

export interface ProtectionConfig {
    acceptDeletionPolicy: boolean;
}

/** Paid, slow-to-provision resources: a port or managed connection takes days to weeks to get back. */
const PAID = {
    [T.gcpInterconnect]: "Cross-Cloud Interconnect port",
    [T.gcpTransport]: "managed interconnect Transport",
    [T.awsDxLag]: "Direct Connect LAG",
    [T.awsDxConnection]: "Direct Connect connection",
    [T.awsInterconnectConnection]: "AWS Interconnect connection",
};

export const protection = resourcePolicy<ProtectionConfig>({
    name: "protect-paid-connections",
    description: "Physical ports, LAGs and managed connections are protected from accidental deletion.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: {
        properties: {
            acceptDeletionPolicy: {
                type: "boolean", default: true,
                description: "Count Google's deletionPolicy \"PREVENT\" as protection even without the protect option.",
            },
        },
    },
}, Object.fromEntries(Object.entries(PAID).map(([type, what]) => [type, (props: Props, config: ProtectionConfig, report: (m: string) => void, args: ResourceValidationArgs) => {
    if (isProtected(type, props, config, args)) return;
    const google = type.startsWith("gcp:") ? ' and deletionPolicy: "PREVENT"' : "";
    report(`${what} ${args.name} is not protected: a destroy, or a rename that replaces it, deletes it, and getting it back takes days to weeks of provisioning. ` +
        `Set the resource option protect: true${google}.`);
}])));

function isProtected(type: string, props: Props, config: ProtectionConfig, args: ResourceValidationArgs): boolean {
    if (args.opts.protect) return true;
    if (config.acceptDeletionPolicy && type.startsWith("gcp:") && text(props.deletionPolicy) === "PREVENT") return true;
    // skipDestroy keeps the port when Pulumi deletes the resource.
    return type === T.awsDxConnection && bool(props.skipDestroy) === true;
}
