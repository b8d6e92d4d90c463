// Which region a request is for. Against AWS each region is its own endpoint; against the demo
// account every region shares AWS_ENDPOINT_URL, so the region is read where SigV4 puts it: the
// credential scope of the Authorization header,
// `AWS4-HMAC-SHA256 Credential=<key id>/<yyyymmdd>/<region>/<service>/aws4_request, …`
// (AWS SigV4 reference, "Elements of an AWS API request signature").

export interface CredentialScope {
  region: string;
  service: string;
}

export function credentialScope(authorization: string | undefined): CredentialScope | undefined {
  const m = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? "");
  return m ? { region: m[1], service: m[2] } : undefined;
}

/**
 * Region codes of AWS's partitions: `us-east-1`, `eu-central-2`, `ap-southeast-4`, `us-gov-west-1`,
 * `cn-northwest-1`, `il-central-1`, `mx-central-1`. A syntactic check, not a list: a region AWS
 * opens later is still a region the account has never used.
 */
const REGION_NAME = /^(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d{1,2}$/;

export const isRegionName = (name: string) => REGION_NAME.test(name);
