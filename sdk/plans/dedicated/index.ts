export * from "./types";
export { ATTACHMENT_PREFIX_LENGTH, DEDICATED_MTU, GOOGLE_SLA_INTENT, MD5_KEY_LENGTH } from "./offer";
export { planDedicatedInterconnect } from "./plan";
