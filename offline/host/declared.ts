import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The properties each resource type declares, inputs and outputs alike, read from the generated
 * SDK module that defines it in the program's own node_modules: Pulumi's Node code generator
 * assigns every one of them as `resourceInputs["<name>"]` in the class's constructor. In-process,
 * the offline engine learns the same set from a stack transformation; a program in another
 * process has to be read instead. A type whose module is not found declares nothing, so nothing
 * is made up for it beyond its id.
 */
export function declaredPropertiesFrom(programDirectory: string): (type: string) => ReadonlySet<string> {
    const resolve = createRequire(join(programDirectory, "package.json")).resolve;
    const byType = new Map<string, ReadonlySet<string>>();
    return (type) => {
        let declared = byType.get(type);
        if (declared === undefined) {
            const file = moduleFile(type, resolve);
            declared = new Set(file === undefined ? [] : [...readFileSync(file, "utf8").matchAll(/resourceInputs\["([^"]+)"\]/g)].map((m) => m[1]));
            byType.set(type, declared);
        }
        return declared;
    };
}

/**
 * `aws:ec2/vpc:Vpc` → `@pulumi/aws/ec2/vpc.js`, `random:index/randomPassword:RandomPassword` →
 * `@pulumi/random/randomPassword.js`, `aws-native:interconnect:Connection` →
 * `@pulumi/aws-native/interconnect/connection.js`, `pulumi:providers:gcp` → `@pulumi/gcp/provider.js`.
 */
function moduleFile(type: string, resolve: NodeJS.RequireResolve): string | undefined {
    const [pkg, module = "", className = ""] = type.split(":");
    const [packageName, folder, file] = pkg === "pulumi" && module === "providers"
        ? [className, "", "provider"]
        : [pkg, ...folderAndFile(module, className)];
    let root: string;
    try {
        root = dirname(resolve(`@pulumi/${packageName}/package.json`));
    } catch {
        return undefined;
    }
    const path = join(root, folder, `${file}.js`);
    return existsSync(path) ? path : undefined;
}

function folderAndFile(module: string, className: string): [string, string] {
    const [folder, file] = module.includes("/") ? module.split("/") : [module, className.charAt(0).toLowerCase() + className.slice(1)];
    return [folder === "index" ? "" : folder, file];
}
