import { ErrorCode, fail } from "./errors";

/** Where a Google interconnect location sits: its metro and its edge availability domain. */
export interface InterconnectSite {
    /** The location's name, e.g. `iad-zone1-1` (the last segment when a self link was given). */
    name: string;
    /** Google metro code, e.g. `iad`. */
    metro: string;
    /** Edge availability domain within the metro: 1 or 2. */
    edgeDomain: number;
}

/** Google names interconnect locations `<metro>-zone<domain>-<facility>`, e.g. `iad-zone1-1`. */
const LOCATION_NAME = /^([a-z]+)-zone([12])-[a-z0-9]+$/;

/** A port's location as written, with the optional facts that override what its name says. */
export interface LocationInput {
    location: unknown;
    metro?: unknown;
    edgeDomain?: unknown;
}

/**
 * Reads the metro and edge availability domain of a Google interconnect location from its name or
 * self link. Names outside Google's scheme need `metro` and `edgeDomain` given; given values win.
 * `field` is the argument path of the object holding `location`, e.g. `ports["iad-1"]`.
 */
export function parseInterconnectLocation(input: LocationInput, field: string): InterconnectSite {
    const { location } = input;
    if (typeof location !== "string" || location.trim() === "") {
        fail({ code: ErrorCode.InvalidArgument, field: `${field}.location`, value: location, rule: "must name a Google interconnect location", fix: 'Write it like "iad-zone1-1".' });
    }
    const name = location.slice(location.lastIndexOf("/") + 1);
    const parsed = LOCATION_NAME.exec(name);
    const metro = input.metro ?? parsed?.[1];
    const edgeDomain = input.edgeDomain ?? (parsed ? Number(parsed[2]) : undefined);
    if (metro === undefined || edgeDomain === undefined) {
        fail({
            code: ErrorCode.InvalidArgument, field: `${field}.location`, value: location,
            rule: "the metro and edge availability domain cannot be read from a name outside Google's <metro>-zone<1|2>-<n> scheme",
            fix: `Give ${field}.metro and ${field}.edgeDomain.`,
        });
    }
    if (typeof metro !== "string" || !/^[a-z]+$/.test(metro)) {
        fail({ code: ErrorCode.InvalidArgument, field: `${field}.metro`, value: metro, rule: "must be a Google metro code in lower case", fix: 'Write it like "iad".' });
    }
    if (edgeDomain !== 1 && edgeDomain !== 2) {
        fail({ code: ErrorCode.InvalidArgument, field: `${field}.edgeDomain`, value: edgeDomain, rule: "every Google metro has edge availability domains 1 and 2", fix: "Use 1 or 2." });
    }
    return { name, metro, edgeDomain };
}

/** The topology id of an edge availability domain, unique across metros: `iad-zone1`. */
export function edgeDomainId(site: Pick<InterconnectSite, "metro" | "edgeDomain">): string {
    return `${site.metro}-zone${site.edgeDomain}`;
}
