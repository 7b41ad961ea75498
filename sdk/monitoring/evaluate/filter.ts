/**
 * Cloud Monitoring filters ("Monitoring filters", filter syntax), the part alert policies here and
 * in the configurations we judge use: `metric.type`, `resource.type`, `metric.labels.K`,
 * `resource.labels.K` (also `metric.label.K`, `resource.label.K`) compared with `=` or `!=` to a
 * quoted string or `starts_with("…")`, joined by AND and OR (AND binds first; juxtaposition is AND)
 * with parentheses. Anything else is refused rather than guessed.
 */
export interface SeriesIdentity {
    metricType: string;
    resourceType: string;
    resourceLabels: Record<string, string>;
    metricLabels: Record<string, string>;
}

export type Predicate = (series: SeriesIdentity) => boolean;

/**
 * What a filter requires of a series, where it can be told: for some fields (`metric.type`,
 * `metric.labels.K` …), the values one of which the field must equal. Sound, not complete: a
 * series outside them never matches; one inside may still not.
 */
export type Constraints = ReadonlyMap<string, ReadonlySet<string>>;

interface Parsed {
    predicate: Predicate;
    constraints: Constraints;
}

/** Parsed filters by text: an estate's policies are evaluated under thousands of scenarios. */
const parsed = new Map<string, Parsed>();

function parse(text: string): Parsed {
    let result = parsed.get(text);
    if (!result) {
        const parser = new FilterParser(text);
        result = parser.or();
        parser.end();
        parsed.set(text, result);
    }
    return result;
}

export function parseFilter(text: string): Predicate {
    return parse(text).predicate;
}

export function filterConstraints(text: string): Constraints {
    return parse(text).constraints;
}

/** A field's value in a series, by the field's normal name (`metric.labels.K`, `resource.labels.K`, `metric.type`, `resource.type`). */
export function fieldValue(series: SeriesIdentity, field: string): string | undefined {
    return reader(field)(series);
}

type Term = Parsed;

class FilterParser {
    private at = 0;

    constructor(private readonly text: string) {}

    end(): void {
        this.space();
        if (this.at < this.text.length) throw new Error(`filter: unexpected "${this.text.slice(this.at)}" in ${this.text}`);
    }

    or(): Term {
        const terms = [this.and()];
        while (this.keyword("OR")) terms.push(this.and());
        if (terms.length === 1) return terms[0];
        const predicates = terms.map((t) => t.predicate);
        // An OR constrains only the fields every branch constrains, to the values any branch allows.
        const constraints = new Map<string, ReadonlySet<string>>();
        for (const field of terms[0].constraints.keys()) {
            if (terms.every((t) => t.constraints.has(field))) constraints.set(field, new Set(terms.flatMap((t) => [...t.constraints.get(field)!])));
        }
        return { predicate: (s) => predicates.some((p) => p(s)), constraints };
    }

    private and(): Term {
        const terms = [this.atom()];
        for (;;) {
            if (this.keyword("AND")) {
                terms.push(this.atom());
                continue;
            }
            this.space();
            // Juxtaposed comparisons are an AND; stop at OR, ) or the end.
            if (this.at >= this.text.length || this.text[this.at] === ")" || this.lookingAt("OR")) break;
            terms.push(this.atom());
        }
        if (terms.length === 1) return terms[0];
        const predicates = terms.map((t) => t.predicate);
        // An AND constrains every field any term constrains, to the values all of them allow.
        const constraints = new Map<string, ReadonlySet<string>>();
        for (const t of terms) {
            for (const [field, values] of t.constraints) {
                const before = constraints.get(field);
                constraints.set(field, before ? new Set([...before].filter((v) => values.has(v))) : values);
            }
        }
        return { predicate: (s) => predicates.every((p) => p(s)), constraints };
    }

    private atom(): Term {
        this.space();
        if (this.text[this.at] === "(") {
            this.at++;
            const inner = this.or();
            this.space();
            if (this.text[this.at] !== ")") throw new Error(`filter: expected ")" in ${this.text}`);
            this.at++;
            return inner;
        }
        const selector = /^(metric\.type|resource\.type|metric\.labels?\.[A-Za-z0-9_]+|resource\.labels?\.[A-Za-z0-9_]+)\s*(!=|=)\s*/.exec(this.text.slice(this.at));
        if (!selector) throw new Error(`filter: unsupported term at "${this.text.slice(this.at)}" in ${this.text}`);
        this.at += selector[0].length;
        const field = selector[1];
        const negate = selector[2] === "!=";
        const prefix = /^starts_with\(\s*"((?:[^"\\]|\\.)*)"\s*\)/.exec(this.text.slice(this.at));
        const quoted = prefix ? undefined : /^"((?:[^"\\]|\\.)*)"/.exec(this.text.slice(this.at));
        if (!prefix && !quoted) throw new Error(`filter: expected a quoted value after ${field} in ${this.text}`);
        this.at += (prefix ?? quoted)![0].length;
        const value = unescape((prefix ?? quoted)![1]);
        const name = normalField(field);
        const read = reader(name);
        const test = prefix ? (v: string | undefined) => v !== undefined && v.startsWith(value) : (v: string | undefined) => v === value;
        return {
            predicate: negate ? (s) => !test(read(s)) : (s) => test(read(s)),
            constraints: new Map(negate || prefix ? [] : [[name, new Set([value])]]),
        };
    }

    private keyword(word: string): boolean {
        if (!this.lookingAt(word)) return false;
        this.at += word.length;
        return true;
    }

    private lookingAt(word: string): boolean {
        this.space();
        return this.text.startsWith(word, this.at) && /[\s(]/.test(this.text[this.at + word.length] ?? " ");
    }

    private space(): void {
        while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
    }
}

/** `metric.label.K` is `metric.labels.K`. */
function normalField(field: string): string {
    return field.replace(/^(metric|resource)\.label\./, "$1.labels.");
}

function reader(field: string): (s: SeriesIdentity) => string | undefined {
    if (field === "metric.type") return (s) => s.metricType;
    if (field === "resource.type") return (s) => s.resourceType;
    const [scope, , key] = field.split(".");
    return scope === "metric" ? (s) => s.metricLabels[key] : (s) => s.resourceLabels[key];
}

function unescape(text: string): string {
    return text.replace(/\\(.)/g, "$1");
}
