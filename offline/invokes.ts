import { SIMULATED_AWS_ACCOUNT_ID, SIMULATED_GCP_PROJECT_NUMBER, awsRegion, gcpProject, gcpRegion } from "./identity";

/** Returns what a data source (invoke) would, given its arguments. */
export type InvokeResult = (args: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** Results per invoke token. Tokens missing here fail loudly, so a test never runs on silent undefineds. */
export const invokeResults: Readonly<Record<string, InvokeResult>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        id: SIMULATED_AWS_ACCOUNT_ID,
        accountId: SIMULATED_AWS_ACCOUNT_ID,
        arn: `arn:aws:iam::${SIMULATED_AWS_ACCOUNT_ID}:user/simulated`,
        userId: "AIDASIMULATEDUSER",
    }),

    "aws:index/getRegion:getRegion": (args) => {
        const region = awsRegion(args);
        return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
    },

    "aws:index/getPartition:getPartition": () => ({
        id: "aws",
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
    }),

    "gcp:organizations/getProject:getProject": (args) => {
        const project = typeof args.projectId === "string" ? args.projectId : gcpProject();
        return { id: `projects/${project}`, projectId: project, name: project, number: SIMULATED_GCP_PROJECT_NUMBER };
    },

    "gcp:organizations/getClientConfig:getClientConfig": () => {
        const project = gcpProject();
        const region = gcpRegion();
        return { id: project, project, region, zone: `${region}-a`, accessToken: "simulated-access-token" };
    },
};
