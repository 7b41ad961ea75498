/**
 * Writes stacks/changes/estate-group14.json: the estate's stacks as planned when the IKE proposal
 * crosscloud pins on both clouds used Diffie-Hellman group 14, where it now uses group 20. It is the
 * "before" of the README's cipher change (`crosscloud plan --against` and `rollout --offline
 * --against`): a plan of the estate as committed, with the proposal's group put back, trimmed to
 * what `--against` reads. tests/change/fixtures.spec.ts checks it is current; rerun this after
 * changing the estate:
 *
 *     node -r ./scripts/register.js scripts/changes.ts
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Planner } from "../cli/planner";
import { PlanDocument } from "../cli/planStack";
import { loadProject } from "../cli/project";
import { loadRollout } from "../cli/rolloutFile";

const ROOT = path.resolve(__dirname, "..");
export const GROUP14_FIXTURE = path.join(ROOT, "stacks", "changes", "estate-group14.json");

const VPN_CONNECTION = "aws:ec2/vpnConnection:VpnConnection";
const VPN_TUNNEL = "gcp:compute/vPNTunnel:VPNTunnel";

/** The fixture's text, from a fresh plan of the estate. */
export async function group14Fixture(): Promise<string> {
    const project = loadProject(ROOT);
    const stages = loadRollout(project) ?? [];
    const planner = new Planner(project, (stack) => stages.find((s) => s.stack === stack)?.policyConfig);
    for (const stage of stages) await planner.plan(stage.stack);
    const documents = planner.planned.map((d) => trimmed(withGroup14(d)));
    return `${JSON.stringify(documents)}\n`;
}

/** The same plan with the pinned proposal's Diffie-Hellman group at 14 on both clouds. */
function withGroup14(document: PlanDocument): PlanDocument {
    const resources = document.resources.map((r) => {
        const inputs = structuredClone(r.inputs);
        if (r.type === VPN_CONNECTION) {
            for (const key of Object.keys(inputs)) if (/^tunnel[12]Phase[12]DhGroupNumbers$/.test(key)) inputs[key] = [14];
        }
        if (r.type === VPN_TUNNEL) {
            const suite = inputs.cipherSuite as { phase1: { dhs: string[] }; phase2: { pfs: string[] } };
            suite.phase1.dhs = ["Group-14"];
            suite.phase2.pfs = ["Group-14"];
        }
        return { ...r, inputs };
    });
    return { ...document, resources };
}

/** What `--against` reads of a plan. */
function trimmed(document: PlanDocument): Pick<PlanDocument, "stack" | "resources" | "topology" | "parts"> {
    return { stack: document.stack, resources: document.resources, topology: document.topology, parts: document.parts };
}

if (require.main === module) {
    group14Fixture().then((text) => {
        fs.writeFileSync(GROUP14_FIXTURE, text);
        process.stderr.write(`wrote ${path.relative(process.cwd(), GROUP14_FIXTURE)} (${text.length} bytes)\n`);
    }, (e: unknown) => {
        process.stderr.write(`${(e as Error).stack ?? e}\n`);
        process.exitCode = 1;
    });
}
