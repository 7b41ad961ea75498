import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * DESIGN.md: "sdk/ imports no Pulumi package at all: plain data in, plain data out". The lint rule
 * catches static imports; this also catches require() and import(), and runs with the specs.
 */
const SDK = path.resolve(__dirname, "../../sdk");

/** Every module specifier a TypeScript source names: import … from, export … from, import "…", import(…), require(…). */
function specifiers(source: string): string[] {
    const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'`]([^"'`]+)["'`]/g;
    return [...source.matchAll(pattern)].map((m) => m[1]);
}

const isPulumi = (specifier: string) => specifier.startsWith("@pulumi/");

function sdkSources(): string[] {
    return fs.readdirSync(SDK, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => path.join(SDK, f));
}

describe("sdk/ purity", () => {
    it("the scanner sees every way of importing a module", () => {
        const source = [
            'import * as pulumi from "@pulumi/pulumi";',
            "import type { Input } from '@pulumi/pulumi';",
            'import { Vpc } from "@pulumi/aws/ec2";',
            'export { Output } from "@pulumi/pulumi";',
            'export * from "@pulumi/gcp/compute";',
            'import "@pulumi/policy";',
            'const random = require("@pulumi/random");',
            'const later = await import("@pulumi/aws-native");',
            'import { Prefix } from "./prefix";',
        ].join("\n");
        assert.deepEqual(specifiers(source).filter(isPulumi), [
            "@pulumi/pulumi", "@pulumi/pulumi", "@pulumi/aws/ec2", "@pulumi/pulumi", "@pulumi/gcp/compute",
            "@pulumi/policy", "@pulumi/random", "@pulumi/aws-native",
        ]);
        assert.deepEqual(specifiers("// talks about pulumi but imports nothing\nconst s = \"@pulumi/aws\";"), []);
    });

    it("finds the sdk sources", () => {
        const names = sdkSources().map((f) => path.relative(SDK, f));
        for (const name of ["index.ts", "prefix.ts", "linkLocal.ts", "asn.ts", "bandwidth.ts", "routes.ts"]) assert.ok(names.includes(name), `${name} not found`);
    });

    it("no sdk source imports a Pulumi package", () => {
        const offenders = sdkSources().flatMap((file) =>
            specifiers(fs.readFileSync(file, "utf8")).filter(isPulumi).map((s) => `${path.relative(SDK, file)} imports ${s}`));
        assert.deepEqual(offenders, []);
    });

    it("no sdk source reaches outside sdk/ (dependency direction: sdk ← components ← stacks)", () => {
        const offenders = sdkSources().flatMap((file) =>
            specifiers(fs.readFileSync(file, "utf8"))
                .filter((s) => s.startsWith(".") && !path.resolve(path.dirname(file), s).startsWith(SDK + path.sep))
                .map((s) => `${path.relative(SDK, file)} imports ${s}`));
        assert.deepEqual(offenders, []);
    });
});
