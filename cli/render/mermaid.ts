import { Bandwidth } from "../../sdk/bandwidth";
import { Cloud, Endpoint, Link, LinkStage, Topology } from "../../sdk/topology";

/** The topology as a Mermaid flowchart: AWS endpoints on the left, Google on the right, one edge per link. */
export function mermaid(topology: Topology): string {
    const ids = new Map(topology.endpoints.map((e, i) => [e.id, `e${i}`]));
    const lines = ["flowchart LR"];
    for (const [cloud, title] of [[Cloud.Aws, "AWS"], [Cloud.Gcp, "Google Cloud"]] as const) {
        lines.push(`  subgraph ${cloud}["${title}"]`);
        for (const e of topology.endpoints.filter((x) => x.cloud === cloud)) {
            lines.push(`    ${ids.get(e.id)}["${escape(endpointLabel(e))}"]`);
        }
        lines.push("  end");
    }
    for (const link of topology.links) {
        lines.push(`  ${nodeId(ids, link.aws)} ---|"${escape(linkLabel(link))}"| ${nodeId(ids, link.gcp)}`);
    }
    return lines.join("\n");
}

export function endpointLabel(e: Endpoint): string {
    const facts = [e.kind, e.region, e.asn !== undefined ? `AS ${e.asn}` : undefined].filter(Boolean);
    return `${e.id} (${facts.join(", ")})`;
}

/** `prod-primary-attachment-east-a: dedicated primary, 10 Gbps, ordered`: the stage shows until the link is ready. */
export function linkLabel(link: Link): string {
    const stage = link.stage === LinkStage.Ordered ? `, ${LinkStage.Ordered}` : "";
    return `${link.id}: ${link.kind} ${link.role}, ${Bandwidth.fromMbps(link.mbps)}${stage}`;
}

/** A link may name an endpoint the extraction did not find; it still gets a node of its own. */
function nodeId(ids: Map<string, string>, endpoint: string): string {
    const known = ids.get(endpoint);
    return known ?? `missing_${endpoint.replace(/\W/g, "_")}["${escape(endpoint)} (not found)"]`;
}

/** Mermaid labels are quoted; a double quote inside one is written as an entity. */
function escape(text: string): string {
    return text.replace(/"/g, "#quot;");
}
