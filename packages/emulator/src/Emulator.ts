/**
 * The engine: state plus `handle({ target, body }) → { status, headers, body }`, exactly what
 * goes over HTTP, so the server and the in-process client Layer share one path.
 *
 * Per request: find the operation by `X-Amz-Target` (else UnknownOperationException), parse the
 * JSON (else SerializationException), drop `null` members (AWS JSON treats them as absent), decode
 * with the operation's request Schema (RequestErrors), run the handler, encode with the response
 * Schema. Errors become Cognito's envelope with status 400; a defect becomes
 * InternalErrorException (500), never a crash. A byte-identical retry of a replayable operation
 * shortly after its success gets the same answer (Amplify retries after 5xx and timeouts).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { modPow as nodeModPow } from "@cognito-effect/adapters/NodeModExp"
import type { ModPow } from "@cognito-effect/domain/services/ModExp"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import type { Operation } from "@cognito-effect/domain/wire/Operation"
import * as NodeOs from "node:os"
import * as Backend from "./Backend.js"
import * as CognitoException from "./CognitoException.js"
import type * as Handler from "./Handler.js"
import * as Ids from "./Ids.js"
import * as Inbox from "./Inbox.js"
import * as ModPowPool from "./ModPowPool.js"
import * as Operations from "./Operations.js"
import * as Persistence from "./Persistence.js"
import * as RequestErrors from "./RequestErrors.js"
import * as Sessions from "./Sessions.js"
import * as SourceIp from "./SourceIp.js"
import * as Store from "./Store.js"

/** @since 0.1.0 */
export interface Options {
  /** where tokens say they come from until the server knows its address (default `http://localhost:9229`) */
  readonly endpoint?: string
  /** the region of new pool ids (default `us-east-1`) */
  readonly region?: string
  /** keep state in this directory (a JSON snapshot, written crash-safely) */
  readonly dataDir?: string
  /** how far a PASSWORD_VERIFIER TIMESTAMP may be from the emulator's clock (default 5 minutes) */
  readonly timestampTolerance?: Duration.DurationInput
  /** how long a replayable success is kept for identical retries (default 10 seconds) */
  readonly replayWindow?: Duration.DurationInput
  /** `base^e mod N` (default: `node:crypto`) */
  readonly modPow?: ModPow
  /** worker threads for SRP exponentiations (default: one less than the CPUs, at least 1; 0 = none) */
  readonly srpWorkers?: number
}

/** A request as it arrives. @since 0.1.0 */
export interface WireRequest {
  readonly target: string | undefined
  readonly body: string
  /** the client's address, when it came over the network (devices record it as `last_ip_used`) */
  readonly sourceIp?: string
}

/** A response as it leaves. @since 0.1.0 */
export interface WireResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** @since 0.1.0 */
export interface EmulatorService {
  readonly store: Store.Store
  readonly inbox: Inbox.Inbox
  readonly backend: Backend.BackendService
  /** Answers one AWS JSON 1.1 request. Never fails. */
  readonly handle: (request: WireRequest) => Effect.Effect<WireResponse>
  /** Runs an effect against this emulator's state (with its randomness). */
  readonly run: <A, E>(effect: Effect.Effect<A, E, Backend.Backend | SecureRandom>) => Effect.Effect<A, E>
  /** Runs an operation's handler on a typed input, without JSON (seeding, tests). */
  readonly call: <I, IE, O, OE>(operation: Operation<I, IE, O, OE>, input: I) => Effect.Effect<O, CognitoException.CognitoException>
  /** Sets the base URL tokens are issued under (`iss = <endpoint>/<userPoolId>`). */
  readonly setEndpoint: (endpoint: string) => void
}

/** @since 0.1.0 @category tags */
export class Emulator extends Context.Tag("@cognito-effect/emulator/Emulator")<Emulator, EmulatorService>() {
  /** An emulator with in-memory state (or `dataDir`), randomness from `crypto.getRandomValues`. */
  static layer(options: Options = {}): Layer.Layer<Emulator, Persistence.PersistenceError> {
    return Layer.scoped(Emulator, make(options)).pipe(Layer.provide(SecureRandom.layer))
  }
}

/** @since 0.1.0 */
export const contentType = "application/x-amz-json-1.1"

const json = (text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } => {
  if (text.trim() === "") return { ok: true, value: {} }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** AWS JSON 1.1 services read an explicit `null` member as an absent one. */
const withoutNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNulls)
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) if (member !== null) out[key] = withoutNulls(member)
  return out
}

const printable = /^[\x20-\x7e]*$/

/** The error envelope Cognito sends. @since 0.1.0 */
export const errorResponse = (requestId: string, error: CognitoException.CognitoException): WireResponse => ({
  status: error.status,
  headers: {
    "content-type": contentType,
    "x-amzn-requestid": requestId,
    "x-amzn-errortype": `${error.type}:`,
    ...(printable.test(error.message) ? { "x-amzn-errormessage": error.message } : {})
  },
  body: JSON.stringify({ __type: error.type, message: error.message })
})

const successResponse = (requestId: string, body: string): WireResponse => ({
  status: 200,
  headers: { "content-type": contentType, "x-amzn-requestid": requestId },
  body
})

/**
 * Builds an emulator. With `dataDir`, the state is loaded from and kept in that directory until
 * the scope closes.
 * @since 0.1.0
 */
export const make = (
  options: Options = {}
): Effect.Effect<EmulatorService, Persistence.PersistenceError, SecureRandom | Scope.Scope> =>
  Effect.gen(function* () {
    const random = yield* SecureRandom
    const store = new Store.Store()
    if (options.dataDir !== undefined) yield* Persistence.attach(options.dataDir, store)
    let endpoint = options.endpoint ?? "http://localhost:9229"
    const inbox = new Inbox.Inbox()
    const modPow = options.modPow ?? nodeModPow
    const workers = yield* ModPowPool.make(options.srpWorkers ?? Math.max(1, NodeOs.availableParallelism() - 1), modPow)
    const backend = Backend.make({
      store,
      inbox,
      sessions: new Sessions.Sessions(),
      modPow,
      pow: workers.pow,
      region: options.region ?? "us-east-1",
      endpoint: () => endpoint,
      timestampToleranceMillis: Duration.toMillis(Duration.decode(options.timestampTolerance ?? Duration.minutes(5)))
    })
    const replayWindow = Duration.toMillis(Duration.decode(options.replayWindow ?? Duration.seconds(10)))
    const replays = new Map<string, { readonly expiresAt: number; readonly response: WireResponse }>()
    let lastPrune = 0

    const services = Context.make(Backend.Backend, backend).pipe(Context.add(SecureRandom, random))
    const provide = <A, E>(effect: Effect.Effect<A, E, Backend.Backend | SecureRandom>) => Effect.provide(effect, services)

    const housekeeping = (now: number) => {
      // Replays are kept in the order they expire: drop the expired ones at the front on every
      // request, so a busy server holds seconds of answers, not a minute's.
      for (const [key, entry] of replays) {
        if (entry.expiresAt > now) break
        replays.delete(key)
      }
      if (now - lastPrune < 60_000) return
      lastPrune = now
      store.prune(now)
      backend.sessions.sweep(now)
      for (const [key, entry] of replays) if (entry.expiresAt <= now) replays.delete(key)
    }

    const run = (handler: Handler.Any, request: WireRequest, requestId: string) =>
      Effect.gen(function* () {
        const parsed = json(request.body)
        if (!parsed.ok || !isObject(parsed.value)) return yield* Effect.fail(RequestErrors.notJson(parsed))
        const input = yield* Either.match(
          Schema.decodeUnknownEither(handler.operation.request, { errors: "all" })(withoutNulls(parsed.value)),
          { onLeft: (error) => Effect.fail(RequestErrors.fromParseError(error)), onRight: Effect.succeed }
        )
        const output = yield* handler.handle(input)
        const encoded = yield* Effect.orDie(Schema.encode(handler.operation.response)(output))
        return successResponse(requestId, JSON.stringify(encoded))
      })

    const handle = (request: WireRequest): Effect.Effect<WireResponse> =>
      Effect.gen(function* () {
        const requestId = yield* Ids.uuid
        const started = yield* Clock.currentTimeMillis
        housekeeping(started)
        const handler = request.target === undefined ? undefined : Operations.byTarget.get(request.target)
        if (handler === undefined) {
          const error = CognitoException.make("UnknownOperationException", request.target === undefined ? "Missing X-Amz-Target header." : `Unknown operation ${request.target}`)
          yield* Effect.logInfo(`${request.target ?? "(no target)"} → ${error.type}`)
          return errorResponse(requestId, error)
        }
        const name = handler.operation.name
        const replayKey = handler.replayable ? `${handler.operation.target}\n${Ids.digest(request.body)}` : undefined
        const replay = replayKey === undefined ? undefined : replays.get(replayKey)
        if (replay !== undefined && replay.expiresAt > started) {
          yield* Effect.logDebug(`${name} → 200 (identical retry, same answer)`)
          return { ...replay.response, headers: { ...replay.response.headers, "x-amzn-requestid": requestId } }
        }
        const response = yield* run(handler, request, requestId).pipe(
          SourceIp.within(request.sourceIp),
          Effect.catchAll((error) =>
            Effect.as(Effect.logInfo(`${name} → ${error.type}: ${error.message}`), errorResponse(requestId, error))
          ),
          Effect.catchAllDefect((defect) =>
            Effect.as(
              Effect.logError(`${name} failed unexpectedly`, defect),
              errorResponse(requestId, CognitoException.internal())
            )
          )
        )
        if (replayKey !== undefined && response.status === 200) {
          replays.delete(replayKey)
          replays.set(replayKey, { expiresAt: started + replayWindow, response })
        }
        const finished = yield* Clock.currentTimeMillis
        if (response.status === 200) yield* Effect.logDebug(`${name} → 200 (${finished - started} ms)`)
        return response
      }).pipe(provide)

    return {
      store,
      inbox,
      backend,
      handle,
      run: provide,
      call: (operation, input) => {
        const handler = Operations.byTarget.get(operation.target)
        return handler === undefined
          ? Effect.fail(CognitoException.make("UnknownOperationException", `Unknown operation ${operation.target}`))
          : provide(handler.handle(input))
      },
      setEndpoint: (value) => {
        endpoint = value.replace(/\/+$/, "")
      }
    } satisfies EmulatorService
  })
