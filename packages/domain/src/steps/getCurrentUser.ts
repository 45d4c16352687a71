/**
 * `getCurrentUser`: the signed-in user from the stored tokens (refreshed if they expired).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { UserUnAuthenticatedException } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import * as CurrentUser from "../CurrentUser.js"
import { TokenProvider } from "../TokenProvider.js"

/** @since 0.1.0 */
export const getCurrentUser = Effect.fn("getCurrentUser")(function* () {
  yield* AuthConfig.userPool
  const tokens = yield* (yield* TokenProvider).getTokens()
  if (Option.isNone(tokens)) return yield* new UserUnAuthenticatedException()
  return CurrentUser.fromTokens(tokens.value)
})
