import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EnforcementLevel, PolicyPackArgs } from "@pulumi/policy";
import { policies } from "./rules";

export const PACK_NAME = "crosscloud-interconnect";

/** The version the PolicyPack constructor reads from this directory's package.json, as the CLI runs it. */
export const PACK_VERSION: string = JSON.parse(readFileSync(join(__dirname, "package.json"), "utf8")).version;

/** Policies without a level of their own (none here) and configs without one fall back to this. */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

export const packArgs: PolicyPackArgs = {
    policies,
    enforcementLevel: PACK_ENFORCEMENT_LEVEL,
    displayName: "crosscloud AWS ⇄ Google Cloud interconnect",
    description: "Redundancy, bandwidth, encryption, BGP and addressing rules for private links between AWS and Google Cloud, judged on the topology rebuilt from a stack's own resources.",
    tags: ["aws", "gcp", "networking", "interconnect", "vpn"],
};
