/**
 * Verifies Cognito JWTs on a server: RS256 signatures against the pool's JWKS, then the claim
 * checks of `TokenVerification` (issuer, `token_use`, app client, expiry with a small tolerance).
 *
 * The JWKS is fetched on first use and kept. A token naming a key the cache lacks (the pool
 * rotated its keys) fetches it again — once for every verification waiting at that moment, and
 * not more often than `refetchCooldown`, so a stream of tokens with made-up `kid`s cannot turn
 * into a stream of requests. A token from another pool is refused before any fetch.
 *
 * The signature check is WebCrypto (`crypto.subtle`), present in Node, browsers and edge
 * runtimes; time comes from Effect's `Clock`.
 *
 * @since 0.1.0
 */
import * as TokenVerification from "@cognito-effect/domain/TokenVerification"
import type { UserPoolConfig } from "@cognito-effect/domain/AuthConfig"
import type * as Tokens from "@cognito-effect/domain/Tokens"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"

/** @since 0.1.0 @category models */
export interface Options {
  readonly userPoolId: string
  /** the app client (or clients) whose tokens are accepted */
  readonly clientId: string | ReadonlyArray<string>
  readonly tokenUse: TokenVerification.TokenUse
  /** default: Cognito's issuer for the pool; `TokenVerification.issuerOf(poolId, endpoint)` for an emulator */
  readonly issuer?: string
  /** default: `<issuer>/.well-known/jwks.json` */
  readonly jwksUri?: string
  /** how far `exp` / `iat` may be off (default 5 seconds) */
  readonly tolerance?: Duration.DurationInput
  /** the least time between two JWKS fetches for unknown keys (default 10 seconds) */
  readonly refetchCooldown?: Duration.DurationInput
  /** per JWKS request (default 5 seconds) */
  readonly timeout?: Duration.DurationInput
  /** default: `globalThis.fetch` */
  readonly fetch?: typeof globalThis.fetch
}

/** A token that passed every check. @since 0.1.0 @category models */
export interface VerifiedToken {
  readonly raw: Redacted.Redacted<string>
  readonly kid: string
  readonly payload: Tokens.JwtPayload
}

/** @since 0.1.0 @category models */
export interface JwtVerifierService {
  readonly verify: (
    token: string | Redacted.Redacted<string>
  ) => Effect.Effect<VerifiedToken, TokenVerification.TokenVerificationError>
}

/** @since 0.1.0 @category tags */
export class JwtVerifier extends Context.Tag("@cognito-effect/adapters/JwtVerifier")<JwtVerifier, JwtVerifierService>() {
  /** A verifier with its own key cache. */
  static layer(options: Options): Layer.Layer<JwtVerifier> {
    return Layer.effect(JwtVerifier, make(options))
  }
}

/**
 * Options for the pool of a resolved configuration: with an endpoint override (an emulator), its
 * tokens are issued under that endpoint.
 * @since 0.1.0
 * @category constructors
 */
export const optionsFor = (
  userPool: UserPoolConfig,
  tokenUse: TokenVerification.TokenUse,
  extra: Omit<Options, "userPoolId" | "clientId" | "tokenUse"> = {}
): Options => ({
  userPoolId: userPool.userPoolId,
  clientId: userPool.userPoolClientId,
  tokenUse,
  ...(userPool.endpointOverridden ? { issuer: TokenVerification.issuerOf(userPool.userPoolId, userPool.endpoint) } : {}),
  ...extra
})

// --- the key set --------------------------------------------------------------------------

const Jwk = Schema.Struct({
  kty: Schema.String,
  kid: Schema.optional(Schema.String),
  alg: Schema.optional(Schema.String),
  use: Schema.optional(Schema.String),
  n: Schema.optional(Schema.String),
  e: Schema.optional(Schema.String)
})
const Jwks = Schema.parseJson(Schema.Struct({ keys: Schema.Array(Jwk) }))
const decodeJwks = Schema.decodeUnknownEither(Jwks)

const rs256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const

/** The RS256 signing keys of a JWKS by `kid`; keys for anything else are skipped. */
const importKeys = (keys: ReadonlyArray<typeof Jwk.Type>): Effect.Effect<ReadonlyMap<string, CryptoKey>> =>
  Effect.promise(async () => {
    const imported = await Promise.all(
      keys.map(async ({ kty, kid, alg, use, n, e }) => {
        if (kty !== "RSA" || kid === undefined || n === undefined || e === undefined) return undefined
        if ((alg !== undefined && alg !== "RS256") || (use !== undefined && use !== "sig")) return undefined
        try {
          const jwk: JsonWebKey = { kty, n, e, alg: "RS256", ext: true }
          return [kid, await globalThis.crypto.subtle.importKey("jwk", jwk, rs256, false, ["verify"])] as const
        } catch {
          return undefined
        }
      })
    )
    return new Map(imported.filter((entry) => entry !== undefined))
  })

interface Cache {
  readonly keys: ReadonlyMap<string, CryptoKey>
  /** when the JWKS was last requested, successfully or not */
  readonly fetchedAt: Option.Option<number>
  /** the failure of that request, answered again until the cooldown ends */
  readonly failure: Option.Option<TokenVerification.JwksError>
}

/**
 * Builds a verifier with an empty key cache.
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<JwtVerifierService> =>
  Effect.gen(function* () {
    const issuer = options.issuer ?? TokenVerification.issuerOf(options.userPoolId)
    const jwksUri = options.jwksUri ?? TokenVerification.jwksUriOf(issuer)
    const expectations: TokenVerification.Expectations = {
      issuer,
      tokenUse: options.tokenUse,
      clientIds: typeof options.clientId === "string" ? [options.clientId] : options.clientId,
      toleranceSeconds: Duration.toSeconds(Duration.decode(options.tolerance ?? Duration.seconds(5)))
    }
    const cooldown = Duration.toMillis(Duration.decode(options.refetchCooldown ?? Duration.seconds(10)))
    const timeout = Duration.decode(options.timeout ?? Duration.seconds(5))
    const cache = yield* Ref.make<Cache>({ keys: new Map(), fetchedAt: Option.none(), failure: Option.none() })
    const fetching = yield* Effect.makeSemaphore(1)

    const jwksError = (reason: TokenVerification.JwksError["reason"], message: string, cause?: unknown) =>
      new TokenVerification.JwksError({ reason, message: `${message} (${jwksUri})`, ...(cause === undefined ? {} : { cause }) })

    const fetchKeys = Effect.tryPromise({
      try: async (signal) => {
        const response = await (options.fetch ?? globalThis.fetch)(jwksUri, { headers: { accept: "application/json" }, signal })
        return { status: response.status, body: await response.text() }
      },
      catch: (cause) => jwksError("Network", "The JWKS could not be fetched", cause)
    }).pipe(
      Effect.timeoutFail({ duration: timeout, onTimeout: () => jwksError("Timeout", "The JWKS did not arrive in time") }),
      Effect.flatMap((response) => {
        if (response.status !== 200) return Effect.fail(jwksError("InvalidResponse", `The JWKS answered with status ${response.status}`))
        return Either.match(decodeJwks(response.body), {
          onLeft: () => Effect.fail(jwksError("InvalidResponse", "The JWKS is not a JSON key set")),
          onRight: (jwks) => importKeys(jwks.keys)
        })
      })
    )

    const notFound = (kid: string) =>
      new TokenVerification.TokenKeyNotFoundError({ message: "The user pool publishes no key with this kid.", kid })

    /** Fetches the JWKS again, unless another fiber just did or the cooldown forbids it. */
    const refetch = (kid: string) =>
      fetching.withPermits(1)(
        Effect.gen(function* () {
          const current = yield* Ref.get(cache)
          const known = current.keys.get(kid)
          if (known !== undefined) return known
          const now = yield* Clock.currentTimeMillis
          if (Option.isSome(current.fetchedAt) && now - current.fetchedAt.value < cooldown) {
            return yield* Effect.fail(Option.getOrElse(current.failure, () => notFound(kid)))
          }
          const fetched = yield* Effect.either(fetchKeys)
          if (Either.isLeft(fetched)) {
            yield* Ref.set(cache, { ...current, fetchedAt: Option.some(now), failure: Option.some(fetched.left) })
            return yield* Effect.fail(fetched.left)
          }
          yield* Ref.set(cache, { keys: fetched.right, fetchedAt: Option.some(now), failure: Option.none() })
          const key = fetched.right.get(kid)
          return key === undefined ? yield* Effect.fail(notFound(kid)) : key
        })
      )

    const keyFor = (kid: string) =>
      Effect.flatMap(Ref.get(cache), (current) => {
        const key = current.keys.get(kid)
        return key === undefined ? refetch(kid) : Effect.succeed(key)
      })

    const verify = Effect.fn("JwtVerifier.verify")(function* (token: string | Redacted.Redacted<string>) {
      const raw = typeof token === "string" ? token : Redacted.value(token)
      const parsed = yield* TokenVerification.parse(raw)
      yield* TokenVerification.checkIssuer(parsed.payload, issuer)
      const key = yield* keyFor(parsed.header.kid)
      const valid = yield* Effect.promise(() => globalThis.crypto.subtle.verify(rs256, key, parsed.signature, parsed.signingInput))
      if (!valid) {
        return yield* new TokenVerification.TokenSignatureError({ message: "The token's signature does not verify." })
      }
      yield* TokenVerification.checkClaims(parsed.payload, expectations, yield* Clock.currentTimeMillis)
      const verified: VerifiedToken = { raw: Redacted.make(raw), kid: parsed.header.kid, payload: parsed.payload }
      return verified
    })

    return { verify }
  })
