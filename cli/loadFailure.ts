/**
 * Failures that come from how a package is installed, not from what the program does: a missing
 * package or peer, TypeScript shipped where Node will not compile it, an ES module required as
 * CommonJS. They get that explanation and the install command, never "fix the program".
 */
import * as path from "node:path";
import { CliError } from "./errors";

/** The package a path lies in: `…/node_modules/@scope/name/…` → `@scope/name`. */
export function packageOf(file: string): string | undefined {
    const parts = file.split(/[\\/]/);
    const at = parts.lastIndexOf("node_modules");
    if (at < 0 || at + 1 >= parts.length) return undefined;
    return parts[at + 1].startsWith("@") ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
}

/** A bare specifier's package: `@pulumi/aws/ec2` → `@pulumi/aws`; relative paths have none. */
function packageOfSpecifier(specifier: string): string | undefined {
    if (specifier.startsWith(".") || path.isAbsolute(specifier) || specifier.startsWith("node:")) return undefined;
    const [first, second] = specifier.split("/");
    return first.startsWith("@") ? `${first}/${second}` : first;
}

export function installFailure(error: Error, stack: string, projectDir: string): CliError | undefined {
    const code = (error as NodeJS.ErrnoException).code;
    const firstLine = error.message.split("\n")[0];
    const quoted = /'([^']+)'|"([^"]+)"/.exec(firstLine);
    const named = quoted?.[1] ?? quoted?.[2] ?? "";
    const install = `npm install (in ${projectDir})`;

    if (error.name === "MissingPeerError") {
        return new CliError(`stack ${stack}: ${firstLine.split(". Install")[0]}`, firstLine.slice(firstLine.indexOf("Install")));
    }
    if (code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND") {
        const pkg = packageOfSpecifier(named);
        if (pkg === undefined) return undefined; // a file of the program itself: the program's fault
        return new CliError(
            `stack ${stack}: the program needs ${pkg}, which is not installed where the project can load it (${firstLine})`,
            `Add it to the project and install: npm install ${pkg} (in ${projectDir}).`,
        );
    }
    const pkg = packageOf(named) ?? packageOf(error.stack ?? "") ?? "a package";
    switch (code) {
        case "ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING":
        case "ERR_UNKNOWN_FILE_EXTENSION":
            return new CliError(
                `stack ${stack}: ${pkg} is installed as TypeScript sources, which Node does not compile inside node_modules (${firstLine})`,
                `Install a built release of ${pkg} (one that ships JavaScript): for a git or folder install, its \`prepare\` script must build it; then ${install}.`,
            );
        case "ERR_UNSUPPORTED_DIR_IMPORT":
        case "ERR_REQUIRE_ESM":
        case "ERR_REQUIRE_ASYNC_MODULE":
            return new CliError(
                `stack ${stack}: ${pkg} cannot be loaded the way Pulumi loads a CommonJS program (${firstLine})`,
                `Install a release of ${pkg} built for CommonJS (require), then ${install}.`,
            );
        case "ERR_PACKAGE_PATH_NOT_EXPORTED":
            return new CliError(
                `stack ${stack}: the program imports a path that ${pkg} does not export (${firstLine})`,
                `Import what ${pkg} documents (its package.json "exports"), or install the version the program was written for.`,
            );
        default:
            return undefined;
    }
}
