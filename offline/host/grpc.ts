/**
 * The engine's side of the wire: gRPC and Pulumi's generated protocol modules, loaded from where
 * @pulumi/pulumi keeps them (they ship inside it), so the host needs no dependency of its own. The
 * processes it starts load their own copies from their own node_modules; only bytes cross.
 */
import { createRequire } from "node:module";
import type * as Grpc from "@grpc/grpc-js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import type * as AnalyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as EngineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as EnginePb from "@pulumi/pulumi/proto/engine_pb";
import type * as PluginPb from "@pulumi/pulumi/proto/plugin_pb";
import type * as ProviderGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderPb from "@pulumi/pulumi/proto/provider_pb";
import type * as ResourceGrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import type * as ResourcePb from "@pulumi/pulumi/proto/resource_pb";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));

export const grpc: typeof Grpc = fromPulumi("@grpc/grpc-js");
export const { Struct }: typeof StructPb = fromPulumi("google-protobuf/google/protobuf/struct_pb");
export const { Empty }: typeof EmptyPb = fromPulumi("google-protobuf/google/protobuf/empty_pb");
export const analyzerPb: typeof AnalyzerPb = fromPulumi("@pulumi/pulumi/proto/analyzer_pb");
export const analyzerGrpc: typeof AnalyzerGrpc = fromPulumi("@pulumi/pulumi/proto/analyzer_grpc_pb");
export const enginePb: typeof EnginePb = fromPulumi("@pulumi/pulumi/proto/engine_pb");
export const engineGrpc: typeof EngineGrpc = fromPulumi("@pulumi/pulumi/proto/engine_grpc_pb");
export const pluginPb: typeof PluginPb = fromPulumi("@pulumi/pulumi/proto/plugin_pb");
export const providerPb: typeof ProviderPb = fromPulumi("@pulumi/pulumi/proto/provider_pb");
export const providerGrpc: typeof ProviderGrpc = fromPulumi("@pulumi/pulumi/proto/provider_grpc_pb");
export const resourcePb: typeof ResourcePb = fromPulumi("@pulumi/pulumi/proto/resource_pb");
export const resourceGrpc: typeof ResourceGrpc = fromPulumi("@pulumi/pulumi/proto/resource_grpc_pb");

export type { AnalyzerGrpc, AnalyzerPb, EngineGrpc, EnginePb, Grpc, ProviderGrpc, ProviderPb, ResourceGrpc, ResourcePb, StructPb };

/** Properties in wire form: what `Struct.toJavaScript()` gives and `Struct.fromJavaScript()` takes. */
export type WireProperties = Record<string, unknown>;

export function fromStruct(struct: StructPb.Struct | undefined): WireProperties {
    return (struct?.toJavaScript() ?? {}) as WireProperties;
}

export function toStruct(properties: WireProperties): StructPb.Struct {
    return Struct.fromJavaScript(properties as Record<string, StructPb.JavaScriptValue>);
}

/** Calls a unary client method and resolves with its response. */
export function unary<Response>(invoke: (done: (error: Grpc.ServiceError | null, response: Response) => void) => unknown): Promise<Response> {
    return new Promise((resolve, reject) => invoke((error, response) => (error ? reject(error) : resolve(response))));
}
