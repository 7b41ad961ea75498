// The pack's entry point, and the only place a PolicyPack is constructed: the constructor starts
// the gRPC server the Pulumi CLI talks to. Everything else imports ./pack or ./rules.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, packArgs } from "./pack";

new PolicyPack(PACK_NAME, packArgs);
