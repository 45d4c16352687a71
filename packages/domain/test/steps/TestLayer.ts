/**
 * The environment the step tests run in: the real `TokenProvider`, `AutoSignInState` and AWS JSON
 * client (`AwsJson.makeClient`, so every canned answer goes through the real decoding), over small
 * in-test fakes — a scripted transport that records each request, a Ref-backed token store, a
 * recording event bus and a Ref-backed pending sign-in store. Domain tests never import adapters.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Clock from "effect/Clock"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import * as AwsJson from "@cognito-effect/domain/AwsJson"
import { AuthEvents, type AuthEvent } from "@cognito-effect/domain/services/AuthEvents"
import { AutoSignInState } from "@cognito-effect/domain/services/AutoSignInState"
import { CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import { RefreshLock } from "@cognito-effect/domain/services/RefreshLock"
import {
  type PendingSignIn,
  pendingSignInTtlMillis,
  SignInStateStore
} from "@cognito-effect/domain/services/SignInStateStore"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import { TokenProvider } from "@cognito-effect/domain/TokenProvider"
import * as Tokens from "@cognito-effect/domain/Tokens"

// --- fixtures -----------------------------------------------------------------------------

export const userPoolId = "us-east-1_Xk3Lp9QzT"
export const clientId = "3n4b5urk1ft4fl3mg5e62d9ado"
export const sub = "94f8e4b8-5031-70b3-2b0e-6f1c8d7a4e21"
export const username = "alice"

/** Amplify's `ResourcesConfig` for the test pool. */
export const config = { Auth: { Cognito: { userPoolId, userPoolClientId: clientId } } }

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

/** A JWT-shaped string (the signature is never checked on the client). */
export const jwt = (payload: Record<string, unknown>): string =>
  `${b64url({ kid: "Qm9QmXv5m8Jb", alg: "RS256" })}.${b64url(payload)}.c2lnbmF0dXJl`

const decoded = (token: string): Tokens.Jwt => Either.getOrThrow(Tokens.decode(token))

/** Far beyond the TestClock's start (epoch 0), so sessions are fresh unless a test says otherwise. */
export const farFuture = 4_102_444_800

export interface SessionOptions {
  /** `exp` of both tokens, in epoch seconds. */
  readonly exp?: number
  /** Adds `origin_jti` to the access token, so `signOut` revokes the refresh token. */
  readonly revocable?: boolean
  readonly withIdToken?: boolean
  /** The canonical username in the tokens (`username`, `cognito:username`); alice by default. */
  readonly cognitoUsername?: string
  /** The username the store keys the session under (Amplify's `LastAuthUser`, possibly an alias). */
  readonly storedUsername?: string
}

export const accessTokenString = (options: SessionOptions = {}): string =>
  jwt({
    sub,
    "cognito:groups": ["readers"],
    iss: `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`,
    client_id: clientId,
    ...(options.revocable === true ? { origin_jti: "5b1e0c2a-8f4d-4c8e-9a51-0d7e3f2b6c11" } : {}),
    event_id: "c7a2e9f0-41d3-4b6e-a1d8-2f5c7b9e0a34",
    token_use: "access",
    scope: "aws.cognito.signin.user.admin",
    auth_time: 1_700_000_000,
    exp: options.exp ?? farFuture,
    iat: 1_700_000_000,
    jti: "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    username: options.cognitoUsername ?? username
  })

export const idTokenString = (options: SessionOptions = {}): string =>
  jwt({
    sub,
    email_verified: true,
    iss: `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`,
    "cognito:username": options.cognitoUsername ?? username,
    aud: clientId,
    event_id: "c7a2e9f0-41d3-4b6e-a1d8-2f5c7b9e0a34",
    token_use: "id",
    auth_time: 1_700_000_000,
    exp: options.exp ?? farFuture,
    iat: 1_700_000_000,
    email: "alice@example.com"
  })

export const refreshTokenString = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.refresh.blob"

/** The session Cognito's `AuthenticationResult` would have produced for alice. */
export const session = (options: SessionOptions = {}): Tokens.TokenSet => ({
  username: options.storedUsername ?? username,
  accessToken: decoded(accessTokenString(options)),
  ...(options.withIdToken === false ? {} : { idToken: decoded(idTokenString(options)) }),
  refreshToken: Redacted.make(refreshTokenString),
  clockDrift: 0,
  signInDetails: { loginId: username, authFlowType: "USER_SRP_AUTH" }
})

export const device: Tokens.DeviceMetadata = {
  deviceKey: "us-east-1_6f1e7b0c-2d3a-4e5f-8a9b-0c1d2e3f4a5b",
  deviceGroupKey: "-Hs8Yq1Zp",
  randomPassword: Redacted.make("dGhpcyBpcyBhIHJhbmRvbSBkZXZpY2UgcGFzc3dvcmQ=")
}

// --- canned Cognito answers ---------------------------------------------------------------

/** The request id every canned answer carries. */
export const requestId = "0a7f3c1e-9b2d-4e8f-a6c5-3d1b0e9f7a24"

const responseHeaders = {
  "content-type": "application/x-amz-json-1.1",
  "x-amzn-requestid": requestId
}

/** A 200 answer with `body` as JSON. */
export const ok = (body: unknown = {}): AwsJson.WireResponse => ({
  status: 200,
  headers: responseHeaders,
  body: JSON.stringify(body)
})

/** A Cognito error envelope, as the service sends it. */
export const serviceError = (type: string, message: string): AwsJson.WireResponse => ({
  status: 400,
  headers: { ...responseHeaders, "x-amzn-errortype": `${type}:` },
  body: JSON.stringify({ __type: type, message })
})

/** One answer for every call of an operation, or answers consumed in order. */
export type Reply = AwsJson.WireResponse | ReadonlyArray<AwsJson.WireResponse>

// --- the recorder -------------------------------------------------------------------------

/** One request as it went over the wire. */
export interface Sent {
  readonly operation: string
  readonly target: string
  readonly body: unknown
}

export interface RecorderService {
  readonly requests: Effect.Effect<ReadonlyArray<Sent>>
  readonly events: Effect.Effect<ReadonlyArray<AuthEvent>>
}

export class Recorder extends Context.Tag("test/steps/Recorder")<Recorder, RecorderService>() {}

/** Everything sent so far. */
export const requests: Effect.Effect<ReadonlyArray<Sent>, never, Recorder> = Effect.flatMap(Recorder, (r) => r.requests)

/** The operation names sent so far, in order. */
export const operations: Effect.Effect<ReadonlyArray<string>, never, Recorder> = Effect.map(requests, (sent) =>
  sent.map((request) => request.operation))

/** The one request sent; fails the test when there were more or none. */
export const onlyRequest: Effect.Effect<Sent, never, Recorder> = Effect.flatMap(requests, (sent) =>
  sent.length === 1 ? Effect.succeed(sent[0]!) : Effect.dieMessage(`expected one request, got ${sent.length}`))

/** Every event published so far. */
export const events: Effect.Effect<ReadonlyArray<AuthEvent>, never, Recorder> = Effect.flatMap(Recorder, (r) => r.events)

// --- the environment ----------------------------------------------------------------------

export interface Options {
  /** Amplify's `ResourcesConfig`; `{}` for an unconfigured user pool. */
  readonly config?: unknown
  /** The stored session; `null` for signed out. */
  readonly session?: Tokens.TokenSet | null
  /** Device keys stored per username. */
  readonly devices?: Readonly<Record<string, Tokens.DeviceMetadata>>
  readonly pendingSignIn?: PendingSignIn
  /** Answers per operation name; an operation without one fails the test. */
  readonly replies?: Readonly<Record<string, Reply>>
}

export type Env =
  | AuthConfig.AuthConfig
  | CognitoClient
  | TokenStore
  | AuthEvents
  | SignInStateStore
  | AutoSignInState
  | TokenProvider
  | RefreshLock
  | Recorder

const fakes = (options: Options) =>
  Layer.effectContext(
    Effect.gen(function* () {
      const sent = yield* Ref.make<ReadonlyArray<Sent>>([])
      const published = yield* Ref.make<ReadonlyArray<AuthEvent>>([])
      const listeners = yield* Ref.make<ReadonlyArray<(event: AuthEvent) => void>>([])
      const stored = yield* Ref.make(Option.fromNullable(options.session === undefined ? session() : options.session))
      const devices = yield* Ref.make<ReadonlyMap<string, Tokens.DeviceMetadata>>(new Map(Object.entries(options.devices ?? {})))
      const oauth = yield* Ref.make<ReadonlyMap<string, { readonly oauthSignIn: boolean }>>(new Map())
      const pending = yield* Ref.make(Option.fromNullable(options.pendingSignIn))
      const answered = yield* Ref.make<ReadonlyMap<string, number>>(new Map())

      const send: AwsJson.Send = (request) =>
        Effect.gen(function* () {
          yield* Ref.update(sent, (all) => [
            ...all,
            { operation: request.operation, target: request.headers["x-amz-target"] ?? "", body: JSON.parse(request.body) }
          ])
          const reply = options.replies?.[request.operation]
          if (reply === undefined) return yield* Effect.dieMessage(`unexpected ${request.operation} request`)
          if (!Array.isArray(reply)) return reply as AwsJson.WireResponse
          const index = yield* Ref.modify(answered, (counts) => {
            const n = counts.get(request.operation) ?? 0
            return [n, new Map(counts).set(request.operation, n + 1)] as const
          })
          const next = (reply as ReadonlyArray<AwsJson.WireResponse>)[index]
          return next ?? (yield* Effect.dieMessage(`no answer left for ${request.operation} #${index + 1}`))
        })

      const resolved = Either.getOrThrow(AuthConfig.parse(options.config ?? config))
      return Context.empty().pipe(
        Context.add(AuthConfig.AuthConfig, resolved),
        Context.add(CognitoClient, AwsJson.makeClient(send)),
        Context.add(TokenStore, {
          load: Ref.get(stored),
          store: (tokens) => Ref.set(stored, Option.some(tokens)),
          clear: Ref.set(stored, Option.none()),
          getDeviceMetadata: (name) => Effect.map(Ref.get(devices), (all) => Option.fromNullable(all.get(name))),
          storeDeviceMetadata: (name, metadata) => Ref.update(devices, (all) => new Map(all).set(name, metadata)),
          clearDeviceMetadata: (name) =>
            Ref.update(devices, (all) => {
              const next = new Map(all)
              next.delete(name)
              return next
            }),
          getOAuthMetadata: (name) => Effect.map(Ref.get(oauth), (all) => Option.fromNullable(all.get(name))),
          setOAuthMetadata: (name, metadata) => Ref.update(oauth, (all) => new Map(all).set(name, metadata))
        }),
        Context.add(AuthEvents, {
          publish: (event) =>
            Effect.flatMap(Ref.updateAndGet(published, (all) => [...all, event]), () =>
              Effect.flatMap(Ref.get(listeners), (all) =>
                Effect.sync(() => {
                  for (const listener of all) listener(event)
                }))),
          listen: (listener) =>
            Effect.as(
              Ref.update(listeners, (all) => [...all, listener]),
              Ref.update(listeners, (all) => all.filter((l) => l !== listener))
            )
        }),
        Context.add(SignInStateStore, {
          load: Effect.flatMap(Clock.currentTimeMillis, (now) =>
            Effect.map(Ref.get(pending), Option.filter((state) => state.expiresAt > now))),
          save: (state) =>
            Effect.flatMap(Clock.currentTimeMillis, (now) =>
              Ref.set(pending, Option.some({ ...state, expiresAt: state.expiresAt ?? now + pendingSignInTtlMillis }))),
          clear: Ref.set(pending, Option.none())
        }),
        Context.add(Recorder, { requests: Ref.get(sent), events: Ref.get(published) })
      )
    })
  )

/** The step environment for one test. */
export const layer = (options: Options = {}): Layer.Layer<Env> =>
  TokenProvider.layer.pipe(
    Layer.provideMerge(Layer.mergeAll(fakes(options), AutoSignInState.layer, RefreshLock.layerInProcess))
  )
