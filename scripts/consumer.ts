/**
 * A user's project, made the way a user makes one: this package packed (`npm pack`, the files
 * package.json's "files" ships), then installed with its peers into a fresh folder outside the
 * repository. The peers' versions are the ones this repository develops with (its devDependencies),
 * so npm takes them from the cache `npm ci` filled. Used by the consumer spec and the benchmarks.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..");

const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    name: string;
    version: string;
    peerDependencies: Record<string, string>;
    devDependencies: Record<string, string>;
};

export interface PackedPackage {
    tarball: string;
    /** Every path the tarball holds, relative to the package root, sorted. */
    files: string[];
    /** Bytes, compressed. */
    size: number;
}

export interface ConsumerProject {
    /** The project folder: package.json, node_modules. Programs go in folders beneath it. */
    dir: string;
    packed: PackedPackage;
    /** The installed copy of this package. */
    installed: string;
    /** Removes the project and the tarball. */
    remove(): void;
}

export interface ConsumerOptions {
    /** Peers to leave out, as a user who lacks them would. */
    without?: string[];
    /** Versions to install instead of the ones this repository develops with, e.g. the peers' floors. */
    versions?: Record<string, string>;
}

/** The oldest version each peer's declared range admits: `^7.44.0` → `7.44.0`. */
export function peerFloors(): Record<string, string> {
    return Object.fromEntries(Object.entries(MANIFEST.peerDependencies).map(([peer, range]) => [peer, range.replace(/^[\^~>=\s]+/, "").split(/[\s<]/)[0]]));
}

/** Packs the build as it is (lib/ must be built); `npm pack` would also run `prepare`, which the caller already has. */
export function pack(into: string): PackedPackage {
    const result = npm(["pack", "--ignore-scripts", "--json", "--pack-destination", into], ROOT);
    const [report] = JSON.parse(result) as { filename: string; size: number; files: { path: string }[] }[];
    return { tarball: path.join(into, report.filename), files: report.files.map((f) => f.path).sort(), size: report.size };
}

/**
 * Packs this package and installs it, with its peers and TypeScript, into a new folder under the
 * system's temporary directory: a node_modules of the user's own, nothing linked to this repository.
 * Install scripts are skipped (aws-native's would download its provider plugin, which no program
 * run here needs).
 */
export function consumerProject(options: ConsumerOptions = {}): ConsumerProject {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crosscloud-consumer-"));
    const packed = pack(dir);
    const pinned = (name: string) => options.versions?.[name] ?? MANIFEST.devDependencies[name];
    const peers = Object.keys(MANIFEST.peerDependencies).filter((peer) => !(options.without ?? []).includes(peer));
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({
        name: "consumer",
        version: "1.0.0",
        private: true,
        dependencies: {
            ...Object.fromEntries(peers.map((peer) => [peer, pinned(peer)])),
            [MANIFEST.name]: `file:${path.basename(packed.tarball)}`,
        },
        devDependencies: { typescript: pinned("typescript"), "@types/node": pinned("@types/node") },
    }, null, 2)}\n`);
    npm(["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--no-package-lock"], dir);
    return {
        dir,
        packed,
        installed: path.join(dir, "node_modules", ...MANIFEST.name.split("/")),
        remove: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}

/** Runs npm — the one running these scripts when there is one — and returns its stdout. */
function npm(args: string[], cwd: string): string {
    const npmCli = process.env.npm_execpath;
    const [command, argv] = npmCli?.endsWith(".js") ? [process.execPath, [npmCli, ...args]] : ["npm", args];
    const result = spawnSync(command, argv, { cwd, encoding: "utf8", env: { ...process.env, npm_config_loglevel: "error" } });
    if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed in ${cwd} (exit ${result.status}):\n${result.stderr}${result.stdout}`);
    return result.stdout;
}
