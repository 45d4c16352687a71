/**
 * The port to the hosted UI's token endpoint (`POST https://<domain>/oauth2/token`): send one
 * form-encoded request built by `OAuth.tokenRequest`, get the decoded token answer, the endpoint's
 * OAuth error (`OAuthTokenError`) or a transport failure. Layers (adapters): over `fetch`.
 *
 * `refreshVia` says how this client refreshes sessions that came from the hosted UI:
 * `"GetTokensFromRefreshToken"` (the default, as Amplify ≥ 6.14 does; see `OAuthRefresh`) or
 * `"TokenEndpoint"` (`grant_type=refresh_token` at `/oauth2/token`).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { TransportError } from "../AuthError.js"
import type { OAuthTokenError } from "../OAuthError.js"
import type { TokenRequest, TokenResponse } from "../OAuth.js"

/** How hosted-UI sessions are refreshed. @since 0.1.0 */
export type RefreshVia = "GetTokensFromRefreshToken" | "TokenEndpoint"

/** @since 0.1.0 */
export interface OAuthClientService {
  readonly token: (request: TokenRequest) => Effect.Effect<TokenResponse, OAuthTokenError | TransportError>
  readonly refreshVia: RefreshVia
}

/** @since 0.1.0 @category tags */
export class OAuthClient extends Context.Tag("@cognito-effect/domain/OAuthClient")<OAuthClient, OAuthClientService>() {}
