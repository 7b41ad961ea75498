import { ErrorCode, fail } from "../errors";
import { requiredId } from "./values";

/**
 * The shape of a dedicated interconnect's `macsec` argument, checked before anything reads it: any
 * value but an object (`"false"`, `1`) would otherwise turn MACsec on for every port.
 */
export function checkMacsecArgs(value: unknown, field = "macsec"): void {
    if (value === undefined) return;
    if (!isObject(value)) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: "must be an object: MACsec is on when it is given", fix: "Write macsec: {} to request MACsec on every port, or leave it out." });
    }
    if (value.keyName !== undefined && typeof value.keyName !== "string") {
        fail({ code: ErrorCode.InvalidArgument, field: `${field}.keyName`, value: value.keyName, rule: "must be a key name", fix: 'Write it like "key1", or leave it out.' });
    }
    if (value.keys === undefined) return;
    if (!isObject(value.keys)) {
        fail({ code: ErrorCode.InvalidArgument, field: `${field}.keys`, value: value.keys, rule: "must map port keys to the CAK/CKN Google generated", fix: 'Write it like { "iad-1": { cak: …, ckn: … } }.' });
    }
    for (const [port, keys] of Object.entries(value.keys)) {
        const at = `${field}.keys["${port}"]`;
        if (!isObject(keys)) {
            fail({ code: ErrorCode.InvalidArgument, field: at, value: keys, rule: "must hold the port's cak and ckn", fix: "Give both, as secrets." });
        }
        requiredId(keys.cak, `${at}.cak`, "the connectivity association key Google generated, as a secret");
        requiredId(keys.ckn, `${at}.ckn`, "the connectivity association key name Google generated, as a secret");
    }
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
