import { StackIndex } from "./stackIndex";
import { StackResource } from "./stackResource";
import { T } from "./tokens";
import { text } from "./values";

/** One managed interconnect: the Google Transport and the AWS Interconnect connection it pairs with. */
export interface ManagedView {
    /** Absent when the Google half is declared in another stack. */
    transport?: StackResource;
    /** Absent when the AWS half is declared in another stack. */
    connection?: StackResource;
    dxGateway?: StackResource;
    network?: StackResource;
}

/**
 * Pairs Transports with AWS connections by the activation key they share (whichever side issued
 * it), by a dependency either way, or, when a stack holds exactly one of each left over, by elimination.
 */
export function extractManaged(index: StackIndex): ManagedView[] {
    const transports = index.all(T.gcpTransport);
    const connections = index.all(T.awsInterconnectConnection);
    const byKey = new Map<string, StackResource>();
    const byDependency = new Map<string, StackResource>();
    for (const c of connections) {
        const key = text(c.props.activationKey);
        if (key !== undefined) byKey.set(key, c);
        for (const urn of c.dependencies) byDependency.set(urn, c);
    }
    const used = new Set<string>();
    const pairOf = new Map<string, StackResource>();
    for (const transport of transports) {
        const keys = [text(transport.props.generatedActivationKey), text(transport.props.providedActivationKey)];
        const connection = [
            ...keys.map((k) => (k === undefined ? undefined : byKey.get(k))),
            index.dependencyOfType(transport, T.awsInterconnectConnection),
            byDependency.get(transport.urn),
        ].find((c) => c !== undefined && !used.has(c.urn));
        if (connection) {
            used.add(connection.urn);
            pairOf.set(transport.urn, connection);
        }
    }
    const loneTransports = transports.filter((t) => !pairOf.has(t.urn));
    const loneConnections = connections.filter((c) => !used.has(c.urn));
    if (loneTransports.length === 1 && loneConnections.length === 1) {
        pairOf.set(loneTransports[0].urn, loneConnections[0]);
        used.add(loneConnections[0].urn);
    }
    const view = (transport: StackResource | undefined, connection: StackResource | undefined): ManagedView => ({
        transport,
        connection,
        // AttachPoint is a union: the gateway's id, or its ARN.
        dxGateway: connection && (index.resolve(T.awsDxGateway, connection, "attachPoint.directConnectGateway") ?? index.resolve(T.awsDxGateway, connection, "attachPoint.arn")),
        network: transport && index.resolve(T.gcpNetwork, transport, "network"),
    });
    return [
        ...transports.map((t) => view(t, pairOf.get(t.urn))),
        ...connections.filter((c) => !used.has(c.urn)).map((c) => view(undefined, c)),
    ];
}
