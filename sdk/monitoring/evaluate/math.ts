/**
 * The part of CloudWatch metric math alarms use here, evaluated one period at a time ("Using metric
 * math", CloudWatch User Guide): numbers, query ids, + - * /, parentheses, MAX/MIN/SUM over an array
 * of series ([m0, m1]) and FILL(series, value). A series without a datapoint in a period is missing:
 * arithmetic with it is missing, MAX/MIN/SUM skip it (missing when all are), FILL replaces it.
 * Anything else is refused rather than guessed.
 */
type Value = number | undefined;

export function evaluateExpression(expression: string, values: (id: string) => Value): Value {
    const parser = new Parser(expression, values);
    const result = parser.sum();
    parser.end();
    return result;
}

class Parser {
    private at = 0;

    constructor(private readonly text: string, private readonly values: (id: string) => Value) {}

    end(): void {
        this.space();
        if (this.at < this.text.length) throw new Error(`metric math: unexpected "${this.text.slice(this.at)}" in ${this.text}`);
    }

    sum(): Value {
        let value = this.product();
        for (;;) {
            const op = this.peek("+") ? "+" : this.peek("-") ? "-" : undefined;
            if (!op) return value;
            this.at++;
            const right = this.product();
            value = value === undefined || right === undefined ? undefined : op === "+" ? value + right : value - right;
        }
    }

    private product(): Value {
        let value = this.atom();
        for (;;) {
            const op = this.peek("*") ? "*" : this.peek("/") ? "/" : undefined;
            if (!op) return value;
            this.at++;
            const right = this.atom();
            value = value === undefined || right === undefined ? undefined : op === "*" ? value * right : value / right;
        }
    }

    private atom(): Value {
        this.space();
        if (this.peek("(")) {
            this.at++;
            const value = this.sum();
            this.expect(")");
            return value;
        }
        const number = /^\d+(\.\d+)?/.exec(this.text.slice(this.at));
        if (number) {
            this.at += number[0].length;
            return Number(number[0]);
        }
        const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.at));
        if (!word) throw new Error(`metric math: unexpected "${this.text.slice(this.at)}" in ${this.text}`);
        this.at += word[0].length;
        if (!this.peek("(")) return this.values(word[0]);
        this.at++;
        const result = this.call(word[0].toUpperCase());
        this.expect(")");
        return result;
    }

    private call(fn: string): Value {
        if (fn === "FILL") {
            const value = this.sum();
            this.expect(",");
            const fill = this.sum();
            return value ?? fill;
        }
        if (fn === "MAX" || fn === "MIN" || fn === "SUM") {
            this.expect("[");
            const items: Value[] = [this.sum()];
            while (this.peek(",")) {
                this.at++;
                items.push(this.sum());
            }
            this.expect("]");
            const present = items.filter((v): v is number => v !== undefined);
            if (present.length === 0) return undefined;
            return fn === "MAX" ? Math.max(...present) : fn === "MIN" ? Math.min(...present) : present.reduce((a, b) => a + b, 0);
        }
        throw new Error(`metric math: function ${fn} is not modelled`);
    }

    private peek(token: string): boolean {
        this.space();
        return this.text.startsWith(token, this.at);
    }

    private expect(token: string): void {
        if (!this.peek(token)) throw new Error(`metric math: expected "${token}" at "${this.text.slice(this.at)}" in ${this.text}`);
        this.at += token.length;
    }

    private space(): void {
        while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
    }
}
