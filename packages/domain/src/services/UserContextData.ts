/**
 * The advanced-security (threat protection) port: the `EncodedData` that AWS's
 * `amazon-cognito-advanced-security-data.js` collects about the page a user signs up, signs in or
 * resets a password from. The steps send it as `UserContextData` on the seven requests that name
 * such a user (SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword,
 * ConfirmForgotPassword, InitiateAuth, RespondToAuthChallenge); Cognito reads it only when the
 * pool has advanced security on.
 *
 * A `Context.Reference`: without a Layer there is no data, so steps, tests and servers need not
 * provide it. The adapters' `AdvancedSecurityData.layer` reads the browser script's global.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { UserPoolConfig } from "../AuthConfig.js"

/** @since 0.1.0 */
export interface UserContextDataService {
  /** `EncodedData` for a request naming `username` in the pool `userPoolId` from the app client `clientId`, if any. */
  readonly encodedData: (username: string, userPoolId: string, clientId: string) => Effect.Effect<Option.Option<string>>
}

/** No data: what a server, a test and a page without the script have. @since 0.1.0 */
export const none: UserContextDataService = { encodedData: () => Effect.succeedNone }

/** @since 0.1.0 @category tags */
export class UserContextData extends Context.Reference<UserContextData>()("@cognito-effect/domain/UserContextData", {
  defaultValue: (): UserContextDataService => none
}) {
  /** @since 0.1.0 @category layers */
  static readonly layerNone: Layer.Layer<UserContextData> = Layer.succeed(UserContextData, none)
}

/**
 * The `UserContextData` member of a request naming `username`, to spread into it: `{}` when there
 * is no data.
 * @since 0.1.0
 */
export const member = (
  pool: UserPoolConfig,
  username: string
): Effect.Effect<{ readonly UserContextData?: { readonly EncodedData: string } }> =>
  Effect.map(
    Effect.flatMap(UserContextData, (service) => service.encodedData(username, pool.userPoolId, pool.userPoolClientId)),
    Option.match({ onNone: () => ({}), onSome: (EncodedData) => ({ UserContextData: { EncodedData } }) })
  )
