import * as assert from "node:assert/strict";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";

/** Property runs for the sdk specs. */
export const RUNS = { numRuns: 1000 };

/** Runs f: its value, or a CrossCloudError that names the field, the rule and the fix. Anything else is rethrown. */
export function valueOrTypedError<T>(f: () => T): T | CrossCloudError {
    try {
        return f();
    } catch (e) {
        if (!(e instanceof CrossCloudError)) throw e;
        assert.ok(Object.values(ErrorCode).includes(e.code), `unknown code ${e.code}`);
        assert.ok(e.field && e.rule && e.fix, `incomplete error: ${e.message}`);
        return e;
    }
}

/** The CrossCloudError f throws (complete, as above); fails when f returns. */
export function typedError(f: () => unknown): CrossCloudError {
    const result = valueOrTypedError(f);
    if (result instanceof CrossCloudError) return result;
    assert.fail("expected a CrossCloudError");
}
