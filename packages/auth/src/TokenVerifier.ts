/**
 * `createTokenVerifier`: the adapters' `JwtVerifier` for Promise code — verify a Cognito access
 * or ID token (from an `Authorization` header, or a session) against the pool's JWKS. A refused
 * token rejects with an `AuthError` named after the reason (`TokenExpiredError`,
 * `TokenSignatureError`, `TokenIssuerError`, `TokenClientError`, `TokenUseError`,
 * `TokenKeyNotFoundError`, `TokenMalformedError`, `JwksError`).
 *
 * @since 0.1.0
 */
import * as JwtVerifier from "@cognito-effect/adapters/JwtVerifier"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import type * as Tokens from "@cognito-effect/domain/Tokens"
import type { TokenUse } from "@cognito-effect/domain/TokenVerification"
import * as Cause from "effect/Cause"
import type * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { toAmplifyError } from "./AuthError.js"

/** @since 0.1.0 */
export interface TokenVerifierOptions extends JwtVerifier.Options {
  /** the clock expiry is judged by (default: the system clock) */
  readonly clock?: Clock.Clock
}

/** @since 0.1.0 */
export interface TokenVerifier {
  /** The token's claims once it passed every check. */
  readonly verify: (token: string) => Promise<Tokens.JwtPayload>
}

/**
 * A verifier with its own key cache; keep one per process.
 * @since 0.1.0
 */
export const createTokenVerifier = (options: TokenVerifierOptions): TokenVerifier => {
  const { clock, ...verifierOptions } = options
  const verifier = Effect.runSync(JwtVerifier.make(verifierOptions))
  return {
    verify: (token) =>
      Effect.runPromiseExit(clock === undefined ? verifier.verify(token) : Effect.withClock(verifier.verify(token), clock)).then((exit) => {
        if (Exit.isSuccess(exit)) return exit.value.payload
        const failure = Cause.failureOption(exit.cause)
        throw toAmplifyError(Option.isSome(failure) ? failure.value : Cause.squash(exit.cause))
      })
  }
}

/**
 * A verifier for the user pool of an Amplify configuration (an endpoint override is taken to be
 * an emulator issuing under that address).
 * @since 0.1.0
 */
export const createTokenVerifierFromConfig = (
  config: unknown,
  tokenUse: TokenUse,
  options: Omit<TokenVerifierOptions, "userPoolId" | "clientId" | "tokenUse"> = {}
): TokenVerifier =>
  Either.match(
    Either.flatMap(Either.flatMap(AuthConfig.parse(config), AuthConfig.requireUserPool), (pool) =>
      Either.map(AuthConfig.userPoolRegion(pool), () => pool)),
    {
      onLeft: (error) => {
        throw toAmplifyError(error)
      },
      onRight: (userPool) => {
        const { clock, ...rest } = options
        return createTokenVerifier({ ...JwtVerifier.optionsFor(userPool, tokenUse, rest), ...(clock === undefined ? {} : { clock }) })
      }
    }
  )
