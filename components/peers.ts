/**
 * The Pulumi SDK and providers are peer dependencies: the user's project installs them once, and
 * every component shares that copy. A missing one is named with the command that installs it,
 * instead of Node's bare "Cannot find module".
 */

/** Each peer with the oldest version whose resources and fields the components use (package.json `peerDependencies`). */
export const PEERS = {
    "@pulumi/pulumi": "^3.269.0",
    "@pulumi/aws": "^7.44.0",
    "@pulumi/gcp": "^9.35.0",
    "@pulumi/random": "^4.10.0",
    "@pulumi/aws-native": "^1.64.0",
} as const;

export type Peer = keyof typeof PEERS;

/** Peers every component needs; the others are loaded by the one component that uses them. */
export const REQUIRED_PEERS: readonly Peer[] = ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/gcp", "@pulumi/random"];

export class MissingPeerError extends Error {
    constructor(readonly peer: Peer, neededBy: string) {
        super(
            `${neededBy} needs ${peer}, a peer dependency of @crosscloud/interconnect, and it is not installed here. ` +
            `Install it in your project: npm install ${peer}@"${PEERS[peer]}"`,
        );
        this.name = "MissingPeerError";
    }
}

/** Fails with an install hint when a required peer cannot be resolved from this package. */
export function checkRequiredPeers(): void {
    for (const peer of REQUIRED_PEERS) {
        if (!resolvable(peer)) throw new MissingPeerError(peer, "@crosscloud/interconnect");
    }
}

/** Loads a module of an optional peer at the moment a component needs it. */
export function requirePeer<T>(peer: Peer, module: string, neededBy: string): T {
    if (!resolvable(peer)) throw new MissingPeerError(peer, neededBy);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only by the component that needs it
    return require(module) as T;
}

function resolvable(peer: Peer): boolean {
    try {
        require.resolve(`${peer}/package.json`);
        return true;
    } catch {
        return false;
    }
}
