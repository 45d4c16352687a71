/**
 * Registers the demo page with the emulator's hosted UI, as one would with the AWS CLI: the
 * page's address joins the app client's callback and sign-out URLs (DescribeUserPoolClient, then
 * UpdateUserPoolClient with the whole configuration, since Cognito resets what an update leaves
 * out), with the code flow, the scopes and the providers the page uses. The page then configures
 * Amplify with the settings returned here.
 */
import type { EmulatorCoordinates } from "./DemoServer.js"

/** What the page needs to configure `loginWith.oauth`. */
export interface HostedUiSettings {
  /** the emulator's host and port: its hosted UI's domain */
  readonly oauthDomain: string
  /** the page itself (at 127.0.0.1 and at localhost), to come back to after signing in and out */
  readonly redirectUrls: ReadonlyArray<string>
  readonly oauthScopes: ReadonlyArray<string>
}

export const scopes = ["openid", "email", "profile", "aws.cognito.signin.user.admin"]
const providers = ["COGNITO", "Google"]

const call = async (endpoint: string, operation: string, body: unknown): Promise<any> => {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body)
  })
  const json = await response.json()
  if (!response.ok) throw new Error(`${operation}: ${json.__type}: ${json.message}`)
  return json
}

const union = (current: ReadonlyArray<string> | undefined, added: ReadonlyArray<string>) => [...new Set([...(current ?? []), ...added])]

export const register = async (emulator: EmulatorCoordinates, pageUrl: string): Promise<HostedUiSettings> => {
  // The page may be opened by either name (passkeys need `localhost`); Amplify picks the one of its origin.
  const pages = union([pageUrl], [pageUrl.replace("//127.0.0.1:", "//localhost:")])
  const { UserPoolClient: client } = await call(emulator.endpoint, "DescribeUserPoolClient", {
    UserPoolId: emulator.userPoolId,
    ClientId: emulator.userPoolClientId
  })
  const { ClientSecret: _secret, CreationDate: _created, LastModifiedDate: _modified, ...settings } = client
  await call(emulator.endpoint, "UpdateUserPoolClient", {
    ...settings,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: union(settings.AllowedOAuthFlows, ["code"]),
    AllowedOAuthScopes: union(settings.AllowedOAuthScopes, scopes),
    SupportedIdentityProviders: union(settings.SupportedIdentityProviders, providers),
    CallbackURLs: union(settings.CallbackURLs, pages),
    LogoutURLs: union(settings.LogoutURLs, pages)
  })
  return { oauthDomain: new URL(emulator.endpoint).host, redirectUrls: pages, oauthScopes: scopes }
}
