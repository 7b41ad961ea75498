// Lint rules that guard the architecture (see DESIGN.md):
// - sdk/ is plain TypeScript: it never imports a Pulumi package;
// - provider packages are imported by submodule, so type-checking and start-up stay cheap;
// - Outputs never land in template literals (typed rules, only where Outputs live).
const tseslint = require("typescript-eslint");
const pulumi = require("@pulumi/eslint-plugin");

const barrels = ["@pulumi/aws", "@pulumi/gcp", "@pulumi/aws-native"].map((name) => ({
    name,
    message: `Import the submodule you use (e.g. "${name}/ec2"), not the whole package.`,
}));

module.exports = tseslint.config(
    { ignores: ["node_modules/**", "bin/**", "out/**", "eslint.config.js"] },
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "no-restricted-imports": ["error", { paths: barrels }],
        },
    },
    {
        // The few JavaScript files load before TypeScript can: CommonJS by necessity.
        files: ["**/*.js"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        files: ["sdk/**/*.ts"],
        rules: {
            "no-restricted-imports": ["error", {
                patterns: [{ group: ["@pulumi/*"], message: "sdk/ is pure: plain data in, plain data out. Move Pulumi code to components/ or policy/." }],
            }],
        },
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
);
