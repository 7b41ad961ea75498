/**
 * One program of the corpus: raw provider resources, the way a team that follows a public guide
 * writes them, with the verdict the providers' documentation gives for each rule of the pack,
 * written down before the pack ever ran on it.
 */
export type Verdict = "pass" | "advisory" | "mandatory";

export interface CorpusProgram {
    /** Short id, also the file name. */
    name: string;
    /** The public configuration the program is modelled on. */
    source: string;
    /**
     * The expected verdict of each rule under the pack's default config: the worst level it
     * reports. Rules not listed are expected to pass (or not apply).
     */
    expected: Record<string, Verdict>;
    /** Declares the resources, as a Pulumi program would. */
    program: () => void;
}
