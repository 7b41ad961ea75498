/** What every scenario is: a name, a run that returns its section of results.json, and the targets it judges. */

export type ScenarioName = "startup" | "packaging" | "offlineEngine" | "planning" | "overhead" | "policy" | "criticalPath" | "collisions" | "floors" | "suite";

export interface Target {
    name: string;
    /** The measured value, in `unit`. */
    value: number | null;
    limit: number;
    unit: string;
    /** `null` when it could not be judged (see `note`). */
    met: boolean | null;
    note?: string;
}

export interface ScenarioContext {
    quick: boolean;
    /** Progress on stderr, so stdout stays the table. */
    progress(message: string): void;
}

export interface ScenarioOutcome {
    /** The section of results.json. */
    section: unknown;
    targets: Target[];
    /** Rows of this scenario's table. */
    table: string[][];
}

export interface Scenario {
    name: ScenarioName;
    title: string;
    run(context: ScenarioContext): Promise<ScenarioOutcome>;
}

export function target(name: string, value: number | null, limit: number, unit: string, note?: string): Target {
    return { name, value, limit, unit, met: value === null ? null : value <= limit, ...(note !== undefined && { note }) };
}
