import * as dagre from "@dagrejs/dagre";
import { Cloud, LinkRole, LinkStage, Topology } from "../../sdk/topology";
import { endpointLabel, linkLabel } from "./mermaid";

const FONT_SIZE = 12;
/** Monospace glyphs are ~0.6em wide, which lets us size boxes without measuring text. */
const CHAR_WIDTH = FONT_SIZE * 0.6;
const LINE_HEIGHT = FONT_SIZE + 6;
const UNWATCHED = "#c00";
const CLUSTERS = [[Cloud.Aws, "AWS", "#ff9900"], [Cloud.Gcp, "Google Cloud", "#4285f4"]] as const;
/** A link a change takes down. */
const DOWN = "#bbbbbb";

/** How many alarms read a link's series on each cloud. */
export interface LinkWatch {
    aws: number;
    google: number;
}

/** What a diagram marks on the links besides their shape. */
export interface LinkMarks {
    /** How many alarms read each ready link on each cloud: the label says so, and a link none reads is drawn red. */
    watch?: ReadonlyMap<string, LinkWatch>;
    /** The links a change takes down: greyed out, and labelled so. */
    down?: ReadonlySet<string>;
}

/**
 * The topology as a standalone SVG, laid out by dagre: AWS on the left, Google on the right, backup
 * links dashed; what each link is watched by, and what a change takes down, as `marks` say.
 */
export function svg(topology: Topology, title: string, { watch, down = new Set() }: LinkMarks = {}): string {
    const graph = new dagre.graphlib.Graph<dagre.GraphLabel, dagre.NodeLabel, dagre.EdgeLabel>({ multigraph: true, compound: true });
    graph.setGraph({ rankdir: "LR", nodesep: 24, ranksep: 60, edgesep: 12, marginx: 20, marginy: 20 + LINE_HEIGHT * 2 });
    graph.setDefaultEdgeLabel(() => ({}));
    for (const [cloud, label] of CLUSTERS) graph.setNode(cluster(cloud), { label, width: 0, height: 0 });

    const endpoint = (id: string, label: string, cloud?: Cloud) => {
        if (graph.hasNode(id)) return;
        graph.setNode(id, { label, width: textWidth(label) + 20, height: LINE_HEIGHT + 14 });
        if (cloud !== undefined) graph.setParent(id, cluster(cloud));
    };
    for (const e of topology.endpoints) endpoint(e.id, endpointLabel(e), e.cloud);
    // Links that share their ends are added together: dagre starts from insertion order, and fewer crossings follow.
    const links = [...topology.links].sort((a, b) => `${a.gcp}|${a.aws}|${a.id}`.localeCompare(`${b.gcp}|${b.aws}|${b.id}`));
    for (const link of links) {
        endpoint(link.aws, `${link.aws} (not found)`);
        endpoint(link.gcp, `${link.gcp} (not found)`);
        const watched = watch && link.stage !== LinkStage.Ordered ? watch.get(link.id) ?? { aws: 0, google: 0 } : undefined;
        const label = `${linkLabel(link)}${watched ? ` · alarms AWS ${watched.aws}, Google ${watched.google}` : ""}${down.has(link.id) ? " (down during the change)" : ""}`;
        graph.setEdge(link.aws, link.gcp, {
            label, width: textWidth(label) + 8, height: LINE_HEIGHT, labelpos: "c", backup: link.role === LinkRole.Backup,
            unwatched: watched !== undefined && watched.aws + watched.google === 0,
            down: down.has(link.id),
        }, link.id);
    }
    dagre.layout(graph);

    const { width = 0, height = 0 } = graph.graph();
    const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="${FONT_SIZE}">`,
        `<rect width="100%" height="100%" fill="white"/>`,
        text(20, 20 + FONT_SIZE, title, `font-weight="bold"`),
        ...(watch ? [text(20, 20 + FONT_SIZE + LINE_HEIGHT, "alarms: CloudWatch alarms (AWS) and alert policies (Google) reading each ready link; red: none", `fill="#555"`)] : []),
    ];
    for (const [cloud, label, colour] of CLUSTERS) {
        const box = graph.node(cluster(cloud));
        if (graph.children(cluster(cloud))?.length === 0) continue;
        const left = box.x! - box.width / 2, top = box.y! - box.height / 2;
        parts.push(`<rect x="${left}" y="${top}" width="${box.width}" height="${box.height}" rx="8" fill="${colour}" fill-opacity="0.06" stroke="${colour}"/>`);
        parts.push(text(left + 8, top - 6, label, `fill="${colour}" font-weight="bold"`));
    }
    for (const e of graph.edges()) {
        const edge = graph.edge(e);
        const points = (edge.points ?? []).map((p) => `${p.x},${p.y}`).join(" ");
        const left = edge.x! - (edge.width ?? 0) / 2;
        parts.push(`<polyline points="${points}" fill="none" stroke="${edge.down ? DOWN : edge.unwatched ? UNWATCHED : "#555"}"${edge.backup ? ` stroke-dasharray="6 4"` : ""}/>`);
        parts.push(`<rect x="${left}" y="${edge.y! - LINE_HEIGHT / 2}" width="${edge.width}" height="${LINE_HEIGHT}" fill="white"/>`);
        parts.push(text(left + 4, edge.y! + FONT_SIZE / 3, String(edge.label), `fill="${edge.down ? DOWN : "#333"}"`));
    }
    for (const id of graph.nodes().filter((n) => !n.startsWith("cluster:"))) {
        const node = graph.node(id);
        const left = node.x! - node.width / 2, top = node.y! - node.height / 2;
        parts.push(`<rect x="${left}" y="${top}" width="${node.width}" height="${node.height}" rx="4" fill="white" stroke="#222"/>`);
        parts.push(text(left + 10, node.y! + FONT_SIZE / 3, String(node.label)));
    }
    parts.push("</svg>");
    return parts.join("\n") + "\n";
}

function cluster(cloud: Cloud): string {
    return `cluster:${cloud}`;
}

function textWidth(label: string): number {
    return Math.ceil(label.length * CHAR_WIDTH);
}

function text(x: number, y: number, content: string, attributes = ""): string {
    return `<text x="${x}" y="${y}" ${attributes}>${xmlEscape(content)}</text>`;
}

function xmlEscape(s: string): string {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
