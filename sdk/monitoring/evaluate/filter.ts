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

export function parseFilter(text: string): Predicate {
    const parser = new FilterParser(text);
    const predicate = parser.or();
    parser.end();
    return predicate;
}

class FilterParser {
    private at = 0;

    constructor(private readonly text: string) {}

    end(): void {
        this.space();
        if (this.at < this.text.length) throw new Error(`filter: unexpected "${this.text.slice(this.at)}" in ${this.text}`);
    }

    or(): Predicate {
        const terms = [this.and()];
        while (this.keyword("OR")) terms.push(this.and());
        return terms.length === 1 ? terms[0] : (s) => terms.some((t) => t(s));
    }

    private and(): Predicate {
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
        return terms.length === 1 ? terms[0] : (s) => terms.every((t) => t(s));
    }

    private atom(): Predicate {
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
        const read = reader(field);
        const test = prefix ? (v: string | undefined) => v !== undefined && v.startsWith(value) : (v: string | undefined) => v === value;
        return negate ? (s) => !test(read(s)) : (s) => test(read(s));
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

function reader(field: string): (s: SeriesIdentity) => string | undefined {
    if (field === "metric.type") return (s) => s.metricType;
    if (field === "resource.type") return (s) => s.resourceType;
    const [scope, , key] = field.split(".");
    return scope === "metric" ? (s) => s.metricLabels[key] : (s) => s.resourceLabels[key];
}

function unescape(text: string): string {
    return text.replace(/\\(.)/g, "$1");
}
