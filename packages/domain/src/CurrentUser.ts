/**
 * The signed-in user as Amplify describes it (`getCurrentUser`, the `signedIn` event): the
 * username from the ID token's `cognito:username` (the access token's `username` when there is no
 * ID token, as after an OAuth sign-in without `openid`), the user id from `sub`.
 *
 * @since 0.1.0
 */
import type { AuthUser } from "./services/AuthEvents.js"
import * as Tokens from "./Tokens.js"

/** @since 0.1.0 */
export const fromTokens = (tokens: Tokens.TokenSet): AuthUser => {
  const username =
    Tokens.stringClaim(tokens.idToken, "cognito:username") ??
    Tokens.stringClaim(tokens.accessToken, "username") ??
    tokens.username
  const userId = Tokens.stringClaim(tokens.idToken, "sub") ?? Tokens.stringClaim(tokens.accessToken, "sub") ?? ""
  return tokens.signInDetails === undefined ? { username, userId } : { username, userId, signInDetails: tokens.signInDetails }
}
