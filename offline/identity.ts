import * as pulumi from "@pulumi/pulumi";

/** Who and where the simulated clouds are. Regions and the Google project follow stack config when set. */
export const SIMULATED_AWS_ACCOUNT_ID = "123456789012";
export const SIMULATED_GCP_PROJECT_NUMBER = "210987654321";

export function awsRegion(inputs: Readonly<Record<string, unknown>> = {}): string {
    return asString(inputs.region) ?? pulumi.runtime.getConfig("aws:region") ?? "us-east-1";
}

export function gcpProject(inputs: Readonly<Record<string, unknown>> = {}): string {
    return asString(inputs.project) ?? pulumi.runtime.getConfig("gcp:project") ?? "simulated-project";
}

export function gcpRegion(inputs: Readonly<Record<string, unknown>> = {}): string {
    return asString(inputs.region) ?? pulumi.runtime.getConfig("gcp:region") ?? "us-east4";
}

export interface IdentityArgs {
    type: string;
    name: string;
    id: string;
    inputs: Readonly<Record<string, unknown>>;
    /** Every property the resource class declares, inputs and outputs alike. */
    declared: ReadonlySet<string>;
}

/**
 * `name`, `arn` and `selfLink` for the types that declare them. A missing `name` is what the
 * engine's auto-naming would give, minus the random suffix.
 */
export function identityFields({ type, name, id, inputs, declared }: IdentityArgs): Record<string, unknown> {
    const [pkg, module, className] = tokenParts(type);
    const fields = autoName(name, inputs, declared);
    const resourceName = asString(inputs.name) ?? name;
    if (declared.has("arn") && pkg.startsWith("aws")) {
        fields.arn = `arn:aws:${ARN_SERVICES[module] ?? module}:${awsRegion(inputs)}:${SIMULATED_AWS_ACCOUNT_ID}:${kebabCase(className)}/${id}`;
    }
    if (declared.has("selfLink") && pkg === "gcp") {
        fields.selfLink = `https://www.googleapis.com/${module}/v1/projects/${gcpProject(inputs)}/${gcpScope(inputs)}/${camelCase(className)}s/${resourceName}`;
    }
    return fields;
}

/** Engine-assigned names, which a preview already knows. */
export function autoName(name: string, inputs: Readonly<Record<string, unknown>>, declared: ReadonlySet<string>): Record<string, unknown> {
    return declared.has("name") && inputs.name === undefined ? { name } : {};
}

/** Provider modules whose resources live under another service in ARNs. */
const ARN_SERVICES: Readonly<Record<string, string>> = { ec2transitgateway: "ec2" };

/** `aws:ec2/vpnConnection:VpnConnection` → `["aws", "ec2", "VpnConnection"]`. */
function tokenParts(type: string): [string, string, string] {
    const [pkg, modulePath = "", className = ""] = type.split(":");
    return [pkg, modulePath.split("/")[0], className];
}

function gcpScope(inputs: Readonly<Record<string, unknown>>): string {
    if (typeof inputs.zone === "string") {
        return `zones/${inputs.zone}`;
    }
    return typeof inputs.region === "string" ? `regions/${inputs.region}` : "global";
}

/** `VPNTunnel` → `vpnTunnel`, `HaVpnGateway` → `haVpnGateway`. */
function camelCase(className: string): string {
    return className.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (head) => head.toLowerCase());
}

function kebabCase(className: string): string {
    return camelCase(className).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function asString(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}
