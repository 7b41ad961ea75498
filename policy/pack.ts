import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EnforcementLevel, PolicyPackArgs } from "@pulumi/policy";
import { policies } from "./rules";

export const PACK_NAME = "crosscloud-interconnect";

/**
 * The folder Pulumi runs with `--policy-pack`: PulumiPolicy.yaml and the package.json whose version
 * the PolicyPack constructor reads. It holds this file's source; the build runs from lib/policy.
 */
export const POLICY_PACK_DIR = existsSync(join(__dirname, "PulumiPolicy.yaml")) ? __dirname : join(__dirname, "..", "..", "policy");

/** The version the PolicyPack constructor reads from the pack folder's package.json, as the CLI runs it. */
export const PACK_VERSION: string = JSON.parse(readFileSync(join(POLICY_PACK_DIR, "package.json"), "utf8")).version;

/** Policies without a level of their own (none here) and configs without one fall back to this. */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

export const packArgs: PolicyPackArgs = {
    policies,
    enforcementLevel: PACK_ENFORCEMENT_LEVEL,
    displayName: "crosscloud AWS ⇄ Google Cloud interconnect",
    description: "Redundancy, bandwidth, encryption, BGP and addressing rules for private links between AWS and Google Cloud, judged on the topology rebuilt from a stack's own resources.",
    tags: ["aws", "gcp", "networking", "interconnect", "vpn"],
};
