/**
 * What `require(<this package's folder>)` loads (package.json "main"). Pulumi's plugin host loads a
 * component package that way (`pulumi package add`, then a Python, Go, .NET or YAML program), and
 * there this serves the components from the committed schema.json at once, rather than letting the
 * host infer a schema from TypeScript sources the package does not ship. Everywhere else it is the
 * package itself: imports of "@crosscloud/interconnect" resolve to ./index through "exports", and
 * tools that ignore "exports" get the same thing here.
 */

/** The script Node started: Pulumi's plugin host is @pulumi/pulumi/cmd/run-plugin. */
const launchedBy = require.main?.filename ?? "";

if (/[\\/]cmd[\\/]run-plugin[\\/]index\.js$/.test(launchedBy)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the provider loads only in the plugin host
    void (require("./components/provider") as typeof import("./components/provider")).serveComponents(process.argv.slice(2));
} else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package, for tools that resolve "main"
    module.exports = require("./index");
}
