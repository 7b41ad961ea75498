import * as pulumi from "@pulumi/pulumi";
import { environmentStack } from "./environment";
import { sharedLayer } from "./shared";

// An environment stack names the shared stack it attaches to; the shared stack names none.
export = new pulumi.Config("crosscloud").get("sharedStack") ? environmentStack() : sharedLayer();
