import { Violation } from "../../policy/evaluate";
import { plural } from "./table";

/** Policy verdicts, mandatory first: level, policy, the resource at fault (by name) and the message. */
export function renderViolations(violations: readonly Violation[]): string {
    if (violations.length === 0) return "  passed: no violations";
    const ordered = [...violations].sort((a, b) => Number(b.level === "mandatory") - Number(a.level === "mandatory"));
    const lines = [`  ${countByLevel(violations)}`];
    for (const v of ordered) {
        lines.push(`  ${v.level === "mandatory" ? "✖ mandatory" : "! advisory "}  ${v.policy}${v.urn ? `  (${resourceName(v.urn)})` : ""}`);
        lines.push(`      ${v.message}`);
    }
    return lines.join("\n");
}

export function countByLevel(violations: readonly Violation[]): string {
    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    return `${plural(mandatory, "mandatory violation")}, ${violations.length - mandatory} advisory`;
}

/** `urn:pulumi:dev::proj::aws:ec2/vpnConnection:VpnConnection::edge-vpn-0` → `edge-vpn-0`. */
function resourceName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}
