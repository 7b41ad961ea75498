import * as assert from "node:assert/strict";
import { EnforcementLevel, Policies, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType, validateStackResourcesOfType } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { ENGINE_UNKNOWN, evaluatePolicies, evaluatePolicyPack, StackRecord } from "../../policy/evaluate";

const ROUTER = "gcp:compute/router:Router";
const TUNNEL = "gcp:compute/vPNTunnel:VPNTunnel";

/** A stand-in for a provider class: what `isType` and the typed helpers read. */
class Router extends pulumi.CustomResource {
    static readonly __pulumiType = ROUTER;

    constructor(name: string, args: { bgp: { asn: number } }) {
        super(ROUTER, name, args);
    }
}

const records: StackRecord[] = [
    { type: "interconnect:index:HaVpn", urn: "urn:c", name: "vpn", props: { tunnels: 4 } },
    { type: ROUTER, urn: "urn:r", name: "router", parent: "urn:c", inputs: { bgp: { asn: 1 } }, props: { bgp: { asn: 1 }, selfLink: "https://x/routers/router" } },
    { type: TUNNEL, urn: "urn:t", name: "tunnel", parent: "urn:c", dependencies: ["urn:r", "urn:elsewhere"], props: { router: "router" }, protect: true },
];

function resourcePolicy(name: string, enforcementLevel?: EnforcementLevel, extra: Partial<ResourceValidationPolicy> = {}): ResourceValidationPolicy {
    return { name, description: `${name} description`, ...(enforcementLevel && { enforcementLevel }), validateResource: (args, report) => report(`${args.name} checked`), ...extra };
}

function levels(policies: Policies, config = {}, enforcementLevel?: EnforcementLevel): Record<string, string> {
    const violations = evaluatePolicies(records.slice(1, 2), config, { policies, ...(enforcementLevel && { enforcementLevel }) });
    return Object.fromEntries(violations.map((v) => [v.policy, v.level]));
}

describe("in-process policy evaluation", () => {
    it("takes each policy's level from its config entry, then `all`, then the policy, then the pack", () => {
        const policies = [resourcePolicy("own", "mandatory"), resourcePolicy("none")];
        assert.deepEqual(levels(policies), { own: "mandatory", none: "advisory" });
        assert.deepEqual(levels(policies, {}, "mandatory"), { own: "mandatory", none: "mandatory" });
        assert.deepEqual(levels(policies, { all: "advisory" }), { own: "advisory", none: "advisory" });
        assert.deepEqual(levels(policies, { all: "advisory", own: "mandatory" }), { own: "mandatory", none: "advisory" });
        assert.deepEqual(levels(policies, { all: "mandatory", none: { enforcementLevel: "advisory" } }), { own: "mandatory", none: "advisory" });
        assert.deepEqual(levels(policies, { own: "disabled" }), { none: "advisory" });
        assert.deepEqual(levels(policies, { all: "remediate" }), { own: "mandatory", none: "mandatory" });
    });

    it("skips disabled policies without running them", () => {
        let runs = 0;
        const counted = resourcePolicy("counted", "advisory", { validateResource: () => { runs++; } });
        evaluatePolicies(records, { counted: "disabled" }, { policies: [counted] });
        assert.equal(runs, 0);
        evaluatePolicies(records, {}, { policies: [counted] });
        assert.equal(runs, 3);
    });

    it("fills schema defaults, lets the config override them, and refuses config that breaks the schema", () => {
        const seen: unknown[] = [];
        const policy: StackValidationPolicy = {
            name: "configured", description: "d",
            configSchema: { properties: { minimum: { type: "number", minimum: 0, default: 1 }, mode: { type: "string", enum: ["a", "b"] } } },
            validateStack: (args) => { seen.push(args.getConfig()); },
        };
        evaluatePolicies(records, undefined, { policies: [policy] });
        evaluatePolicies(records, { configured: { mode: "b" } }, { policies: [policy] });
        evaluatePolicies(records, { configured: { minimum: 5, enforcementLevel: "mandatory" } }, { policies: [policy] });
        assert.deepEqual(seen, [{ minimum: 1 }, { minimum: 1, mode: "b" }, { minimum: 5 }]);
        assert.throws(() => evaluatePolicies(records, { configured: { minimum: -1, mode: "c" } }, { policies: [policy] }),
            /invalid policy pack config:\n {2}configured: minimum: must be greater than or equal to 0\n {2}configured: mode: must be one of "a", "b"/);
        assert.throws(() => evaluatePolicies(records, { configured: "strict" } as never, { policies: [policy] }), /"configured": "strict" is not an enforcement level/);
    });

    it("shows resource policies the inputs and options, stack policies the outputs, parents and dependencies", () => {
        const seen: Record<string, unknown> = {};
        const policies: Policies = [
            { name: "inputs", description: "d", validateResource: (args) => { if (args.type === ROUTER) seen.inputs = args.props; if (args.type === TUNNEL) seen.opts = args.opts; } },
            {
                name: "outputs", description: "d", validateStack: (args) => {
                    const tunnel = args.resources.find((r) => r.type === TUNNEL)!;
                    seen.outputs = args.resources.find((r) => r.type === ROUTER)!.props;
                    seen.parent = tunnel.parent?.name;
                    seen.dependencies = tunnel.dependencies.map((d) => d.name);
                },
            },
        ];
        evaluatePolicies(records, {}, { policies });
        assert.deepEqual(seen.inputs, { bgp: { asn: 1 } });
        assert.deepEqual(seen.outputs, { bgp: { asn: 1 }, selfLink: "https://x/routers/router" });
        assert.equal(seen.parent, "vpn");
        assert.deepEqual(seen.dependencies, ["router"]);
        assert.equal((seen.opts as { protect: boolean; parent: string }).protect, true);
        assert.equal((seen.opts as { protect: boolean; parent: string }).parent, "urn:c");
    });

    it("answers isType and asType by the class's type token, and honours the typed helpers' fast paths", () => {
        const typed = validateResourceOfType(Router, (props, _args, report) => report(`asn ${props.bgp.asn}`));
        const stackTyped = validateStackResourcesOfType(Router, (routers, _args, report) => report(`${routers.length} router`));
        const { violations, notApplicable } = evaluatePolicyPack(records, {}, {
            policies: [{ name: "typed", description: "d", validateResource: typed }, { name: "stackTyped", description: "d", validateStack: stackTyped }],
        });
        assert.deepEqual(violations.map((v) => [v.policy, v.urn, v.message]), [["typed", "urn:r", "asn 1"], ["stackTyped", undefined, "1 router"]]);
        assert.deepEqual(notApplicable.map((n) => [n.policy, n.urn, n.reason]), [
            ["typed", "urn:c", `Policy only applies to resources of type '${ROUTER}'`],
            ["typed", "urn:t", `Policy only applies to resources of type '${ROUTER}'`],
        ]);
        const none = evaluatePolicyPack(records.slice(0, 1), {}, { policies: [{ name: "stackTyped", description: "d", validateStack: stackTyped }] });
        assert.deepEqual(none.notApplicable, [{ policy: "stackTyped", reason: `Policy only applies to resources of type '${ROUTER}'` }]);
        const asTyped: unknown[] = [];
        evaluatePolicies(records, {}, { policies: [
            { name: "resource", description: "d", validateResource: (args) => { asTyped.push(args.asType(Router)); } },
            { name: "stack", description: "d", validateStack: (args) => { asTyped.push(...args.resources.map((r) => r.isType(Router) && r.asType(Router))); } },
        ] });
        assert.deepEqual(asTyped, [undefined, { bgp: { asn: 1 } }, undefined, false, records[1].props, false]);
    });

    it("records notApplicable as the server does, and keeps running a policy's other validations", () => {
        const policy: ResourceValidationPolicy = {
            name: "two", description: "d",
            validateResource: [(args) => args.notApplicable("not mine"), (args, report) => report(`second ran for ${args.name}`)],
        };
        const { violations, notApplicable } = evaluatePolicyPack(records.slice(1, 2), {}, { policies: [policy] });
        assert.deepEqual(notApplicable, [{ policy: "two", reason: "not mine", urn: "urn:r" }]);
        assert.deepEqual(violations.map((v) => v.message), ["second ran for router"]);
    });

    it("reports a policy that reads an unknown value as unable to run during preview", () => {
        const preview: StackRecord[] = [{ type: ROUTER, urn: "urn:r", name: "router", props: { bgp: { asn: "[unknown]" }, name: "router" } }];
        const reader = resourcePolicy("reader", "mandatory", { validateResource: (args, report) => report(`asn ${(args.props.bgp as { asn: number }).asn}`) });
        const names = resourcePolicy("names", "mandatory", { validateResource: (args, report) => report(`name ${args.props.name}`) });
        const violations = evaluatePolicies(preview, {}, { policies: [reader, names], unknown: "[unknown]" });
        assert.deepEqual(violations, [
            { policy: "reader", level: "advisory", urn: "urn:r", message: "can't run policy 'reader' from policy pack 'crosscloud-interconnect@v0.1.0' during preview: string value at .bgp.asn can't be known during preview" },
            { policy: "names", level: "mandatory", urn: "urn:r", message: "name router" },
        ]);
    });

    it("uses the engine's own unknown marker", () => {
        assert.equal(ENGINE_UNKNOWN, pulumi.runtime.unknownValue);
    });

    it("reports the description when a policy gives no message, and points stack violations where the policy says", () => {
        const policies: Policies = [
            resourcePolicy("silent", "advisory", { validateResource: (_args, report) => report("") }),
            { name: "stack", description: "d", validateStack: (_args, report) => { report("whole stack"); report("one resource", "urn:t"); } },
        ];
        const violations = evaluatePolicies(records.slice(1, 2), {}, { policies });
        assert.deepEqual(violations.map((v) => [v.policy, v.urn, v.message]), [
            ["silent", "urn:r", "silent description"], ["stack", undefined, "whole stack"], ["stack", "urn:t", "one resource"],
        ]);
    });

    it("refuses asynchronous policies and surfaces a policy's own errors", () => {
        const asynchronous = resourcePolicy("async", "advisory", { validateResource: async () => undefined });
        assert.throws(() => evaluatePolicies(records, {}, { policies: [asynchronous] }), /policy 'async'.*synchronous policies only/);
        const broken = resourcePolicy("broken", "advisory", { validateResource: () => { throw new TypeError("boom"); } });
        assert.throws(() => evaluatePolicies(records, {}, { policies: [broken] }), /Error validating resource with policy 'broken' from policy pack 'crosscloud-interconnect@v0\.1\.0': boom/);
    });

    it("takes mock-harness captures as they are: outputs, inputs, top-level protect", () => {
        const captured = [{ type: ROUTER, urn: "urn:r", name: "router", custom: true, inputs: { a: 1 }, outputs: { a: 1, id: "router-id" }, dependencies: [], protect: true }];
        const seen: unknown[] = [];
        evaluatePolicies(captured, {}, { policies: [
            { name: "inputs", description: "d", validateResource: (args) => { seen.push(args.props, args.opts.protect); } },
            { name: "outputs", description: "d", validateStack: (args) => { seen.push(args.resources[0].props, args.resources[0].opts.protect); } },
        ] });
        assert.deepEqual(seen, [{ a: 1 }, true, { a: 1, id: "router-id" }, true]);
    });
});
