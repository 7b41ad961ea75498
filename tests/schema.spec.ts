import * as assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { FINGERPRINT_FILE, PACKAGE_ROOT, SCHEMA_FILE, fingerprint, inferSchema, pluginIdentity, schemaInputs } from "../scripts/schema";

describe("schema.json", function () {
    // Inference type-checks the package against the provider SDKs' declarations: it takes seconds.
    this.timeout(180_000);

    it("is what the code infers from the components' types", async () => {
        if (read(FINGERPRINT_FILE).trim() === fingerprint()) {
            // `npm run schema` inferred schema.json from exactly these sources; inferring again would give the same.
            return;
        }
        const committed = read(SCHEMA_FILE);
        const inferred = await inferSchema();
        assert.ok(committed === inferred, `${SCHEMA_FILE} is out of date (${firstDifference(committed, inferred)}). Run \`npm run schema\` and commit ${SCHEMA_FILE} and ${FINGERPRINT_FILE}.`);
    });

    it("fingerprints what inference reads: manifest, lockfile, compiler options and the sources the entry reaches", () => {
        const inputs = schemaInputs();
        for (const file of ["package.json", "package-lock.json", "tsconfig.json", "index.ts", path.join("sdk", "index.ts")]) {
            assert.ok(inputs.includes(file), `${file} in ${inputs.join(", ")}`);
        }
        assert.ok(inputs.some((file) => file.startsWith(`components${path.sep}`)), "the components index.ts exports");
        assert.ok(!inputs.some((file) => file.startsWith(`tests${path.sep}`)), "nothing the entry does not reach");
    });

    it("names the plugin the way the Pulumi host does", () => {
        assert.deepEqual(pluginIdentity("@crosscloud/interconnect"), { name: "interconnect", namespace: "crosscloud" });
        assert.deepEqual(pluginIdentity("my.pkg"), { name: "my-pkg", namespace: undefined });
    });
});

function read(file: string): string {
    const full = path.join(PACKAGE_ROOT, file);
    return existsSync(full) ? readFileSync(full, "utf8") : "";
}

function firstDifference(committed: string, inferred: string): string {
    if (committed === "") {
        return "missing";
    }
    const had = committed.split("\n");
    const wants = inferred.split("\n");
    const line = had.findIndex((text, i) => text !== wants[i]);
    const at = line === -1 ? had.length : line;
    return `line ${at + 1} is ${JSON.stringify(had[at] ?? "")}, the code infers ${JSON.stringify(wants[at] ?? "")}`;
}
