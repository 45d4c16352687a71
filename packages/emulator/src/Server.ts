/**
 * The emulator over HTTP (`node:http`), as Amplify, the AWS SDK and browsers reach Cognito:
 *
 * - `POST <any path>` with `X-Amz-Target`: the AWS JSON 1.1 API (the path is free because
 *   Amplify's `userPoolEndpoint` may carry one);
 * - `OPTIONS`: CORS preflight allowing any origin and the headers the request asks for;
 * - `GET /<userPoolId>/.well-known/jwks.json` and `…/openid-configuration`;
 * - the hosted UI and its OAuth endpoints (`/oauth2/*`, `/login`, `/logout`; `HostedUi`);
 * - `GET /_emulator/inbox?username=U[&userPoolId=…&purpose=…]`, `DELETE /_emulator/inbox`;
 * - `GET /_emulator/clock`, `POST /_emulator/clock {"advanceSeconds": n}`;
 * - `GET /_emulator/faults`: what the fault injector did (`Faults`, `--faults`);
 * - `GET /_emulator/health`.
 *
 * Every answer carries `access-control-allow-origin: *` and exposes the `x-amzn-*` headers.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import * as Scope from "effect/Scope"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as NodeCrypto from "node:crypto"
import * as NodeFs from "node:fs/promises"
import * as NodeHttp from "node:http"
import * as NodeHttps from "node:https"
import type { AddressInfo } from "node:net"
import * as AdjustableClock from "./AdjustableClock.js"
import * as Backend from "./Backend.js"
import * as CognitoException from "./CognitoException.js"
import * as Emulator from "./Emulator.js"
import * as Faults from "./Faults.js"
import * as HostedUi from "./HostedUi.js"
import type * as Inbox from "./Inbox.js"
import type * as Persistence from "./Persistence.js"
import * as Seed from "./Seed.js"
import * as SelfSignedCertificate from "./SelfSignedCertificate.js"
import * as TokenIssuer from "./TokenIssuer.js"

/** The server could not start, or the seed could not be applied. @since 0.1.0 */
export class ServerError extends Data.TaggedError("ServerError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/** @since 0.1.0 */
export interface StartOptions extends Emulator.Options {
  /** 0 (the default) picks a free port */
  readonly port?: number
  /** default `127.0.0.1` (loopback only) */
  readonly host?: string
  /** a seed, or the path of a seed file; without one an empty store gets the default pool */
  readonly seed?: Seed.Seed | string
  /** the clock to run on (default: the system clock); the emulator can move it forward */
  readonly clock?: Clock.Clock
  /** where log lines go (default: nowhere) */
  readonly log?: (line: string) => void
  /** default `Info`; `Debug` adds one line per successful request */
  readonly logLevel?: LogLevel.LogLevel
  /** the largest request body accepted (default 1 MiB) */
  readonly maxBodyBytes?: number
  /** serve `https://`: with this certificate, or (`true`) a self-signed one made at start */
  readonly tls?: boolean | SelfSignedCertificate.Certificate
  /** inject failures into AWS JSON requests (`Faults`); none by default */
  readonly faults?: Faults.Options
}

/** A running emulator. @since 0.1.0 */
export interface Running {
  /** `http://127.0.0.1:<port>` (`https://` with `tls`): use it as Amplify's `userPoolEndpoint` */
  readonly endpoint: string
  readonly port: number
  /** with `tls`: the certificate served (PEM), for clients to trust */
  readonly certificate?: string
  /** the seed's first pool and app client (or the default ones) */
  readonly userPoolId: string
  readonly userPoolClientId: string
  /** the seed's first identity pool (the default seed has one that allows guests) */
  readonly identityPoolId?: string
  readonly emulator: Emulator.EmulatorService
  readonly clock: AdjustableClock.AdjustableClock
  /** the fault injector: what it injected, requests and retries per operation */
  readonly faults: Faults.Injector
  /** messages sent to a user (any of their names or the destination), oldest first */
  readonly inbox: (username?: string, filter?: { readonly userPoolId?: string; readonly purpose?: string }) => ReadonlyArray<Inbox.Message>
  /** the newest code sent to a user, optionally for one purpose */
  readonly latestCode: (username: string, purpose?: string) => string | undefined
  /** stops listening and flushes `--data` */
  readonly stop: () => Promise<void>
}

const exposed = "x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date"

const corsHeaders = { "access-control-allow-origin": "*", "access-control-expose-headers": exposed }

const preflightHeaders = (requested: string | undefined) => ({
  ...corsHeaders,
  "access-control-allow-methods": "POST, GET, DELETE, OPTIONS",
  "access-control-allow-headers":
    requested ?? "content-type, x-amz-target, x-amz-user-agent, cache-control, amz-sdk-invocation-id, amz-sdk-request, authorization",
  "access-control-max-age": "86400"
})

interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

const jsonReply = (status: number, value: unknown): Reply => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(value)
})

const wellKnown = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/

const route = (
  emulator: Emulator.EmulatorService,
  clock: AdjustableClock.AdjustableClock,
  request: {
    readonly method: string
    readonly url: URL
    readonly headers: NodeHttp.IncomingHttpHeaders
    readonly body: string
    readonly sourceIp: string | undefined
  }
): Effect.Effect<Reply> =>
  Effect.gen(function* () {
    const { method, url } = request
    const target = request.headers["x-amz-target"]
    if (target === undefined && HostedUi.handles(url.pathname)) return yield* HostedUi.route(emulator, request)
    if (method === "POST" && !url.pathname.startsWith("/_emulator/")) {
      return yield* emulator.handle({
        target: Array.isArray(target) ? target[0] : target,
        body: request.body,
        ...(request.sourceIp !== undefined ? { sourceIp: request.sourceIp } : {})
      })
    }
    if (url.pathname === "/_emulator/health" && method === "GET") return jsonReply(200, { status: "ok" })
    if (url.pathname === "/_emulator/inbox" && method === "GET") {
      const username = url.searchParams.get("username") ?? undefined
      const userPoolId = url.searchParams.get("userPoolId") ?? undefined
      const purpose = url.searchParams.get("purpose") ?? undefined
      return jsonReply(200, {
        messages: emulator.inbox.messages({
          ...(username !== undefined ? { username } : {}),
          ...(userPoolId !== undefined ? { userPoolId } : {}),
          ...(purpose !== undefined ? { purpose } : {})
        })
      })
    }
    if (url.pathname === "/_emulator/inbox" && method === "DELETE") {
      emulator.inbox.clear()
      return jsonReply(200, {})
    }
    if (url.pathname === "/_emulator/clock" && (method === "GET" || method === "POST")) {
      if (method === "POST") {
        const body = Either.try(() => JSON.parse(request.body || "{}") as { advanceSeconds?: unknown; advanceMillis?: unknown })
        const advance = Either.isRight(body) ? (body.right.advanceMillis ?? (typeof body.right.advanceSeconds === "number" ? body.right.advanceSeconds * 1000 : undefined)) : undefined
        if (typeof advance !== "number" || !Number.isFinite(advance)) {
          return jsonReply(400, { message: "send {\"advanceSeconds\": <number>} or {\"advanceMillis\": <number>}" })
        }
        clock.adjust(Duration.millis(advance))
      }
      const now = yield* Clock.currentTimeMillis
      return jsonReply(200, { now: new Date(now).toISOString(), offsetMillis: clock.offsetMillis() })
    }
    const known = wellKnown.exec(url.pathname)
    if (known !== null && method === "GET") {
      const state = emulator.store.pools.get(known[1]!)
      if (state === undefined) return jsonReply(404, { message: `User pool ${known[1]} does not exist.` })
      if (known[2] === "jwks.json") return jsonReply(200, TokenIssuer.jwks([yield* emulator.backend.keyOf(state.pool)]))
      return jsonReply(200, {
        ...TokenIssuer.openIdConfiguration(Backend.issuer(emulator.backend, state.pool.id)),
        ...HostedUi.endpoints(emulator.backend.endpoint())
      })
    }
    return jsonReply(404, { message: `No route for ${method} ${url.pathname}` })
  })

const readBody = (request: NodeHttp.IncomingMessage, limit: number): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    request.on("end", () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString("utf8")))
    request.on("error", reject)
  })

const publicHost = (host: string): string =>
  host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host

const loadSeed = (seed: Seed.Seed | string | undefined): Effect.Effect<Option.Option<Seed.Seed>, ServerError> => {
  if (seed === undefined) return Effect.succeed(Option.none())
  if (typeof seed !== "string") return Effect.succeed(Option.some(seed))
  return Effect.tryPromise({
    try: () => NodeFs.readFile(seed, "utf8"),
    catch: (cause) => new ServerError({ message: `cannot read the seed file ${seed}`, cause })
  }).pipe(
    Effect.flatMap((text) =>
      Either.match(Seed.parse(text), {
        onLeft: (problem) => Effect.fail(new ServerError({ message: `${seed}: ${problem}` })),
        onRight: (parsed) => Effect.succeed(Option.some(parsed))
      })
    )
  )
}

/**
 * Starts the emulator in the current scope (closing the scope stops it and flushes `--data`).
 * @since 0.1.0
 */
export const serve = (
  options: StartOptions = {}
): Effect.Effect<Omit<Running, "stop">, ServerError | Persistence.PersistenceError, Scope.Scope | SecureRandom> =>
  Effect.gen(function* () {
    const clock = AdjustableClock.make(options.clock)
    return yield* Effect.withClock(serveOn(options, clock), clock)
  })

const serveOn = (options: StartOptions, clock: AdjustableClock.AdjustableClock) =>
  Effect.gen(function* () {
    const emulator = yield* Emulator.make(options)
    const seed = yield* loadSeed(options.seed)
    const chosen = Option.isSome(seed) ? seed.value : emulator.store.pools.size === 0 ? Seed.defaultSeed : { UserPools: [] }
    const applied = yield* Seed.apply(emulator, chosen).pipe(
      Effect.mapError((error) => new ServerError({ message: `the seed could not be applied: ${error.type}: ${error.message}` }))
    )
    const announced = Seed.announced(emulator, applied)
    if (Option.isNone(announced)) {
      return yield* Effect.fail(new ServerError({ message: "the seed must define at least one user pool with an app client" }))
    }
    const runtime = yield* Effect.runtime<never>()
    const limit = options.maxBodyBytes ?? 1024 * 1024
    const faults = Faults.make(options.faults, clock)
    const certificate = options.tls === true ? SelfSignedCertificate.generate([options.host ?? ""]) : options.tls || undefined
    const handler: NodeHttp.RequestListener = (request, response) => {
      const reply = (result: Reply) => {
        // An explicit length keeps Node from chunking the body: one write per answer.
        response.writeHead(result.status, { ...corsHeaders, ...result.headers, "content-length": Buffer.byteLength(result.body) })
        response.end(result.body)
      }
      if (request.method === "OPTIONS") {
        const requested = request.headers["access-control-request-headers"]
        response.writeHead(204, preflightHeaders(Array.isArray(requested) ? requested.join(", ") : requested))
        response.end()
        return
      }
      readBody(request, limit).then(
        (body) => {
          if (body === undefined) {
            const tooLarge = CognitoException.make("SerializationException", `The request body is larger than ${limit} bytes.`)
            reply({ ...Emulator.errorResponse(NodeCrypto.randomUUID(), tooLarge), status: 413 })
            return
          }
          let url: URL
          try {
            url = new URL(request.url ?? "/", "http://localhost")
          } catch {
            reply(jsonReply(400, { message: "Malformed request target" }))
            return
          }
          Faults.answer(faults, clock, request, response, () => Runtime.runPromise(runtime)(route(emulator, clock, {
            method: request.method ?? "GET",
            url,
            headers: request.headers,
            body,
            sourceIp: request.socket.remoteAddress
          }))).then(
            (result) => result === undefined ? undefined : reply(result),
            () => reply(jsonReply(500, { __type: "InternalErrorException", message: "An internal error occurred." }))
          )
        },
        () => response.destroy()
      )
    }
    const server = certificate === undefined ? NodeHttp.createServer(handler) : NodeHttps.createServer(certificate, handler)
    server.keepAliveTimeout = 5_000
    const port = yield* Effect.async<number, ServerError>((resume) => {
      const onError = (cause: Error) => resume(Effect.fail(new ServerError({ message: `cannot listen on ${options.host ?? "127.0.0.1"}:${options.port ?? 0}: ${cause.message}`, cause })))
      server.once("error", onError)
      server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
        server.off("error", onError)
        resume(Effect.succeed((server.address() as AddressInfo).port))
      })
    })
    yield* Effect.addFinalizer(() =>
      Effect.async<void>((resume) => {
        server.close(() => resume(Effect.void))
        server.closeAllConnections()
      })
    )
    const endpoint = `${certificate === undefined ? "http" : "https"}://${publicHost(options.host ?? "127.0.0.1")}:${port}`
    emulator.setEndpoint(endpoint)
    return {
      endpoint,
      port,
      ...(certificate === undefined ? {} : { certificate: certificate.cert }),
      ...announced.value,
      emulator,
      clock,
      faults,
      inbox: (username, filter = {}) => emulator.inbox.messages({ ...filter, ...(username !== undefined ? { username } : {}) }),
      latestCode: (username, purpose) =>
        emulator.inbox.latest({ username, ...(purpose !== undefined ? { purpose } : {}) })?.code
    } satisfies Omit<Running, "stop">
  })

const plainLogger = (log: (line: string) => void) =>
  Logger.make(({ cause, logLevel, message }) => {
    const text = (Array.isArray(message) ? message : [message]).map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ")
    const level = logLevel._tag === "Info" ? "" : `${logLevel.label.toLowerCase()}: `
    log(`${level}${text}${Cause.isEmpty(cause) ? "" : `\n${Cause.pretty(cause)}`}`)
  })

/**
 * Starts the emulator for code that does not use Effect: `await start({ port: 0 })`, then
 * `stop()` when done.
 * @since 0.1.0
 */
export const start = async (options: StartOptions = {}): Promise<Running> => {
  const scope = Effect.runSync(Scope.make())
  const logger = options.log === undefined ? Logger.remove(Logger.defaultLogger) : Logger.replace(Logger.defaultLogger, plainLogger(options.log))
  const program = serve(options).pipe(
    Scope.extend(scope),
    Effect.provide(logger),
    Effect.provide(SecureRandom.layer),
    Logger.withMinimumLogLevel(options.logLevel ?? LogLevel.Info)
  )
  const exit = await Effect.runPromiseExit(program)
  if (Exit.isFailure(exit)) {
    await Effect.runPromise(Scope.close(scope, exit))
    throw Cause.squash(exit.cause)
  }
  return { ...exit.value, stop: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}
