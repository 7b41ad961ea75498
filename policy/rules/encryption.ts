import { T } from "../extract/tokens";
import { bool, list, num, record, text, texts } from "../extract/values";
import { resourcePolicy } from "./define";
import { listed } from "./words";

export interface EncryptionConfig {
    allowedEncryptions: string[];
    allowedIntegrities: string[];
    allowedDhGroups: number[];
    requireMacsec: boolean;
}

/** Each cloud's spelling of the IKE algorithms both offer, keyed by its letters and digits, to AWS's spelling. */
const ALGORITHMS: Record<string, string> = {
    AES128: "AES128", AESCBC128: "AES128",
    AES256: "AES256", AESCBC256: "AES256",
    AES128GCM16: "AES128-GCM-16", AESGCM16128: "AES128-GCM-16",
    AES256GCM16: "AES256-GCM-16", AESGCM16256: "AES256-GCM-16",
    SHA1: "SHA1", HMACSHA196: "SHA1", PRFHMACSHA1: "SHA1",
    SHA2256: "SHA2-256", HMACSHA2256128: "SHA2-256", PRFHMACSHA2256: "SHA2-256",
    SHA2384: "SHA2-384", HMACSHA2384192: "SHA2-384", PRFHMACSHA2384: "SHA2-384",
    SHA2512: "SHA2-512", HMACSHA2512256: "SHA2-512", PRFHMACSHA2512: "SHA2-512",
};

export function canonicalAlgorithm(name: string): string {
    return ALGORITHMS[name.toUpperCase().replace(/[^A-Z0-9]/g, "")] ?? name;
}

/** `20` or Google's `Group-20`. */
export function dhGroupNumber(value: unknown): number | undefined {
    return num(value) ?? num(/(\d+)$/.exec(text(value) ?? "")?.[1]);
}

/**
 * The IKEv2 Diffie-Hellman groups both clouds negotiate and that are not weak: AWS accepts 2 and
 * 14–24 (EC2 VpnTunnelOptionsSpecification Phase1/Phase2DhGroupNumbers); Cloud VPN lists MODP
 * 2048/3072/4096/6144/8192 (14–18), ECP 256/384/521 (19–21), and also the weaker MODP 1024/1536
 * and 2048-bit prime-order-subgroup groups (2, 5, 23, 24), ranking 15–18 above 14 ("Cloud VPN
 * supported IKE ciphers", "Cloud VPN cipher changes"; Google has dropped 22). RFC 8247 §2.4 marks
 * 2 MUST NOT and 5, 22, 23, 24 SHOULD NOT.
 */
const STRONG_DH_GROUPS = [14, 15, 16, 17, 18, 19, 20, 21];

type Role = "encryption" | "integrity" | "dhGroup";

const AWS_LISTS: [suffix: string, role: Role][] = [
    ["Phase1EncryptionAlgorithms", "encryption"], ["Phase1IntegrityAlgorithms", "integrity"], ["Phase1DhGroupNumbers", "dhGroup"],
    ["Phase2EncryptionAlgorithms", "encryption"], ["Phase2IntegrityAlgorithms", "integrity"], ["Phase2DhGroupNumbers", "dhGroup"],
];

const GOOGLE_LISTS: [phase: "phase1" | "phase2", field: string, role: Role][] = [
    ["phase1", "encryptions", "encryption"], ["phase1", "integrities", "integrity"], ["phase1", "prves", "integrity"], ["phase1", "dhs", "dhGroup"],
    ["phase2", "encryptions", "encryption"], ["phase2", "integrities", "integrity"], ["phase2", "pfs", "dhGroup"],
];

export const encryption = resourcePolicy<EncryptionConfig>({
    name: "encryption-in-transit",
    description: "Cross-cloud VPN tunnels negotiate IKEv2 with allowed ciphers only; dedicated ports use MACsec where required.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            allowedEncryptions: {
                type: "array", minItems: 1,
                items: { type: "string", enum: ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"] },
                default: ["AES256", "AES128-GCM-16", "AES256-GCM-16"],
                description: "IKE encryption algorithms either phase may use, in AWS's spelling (Google's AES-CBC-256 is AES256).",
            },
            allowedIntegrities: {
                type: "array", minItems: 1,
                items: { type: "string", enum: ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"] },
                default: ["SHA2-256", "SHA2-384", "SHA2-512"],
                description: "IKE integrity (and Google PRF) algorithms, in AWS's spelling (Google's HMAC-SHA2-256-128 is SHA2-256).",
            },
            allowedDhGroups: {
                type: "array", minItems: 1,
                items: { type: "integer", enum: [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] },
                default: STRONG_DH_GROUPS,
                description: "Diffie-Hellman groups for phase 1 and PFS.",
            },
            requireMacsec: {
                type: "boolean", default: false,
                description: "Require MACsec on Cross-Cloud Interconnect ports and Direct Connect connections.",
            },
        },
    },
}, {
    [T.gcpVpnTunnel]: (props, config, report, args) => {
        const version = num(props.ikeVersion);
        if (version !== undefined && version !== 2) {
            report(`VPNTunnel ${args.name} uses IKEv${version}. Only IKEv2 is allowed between the clouds: set ikeVersion: 2 (the default).`);
        }
        // Without a cipher suite Google accepts what the peer proposes; the AWS side, checked below, then decides.
        const suite = record(props.cipherSuite);
        if (!suite) return;
        for (const [phase, field, role] of GOOGLE_LISTS) {
            const values = list(record(suite[phase])?.[field]);
            const refused = refusedValues(values, role, config);
            if (refused.length > 0) {
                report(`VPNTunnel ${args.name} cipherSuite.${phase}.${field} offers ${listed(refused)}, which the policy does not allow (allowed: ${listed(allowedOf(role, config).map(String), 20)}). Remove them.`);
            }
        }
    },

    [T.awsVpnConnection]: (props, config, report, args) => {
        const ikeProblems: string[] = [];
        const unset: string[] = [];
        for (const n of [1, 2]) {
            const versions = texts(props[`tunnel${n}IkeVersions`]);
            if (versions.length === 0) ikeProblems.push(`tunnel${n}IkeVersions is unset, so AWS accepts IKEv1 too`);
            else if (versions.some((v) => v !== "ikev2")) ikeProblems.push(`tunnel${n}IkeVersions is ${JSON.stringify(versions)}`);
            for (const [suffix, role] of AWS_LISTS) {
                const field = `tunnel${n}${suffix}`;
                const values = list(props[field]);
                if (values.length === 0) {
                    unset.push(field);
                    continue;
                }
                const refused = refusedValues(values, role, config);
                if (refused.length > 0) {
                    report(`VpnConnection ${args.name} ${field} offers ${listed(refused)}, which the policy does not allow (allowed: ${listed(allowedOf(role, config).map(String), 20)}). Remove them.`);
                }
            }
        }
        if (ikeProblems.length > 0) {
            report(`VpnConnection ${args.name}: ${ikeProblems.join("; ")}. Set tunnel1IkeVersions and tunnel2IkeVersions to ["ikev2"].`);
        }
        if (unset.length > 0) {
            report(`VpnConnection ${args.name} leaves ${listed(unset, 12)} unset, so AWS proposes every algorithm it has, SHA1 and DH group 2 included. ` +
                `Pin one allowed value each, e.g. AES256, SHA2-256 and DH group 20 (Google recommends a single proposal per role).`);
        }
    },

    [T.gcpInterconnect]: (props, config, report, args) => {
        if (!config.requireMacsec) return;
        const missing = [
            !texts(props.requestedFeatures).some((f) => f === "IF_MACSEC" || f === "MACSEC") && 'requestedFeatures ["IF_MACSEC"] (create-only: the port must be ordered with it)',
            list(record(props.macsec)?.preSharedKeys).length === 0 && "a macsec.preSharedKeys keychain",
            bool(props.macsecEnabled) !== true && "macsecEnabled: true",
        ].filter((m): m is string => typeof m === "string");
        if (missing.length > 0) {
            report(`Interconnect ${args.name} does not encrypt its links with MACsec: it needs ${listed(missing)}.`);
        }
    },

    [T.awsDxConnection]: (props, config, report, args) => {
        if (!config.requireMacsec) return;
        const mode = (text(props.encryptionMode) ?? "").replace(/_/g, "").toLowerCase();
        if (bool(props.requestMacsec) !== true) {
            report(`Direct Connect connection ${args.name} was not ordered with MACsec. Set requestMacsec: true (it replaces the connection) and associate a MACsec key.`);
        } else if (mode === "noencrypt") {
            report(`Direct Connect connection ${args.name} has MACsec but encryptionMode ${text(props.encryptionMode)}. Set encryptionMode to must_encrypt (or should_encrypt while keys roll).`);
        }
    },
});

function allowedOf(role: Role, config: EncryptionConfig): (string | number)[] {
    return role === "encryption" ? config.allowedEncryptions : role === "integrity" ? config.allowedIntegrities : config.allowedDhGroups;
}

function refusedValues(values: unknown[], role: Role, config: EncryptionConfig): string[] {
    if (role === "dhGroup") return values.filter((v) => !config.allowedDhGroups.includes(dhGroupNumber(v) ?? -1)).map(String);
    const allowed = allowedOf(role, config);
    return values.map(String).filter((v) => !allowed.includes(canonicalAlgorithm(v)));
}

