/**
 * The environment of the OAuth step tests: `TestLayer`'s fakes plus what a redirect needs — a
 * Map-backed `KeyValueStorage`, a `Redirect` that records where the page went, a `SecureRandom`
 * that counts up (so `state` and the verifier are known), and a scripted token endpoint that
 * records each request.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type { TransportError } from "@cognito-effect/domain/AuthError"
import * as OAuth from "@cognito-effect/domain/OAuth"
import type { OAuthTokenError } from "@cognito-effect/domain/OAuthError"
import { KeyValueStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import { OAuthClient } from "@cognito-effect/domain/services/OAuthClient"
import { NavigationError, Redirect } from "@cognito-effect/domain/services/Redirect"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import { TokenProvider } from "@cognito-effect/domain/TokenProvider"
import * as TestLayer from "./TestLayer.js"

export const domain = "auth.example.com"
export const callback = "https://app.example.com/callback"
export const signedOutPage = "https://app.example.com/signed-out"

export const oauth = {
  domain,
  scopes: ["openid", "email", "aws.cognito.signin.user.admin"],
  redirectSignIn: [callback, "http://localhost:3000/"],
  redirectSignOut: [signedOutPage, "http://localhost:3000/bye"],
  responseType: "code" as const
}

/** Amplify's config with the hosted UI. */
export const config = (overrides: Partial<typeof oauth> | { readonly responseType: "token" } = {}) => ({
  Auth: {
    Cognito: {
      userPoolId: TestLayer.userPoolId,
      userPoolClientId: TestLayer.clientId,
      loginWith: { oauth: { ...oauth, ...overrides } }
    }
  }
})

export const key = (name: string) => `CognitoIdentityServiceProvider.${TestLayer.clientId}.${name}`

/** What the token endpoint answers to the next request. */
export type TokenReply = Either.Either<OAuth.TokenResponse, OAuthTokenError | TransportError>

export const tokens = (options: { readonly refresh?: boolean; readonly username?: string } = {}): TokenReply =>
  Either.right({
    access_token: Redacted.make(TestLayer.accessTokenString({ revocable: true, ...(options.username ? { cognitoUsername: options.username } : {}) })),
    id_token: Redacted.make(TestLayer.idTokenString(options.username ? { cognitoUsername: options.username } : {})),
    ...(options.refresh === false ? {} : { refresh_token: Redacted.make(TestLayer.refreshTokenString) }),
    token_type: "Bearer",
    expires_in: 3600
  })

export interface OAuthRecorderService {
  readonly currentUrl: Effect.Effect<string>
  readonly navigations: Effect.Effect<ReadonlyArray<string>>
  readonly replacements: Effect.Effect<ReadonlyArray<string>>
  readonly storage: Effect.Effect<ReadonlyMap<string, string>>
  readonly tokenRequests: Effect.Effect<ReadonlyArray<{ readonly url: string; readonly body: string }>>
}

export class OAuthRecorder extends Context.Tag("test/steps/OAuthRecorder")<OAuthRecorder, OAuthRecorderService>() {}

export const navigations = Effect.flatMap(OAuthRecorder, (r) => r.navigations)
export const replacements = Effect.flatMap(OAuthRecorder, (r) => r.replacements)
export const storage = Effect.flatMap(OAuthRecorder, (r) => r.storage)
export const tokenRequests = Effect.flatMap(OAuthRecorder, (r) => r.tokenRequests)
export const currentUrl = Effect.flatMap(OAuthRecorder, (r) => r.currentUrl)

export interface Options extends TestLayer.Options {
  /** the page the steps run on */
  readonly url?: string
  /** what the KeyValueStorage holds at the start */
  readonly stored?: Readonly<Record<string, string>>
  /** the token endpoint's answers, in order */
  readonly tokenReplies?: ReadonlyArray<TokenReply>
  /** the browser refuses to navigate */
  readonly navigationFails?: boolean
  /** how the client refreshes hosted-UI sessions */
  readonly refreshVia?: "GetTokensFromRefreshToken" | "TokenEndpoint"
}

/** Bytes 0, 1, 2, … (wrapping), so random strings are `ABCD…`. */
export const countingRandom = Layer.effect(
  SecureRandom,
  Effect.map(Ref.make(0), (counter) => ({
    bytes: (length: number) =>
      Ref.modify(counter, (n) => [Uint8Array.from({ length }, (_, i) => (n + i) % 256), n + length] as const)
  }))
)

const fakes = (options: Options) =>
  Layer.effectContext(
    Effect.gen(function* () {
      const url = yield* Ref.make(options.url ?? callback)
      const navigated = yield* Ref.make<ReadonlyArray<string>>([])
      const replaced = yield* Ref.make<ReadonlyArray<string>>([])
      const items = yield* Ref.make<ReadonlyMap<string, string>>(new Map(Object.entries(options.stored ?? {})))
      const requests = yield* Ref.make<ReadonlyArray<{ readonly url: string; readonly body: string }>>([])
      const replies = yield* Ref.make(options.tokenReplies ?? [])
      return Context.empty().pipe(
        Context.add(KeyValueStorage, {
          getItem: (k) => Effect.map(Ref.get(items), (all) => Option.fromNullable(all.get(k))),
          setItem: (k, v) => Ref.update(items, (all) => new Map(all).set(k, v)),
          removeItem: (k) =>
            Ref.update(items, (all) => {
              const next = new Map(all)
              next.delete(k)
              return next
            }),
          clear: Ref.set(items, new Map())
        }),
        Context.add(Redirect, {
          currentUrl: Ref.get(url),
          navigate: (to) =>
            options.navigationFails === true
              ? Effect.fail(new NavigationError({ message: "navigation blocked" }))
              : Effect.zipRight(Ref.update(navigated, (all) => [...all, to]), Ref.set(url, to)),
          replaceUrl: (to) => Effect.zipRight(Ref.update(replaced, (all) => [...all, to]), Ref.set(url, to))
        }),
        Context.add(OAuthClient, {
          refreshVia: options.refreshVia ?? "GetTokensFromRefreshToken",
          token: (request) =>
            Effect.gen(function* () {
              yield* Ref.update(requests, (all) => [...all, { url: request.url, body: Redacted.value(request.body) }])
              const next = yield* Ref.modify(replies, (all) => [all[0], all.slice(1)] as const)
              if (next === undefined) return yield* Effect.dieMessage("unexpected token request")
              return yield* next
            })
        }),
        Context.add(OAuthRecorder, {
          currentUrl: Ref.get(url),
          navigations: Ref.get(navigated),
          replacements: Ref.get(replaced),
          storage: Ref.get(items),
          tokenRequests: Ref.get(requests)
        })
      )
    })
  )

/**
 * `TestLayer.layer` (signed out unless a session is given) with the OAuth pieces, and a
 * `TokenProvider` built over all of them (so refreshes see the token endpoint).
 */
export const layer = (options: Options = {}) =>
  TokenProvider.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        TestLayer.layer({ config: config(), session: null, ...options }),
        fakes(options),
        countingRandom
      )
    )
  )
