// Lint rules that guard the architecture (see DESIGN.md). Dependencies point one way:
//   sdk ← components ← stacks;  sdk ← policy;  offline ← cli, bench, tests;  cli may use all.
// - sdk/ is plain TypeScript: it imports no Pulumi package and nothing of ours outside sdk/;
// - components never import policy, and policy never imports components;
// - nothing imports tests/;
// - provider packages are imported by submodule, so type-checking and start-up stay cheap;
// - Outputs never land in template literals (typed rules, only where Outputs live).
const tseslint = require("typescript-eslint");
const pulumi = require("@pulumi/eslint-plugin");

const barrels = ["@pulumi/aws", "@pulumi/gcp", "@pulumi/aws-native"].map((name) => ({
    name,
    message: `Import the submodule you use (e.g. "${name}/ec2"), not the whole package.`,
}));

/** A relative import that reaches the top-level folder `folder` of this repository. */
const into = (folder, message) => ({ regex: `^(\\.\\./)+${folder}(/|$)`, message });

const noTests = into("tests", "Nothing imports tests/: move what you need into the product folder it belongs to (the offline engine is offline/).");

/** no-restricted-imports for one folder: the barrel rule, plus what that folder must never reach. */
const restricted = (...patterns) => ["error", { paths: barrels, patterns }];

module.exports = tseslint.config(
    { ignores: ["node_modules/**", "lib/**", "out/**", "crosscloud-out/**", "eslint.config.js"] },
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "no-restricted-imports": restricted(noTests),
        },
    },
    {
        // The few JavaScript files load before TypeScript can: CommonJS by necessity.
        files: ["**/*.js"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    // sdk/ and sdk/plans/: a relative import that climbs out of sdk/ is always one level deeper than the file.
    ...[["sdk/*.ts", "\\.\\./"], ["sdk/*/*.ts", "\\.\\./\\.\\./"]].map(([files, outOfSdk]) => ({
        files: [files],
        rules: {
            "no-restricted-imports": restricted(
                { group: ["@pulumi/*"], message: "sdk/ is pure: plain data in, plain data out. Move Pulumi code to components/ or policy/." },
                { regex: `^${outOfSdk}`, message: "sdk/ imports nothing of ours outside sdk/: everything else depends on it, never the reverse." },
            ),
        },
    })),
    {
        files: ["components/**/*.ts"],
        rules: {
            "no-restricted-imports": restricted(
                into("policy", "components never import the policy pack: the pack judges stacks built with or without them. Share the logic through sdk/."),
                { group: ["@pulumi/policy", "@pulumi/policy/*"], message: "components never use the policy SDK." },
                into("(offline|cli|stacks|bench)", "components depend on sdk/ only."),
                noTests,
            ),
        },
    },
    {
        files: ["policy/**/*.ts"],
        rules: {
            "no-restricted-imports": restricted(
                into("components", "policy never imports components: it rebuilds the topology from raw resources. Share the logic through sdk/."),
                into("(offline|cli|stacks|bench)", "policy depends on sdk/ only."),
                noTests,
            ),
        },
    },
    {
        files: ["offline/**/*.ts"],
        rules: { "no-restricted-imports": restricted(into("(cli|stacks|bench|components)", "the offline engine runs any program; it knows none of them."), noTests) },
    },
    {
        files: ["components/**/*.ts", "stacks/**/*.ts"],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
        },
    },
    {
        files: ["tests/**/*.ts"],
        rules: { "no-restricted-imports": ["error", { paths: barrels }] },
    },
);
