/**
 * DESIGN.md's dependency direction, checked two ways: a scan of every source's imports (which also
 * sees require() and import()), and the lint rules that give the same verdict in an editor.
 *   sdk ← components ← stacks;  sdk ← policy;  offline ← cli, bench, tests;  cli may use all;
 *   sdk imports no Pulumi package; components never use the policy SDK; nothing imports tests/.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ESLint } from "eslint";

const ROOT = path.resolve(__dirname, "..");

/** Top-level folders each folder must never reach; `@pulumi/...` entries are package prefixes. */
const FORBIDDEN: Record<string, string[]> = {
    sdk: ["components", "policy", "offline", "cli", "stacks", "bench", "tests", "scripts", "examples", "index.ts", "@pulumi/"],
    components: ["policy", "offline", "cli", "stacks", "bench", "tests", "scripts", "examples", "index.ts", "@pulumi/policy"],
    policy: ["components", "offline", "cli", "stacks", "bench", "tests", "scripts", "examples", "index.ts"],
    offline: ["components", "cli", "stacks", "bench", "tests", "scripts", "examples", "index.ts"],
    stacks: ["policy", "offline", "cli", "bench", "tests", "scripts"],
    cli: ["tests", "bench", "scripts"],
    bench: ["tests"],
    scripts: ["tests", "bench"],
    examples: ["policy", "offline", "cli", "bench", "tests", "scripts"],
};

/** Every module specifier a TypeScript source names: import … from, export … from, import "…", import(…), require(…). */
function specifiers(source: string): string[] {
    const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'`]([^"'`]+)["'`]/g;
    return [...source.matchAll(pattern)].map((m) => m[1]);
}

function sources(folder: string): string[] {
    return fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
        .map((f) => path.join(ROOT, folder, f));
}

/** What a specifier reaches: a package name, or the top-level entry of this repository it lands in. */
function reaches(file: string, specifier: string): string {
    if (!specifier.startsWith(".")) return specifier;
    const target = path.relative(ROOT, path.resolve(path.dirname(file), specifier));
    return target.split(path.sep)[0] === "index" ? "index.ts" : target.split(path.sep)[0];
}

/** The source file a relative specifier names: `x.ts` or `x/index.ts`. */
function sourceOf(file: string, specifier: string): string | undefined {
    const base = path.resolve(path.dirname(file), specifier);
    return [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
}

/** Every import cycle among the product's sources, each as the chain of files that closes it. */
function importCycles(files: string[]): string[][] {
    const imports = new Map(files.map((f) => [f, specifiers(fs.readFileSync(f, "utf8"))
        .filter((s) => s.startsWith("."))
        .map((s) => sourceOf(f, s))
        .filter((g): g is string => g !== undefined)]));
    const state = new Map<string, "open" | "done">();
    const chain: string[] = [];
    const cycles: string[][] = [];
    const visit = (file: string) => {
        state.set(file, "open");
        chain.push(file);
        for (const next of imports.get(file) ?? []) {
            if (state.get(next) === "open") cycles.push([...chain.slice(chain.indexOf(next)), next].map((f) => path.relative(ROOT, f)));
            else if (!state.has(next)) visit(next);
        }
        chain.pop();
        state.set(file, "done");
    };
    for (const file of files) if (!state.has(file)) visit(file);
    return cycles;
}

function offenders(folder: string): string[] {
    const forbidden = FORBIDDEN[folder];
    return sources(folder).flatMap((file) => specifiers(fs.readFileSync(file, "utf8"))
        .filter((s) => {
            const target = reaches(file, s);
            return forbidden.some((f) => (f.startsWith("@") ? target.startsWith(f) : target === f));
        })
        .map((s) => `${path.relative(ROOT, file)} imports ${s}`));
}

describe("architecture", () => {
    it("the scanner sees every way of importing a module", () => {
        const source = [
            'import * as pulumi from "@pulumi/pulumi";',
            "import type { Input } from '../components/sides';",
            'export { Output } from "../../policy";',
            'export * from "@pulumi/gcp/compute";',
            'import "../tests/sdk/typedError";',
            'const random = require("@pulumi/random");',
            'const later = await import("../offline");',
        ].join("\n");
        assert.deepEqual(specifiers(source), ["@pulumi/pulumi", "../components/sides", "../../policy", "@pulumi/gcp/compute", "../tests/sdk/typedError", "@pulumi/random", "../offline"]);
        assert.deepEqual(specifiers("// talks about pulumi but imports nothing\nconst s = \"@pulumi/aws\";"), []);
        assert.equal(reaches(path.join(ROOT, "sdk/plans/haVpn.ts"), "../asn"), "sdk");
        assert.equal(reaches(path.join(ROOT, "sdk/plans/haVpn.ts"), "../../policy/rules"), "policy");
    });

    for (const folder of Object.keys(FORBIDDEN)) {
        it(`${folder}/ reaches none of ${FORBIDDEN[folder].join(", ")}`, () => {
            assert.ok(sources(folder).length > 0, `no sources found in ${folder}/`);
            assert.deepEqual(offenders(folder), []);
        });
    }

    it("has no import cycles (each file's dependencies load before it)", () => {
        const files = [path.join(ROOT, "index.ts"), ...Object.keys(FORBIDDEN).flatMap(sources)];
        assert.deepEqual(importCycles(files).map((c) => c.join(" → ")), []);
    });

    it("the cycle finder finds a cycle", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cycle-"));
        fs.writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = b;\n');
        fs.writeFileSync(path.join(dir, "b.ts"), 'import type { a } from "./a";\nexport const b: typeof a = 1;\n');
        try {
            assert.equal(importCycles([path.join(dir, "a.ts"), path.join(dir, "b.ts")]).length, 1);
        } finally {
            fs.rmSync(dir, { recursive: true });
        }
    });

    describe("the lint rules say the same", function () {
        this.timeout(60_000);
        // The architecture rules need no type information; the typed Output rules are lint's own business.
        const eslint = new ESLint({
            cwd: ROOT,
            overrideConfig: {
                languageOptions: { parserOptions: { projectService: false, project: null } },
                rules: { "@pulumi/no-output-in-template-literal": "off", "@pulumi/no-output-instance-in-template-literal": "off" },
            },
        });
        const probes: [file: string, specifier: string][] = [
            ["sdk/prefix.ts", "@pulumi/pulumi"],
            ["sdk/prefix.ts", "../components/sides"],
            ["sdk/plans/haVpn.ts", "../../offline"],
            ["components/sides.ts", "../policy/rules"],
            ["components/haVpn/index.ts", "@pulumi/policy"],
            ["components/haVpn/index.ts", "../../offline"],
            ["policy/index.ts", "../components/sides"],
            ["offline/index.ts", "../components/sides"],
            ["cli/main.ts", "../tests/sdk/typedError"],
            ["bench/run.ts", "../tests/sdk/typedError"],
            ["components/haVpn/aws.ts", "@pulumi/aws"],
        ];
        for (const [file, specifier] of probes) {
            it(`refuses ${specifier} in ${file}`, async () => {
                const [result] = await eslint.lintText(`import "${specifier}";\n`, { filePath: path.join(ROOT, file) });
                assert.ok(result.messages.some((m) => m.ruleId === "no-restricted-imports"), JSON.stringify(result.messages));
            });
        }
        it("accepts an import inside sdk/", async () => {
            const [result] = await eslint.lintText('import "../asn";\n', { filePath: path.join(ROOT, "sdk/plans/haVpn.ts") });
            assert.deepEqual(result.messages, []);
        });
    });
});
