export * from "./errors";
export * from "./prefix";
export * from "./linkLocal";
export * from "./asn";
export * from "./bandwidth";
export * from "./routes";
export * from "./topology";
