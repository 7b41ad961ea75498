/** The SLA shape rules, checked on the arguments so the error names the one at fault (see sdk/sla.ts for the sources). */
import { ErrorCode, fail } from "../../errors";
import { PlannedPort, SlaTarget } from "./types";

/** An attachment as the shape rules see it. */
export interface ShapeAttachment {
    key: string;
    region: string;
}

export function checkShape(sla: SlaTarget, ports: PlannedPort[], attachments: ShapeAttachment[], globalRouting: boolean | undefined): void {
    checkGoogleShape(sla, ports, attachments, globalRouting);
    checkAwsShape(sla, ports);
}

function checkGoogleShape(sla: SlaTarget, ports: PlannedPort[], attachments: ShapeAttachment[], globalRouting: boolean | undefined): void {
    const metros = [...new Set(ports.map((p) => p.metro))].sort();
    const domainsOf = (metro: string) => [...new Set(ports.filter((p) => p.metro === metro).map((p) => p.edgeDomain))].sort();
    const diverse = metros.filter((m) => domainsOf(m).length >= 2);
    const found = metros.map((m) => `${m} (${domainsOf(m).join(", ")})`).join(", ");
    const needed = sla === SlaTarget.FourNines ? 2 : 1;
    if (diverse.length < needed) {
        const shape = sla === SlaTarget.FourNines
            ? "99.99% needs ports in 2 metros × 2 edge availability domains"
            : "99.9% needs 2 ports in one metro on distinct edge availability domains";
        if (sla === SlaTarget.FourNines && metros.length === 1) {
            fail({
                code: ErrorCode.ShapeBelowSla, field: "ports", value: ports.map((p) => p.key), rule: `${shape}; every port is in metro ${metros[0]}`,
                fix: "Add two ports in a second metro, one per edge availability domain, with attachments there in a second region.",
            });
        }
        // Name the port that repeats a domain its metro already has: moving it is the smallest fix.
        const single = metros.filter((m) => !diverse.includes(m));
        const repeat = ports.find((p, i) => single.includes(p.metro) && ports.slice(0, i).some((q) => q.edgeDomain === p.edgeDomain));
        if (repeat) {
            const first = ports.find((q) => q.edgeDomain === repeat.edgeDomain)!;
            fail({
                code: ErrorCode.ShapeBelowSla, field: `ports["${repeat.key}"].location`, value: repeat.location,
                rule: `${shape}; this port is in ${repeat.edgeDomain}, like port ${first.key}`,
                fix: `Move it to a location in the other edge availability domain of ${repeat.metro}.`,
            });
        }
        fail({
            code: ErrorCode.ShapeBelowSla, field: "ports", value: ports.map((p) => p.key), rule: `${shape}; found ${found}`,
            fix: sla === SlaTarget.FourNines
                ? "Give each of two metros a port in edge availability domain 1 and one in domain 2."
                : "Put two ports in one metro, one in edge availability domain 1 and one in domain 2.",
        });
    }
    if (sla !== SlaTarget.FourNines) return;
    const regions = [...new Set(attachments.map((a) => a.region))].sort();
    if (regions.length < 2) {
        fail({
            code: ErrorCode.ShapeBelowSla, field: "attachments", value: attachments.map((a) => `${a.key}: ${a.region}`),
            rule: `99.99% needs attachments in 2 regions; every attachment is in ${regions[0]}`,
            fix: "Give the attachments on one metro's ports the region nearest that metro (attachments[…].region).",
        });
    }
    if (globalRouting !== true) {
        fail({
            code: ErrorCode.ShapeBelowSla, field: "google.globalRouting", value: globalRouting,
            rule: "99.99% needs the VPC's dynamic routing mode to be GLOBAL, and crosscloud can neither see nor change an existing VPC's routing mode",
            fix: 'Set routingMode: "GLOBAL" on the VPC, then declare google.globalRouting: true.',
        });
    }
}

/**
 * AWS's resiliency models, by location: High (99.9%) is a connection at each of 2 locations, Maximum
 * (99.99%) separate connections on separate devices at each of 2 locations. Each port is one LAG,
 * and AWS places each LAG on a device of its location.
 */
function checkAwsShape(sla: SlaTarget, ports: PlannedPort[]): void {
    const locations = [...new Set(ports.map((p) => p.awsLocation))].sort();
    const lagsAt = (location: string) => ports.filter((p) => p.awsLocation === location).map((p) => p.key);
    const found = locations.map((l) => `${l} (${lagsAt(l).join(", ")})`).join(", ");
    if (locations.length < 2) {
        fail({
            code: ErrorCode.ShapeBelowSla, field: "ports", value: ports.map((p) => `${p.key}: ${p.awsLocation}`),
            rule: `AWS grants an SLA to Direct Connect only across 2 or more locations (its High and Maximum resiliency models); every LAG is at ${locations[0]}`,
            fix: "Land the ports of each Google edge availability domain (or metro) at a different AWS Direct Connect location (ports[…].awsLocation).",
        });
    }
    if (sla !== SlaTarget.FourNines) return;
    const redundant = locations.filter((l) => lagsAt(l).length >= 2);
    if (redundant.length < 2) {
        fail({
            code: ErrorCode.ShapeBelowSla, field: "ports", value: ports.map((p) => `${p.key}: ${p.awsLocation}`),
            rule: `99.99% on AWS is its Maximum resiliency model: connections on 2 separate devices at each of 2 or more Direct Connect locations; found ${found}`,
            fix: "Land both ports of a metro at one AWS Direct Connect location, and the other metro's at a second (ports[…].awsLocation).",
        });
    }
}
