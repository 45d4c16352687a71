/**
 * Fault injection for the HTTP server: the failures a Cognito client meets in production, on
 * purpose and reproducibly. Each AWS JSON request (a `POST` with `X-Amz-Target`) draws, with the
 * rate configured for its operation (or the global one), one fault among the enabled kinds:
 *
 * - `500`: Cognito's `InternalErrorException` envelope, HTTP 500, instead of handling the request;
 * - `503`: `ServiceUnavailableException`, HTTP 503, instead of handling it;
 * - `throttling`: HTTP 400 `ThrottlingException` or `TooManyRequestsException`, instead of handling it;
 * - `html`: a proxy's HTTP 502 page (not JSON), instead of handling it;
 * - `latency`: the request is handled after a delay (`latencyMillis`, default 50–500 ms);
 * - `drop`: the connection is destroyed without an answer — before or after the request was
 *   handled (a coin toss: as on a real network, the client cannot tell whether it took effect);
 * - `truncated`: the request is handled and its answer cut off partway, the connection closed.
 *
 * `clockSkewSeconds` moves the emulator's clock away from the client's (positive: the emulator is
 * ahead); its `Date` headers follow. Draws come from a PRNG seeded with `seed` (random when
 * absent, and reported), so a run that sends the same requests in the same order meets the same
 * faults. The `/_emulator/*` routes, preflights, the JWKS and the hosted UI are never faulted.
 *
 * The injector also counts, per operation, requests, retries (`amz-sdk-request: attempt=n`, n > 1)
 * and faults by kind, and audits retries: a retry of an invocation (`amz-sdk-invocation-id`) whose
 * previous attempt got a final answer (not 5xx, throttling, or a lost answer) is a policy
 * violation. `GET /_emulator/faults` answers the counts as JSON. Memory stays bounded: counts are
 * kept for known operations only and the audit remembers the last 10 000 invocations.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as NodeCrypto from "node:crypto"
import type * as NodeHttp from "node:http"
import type * as AdjustableClock from "./AdjustableClock.js"
import * as Operations from "./Operations.js"

/** @since 0.1.0 */
export const kinds = ["500", "503", "throttling", "html", "latency", "drop", "truncated"] as const

/** @since 0.1.0 */
export type Kind = (typeof kinds)[number]

const Kind = Schema.Literal(...kinds)
const Rate = Schema.Number.pipe(Schema.between(0, 1))
const Millis = Schema.Number.pipe(Schema.nonNegative())

/** The `--faults` / `start({ faults })` settings. @since 0.1.0 */
export const Options = Schema.Struct({
  /** probability (0–1) that a request is faulted, for operations without their own rate (default 0) */
  rate: Schema.optional(Rate),
  /** the kinds to draw from (default: all) */
  kinds: Schema.optional(Schema.Array(Kind)),
  /** per-operation settings by operation name (`InitiateAuth`), overriding `rate` and `kinds` */
  operations: Schema.optional(
    Schema.Record({ key: Schema.String, value: Schema.Struct({ rate: Schema.optional(Rate), kinds: Schema.optional(Schema.Array(Kind)) }) })
  ),
  /** a latency fault's delay in ms: a fixed number or `[min, max]` (default `[50, 500]`) */
  latencyMillis: Schema.optional(Schema.Union(Millis, Schema.Tuple(Millis, Millis))),
  /** the emulator's clock minus the client's, in seconds (default 0) */
  clockSkewSeconds: Schema.optional(Schema.Number),
  /** the PRNG seed (default: random, reported in the stats) */
  seed: Schema.optional(Schema.Int)
}).annotations({ identifier: "FaultOptions" })

/** @since 0.1.0 */
export type Options = typeof Options.Type

const decodeOptions = Schema.decodeUnknownEither(Options, { errors: "all", onExcessProperty: "error" })

const describe = (error: ParseResult.ParseError) =>
  ParseResult.ArrayFormatter.formatErrorSync(error)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ")

const number = (key: string, text: string): Either.Either<number, string> => {
  const value = Number(text)
  return text.trim() !== "" && Number.isFinite(value) ? Either.right(value) : Either.left(`${key} must be a number, not "${text}"`)
}

/**
 * Reads the `--faults` argument: a JSON object (`Options`) or the short form
 * `rate=0.2,kinds=500+503+drop,latency=50-400,skew=90,seed=7,InitiateAuth=0.5` (a capitalised
 * key is an operation's rate).
 * @since 0.1.0
 */
export const parse = (text: string): Either.Either<Options, string> => {
  const trimmed = text.trim()
  if (trimmed.startsWith("{")) {
    return Either.flatMap(
      Either.try({ try: () => JSON.parse(trimmed) as unknown, catch: () => "--faults is not valid JSON" }),
      (json) => Either.mapLeft(decodeOptions(json), describe)
    )
  }
  const raw: Record<string, unknown> = {}
  const operations: Record<string, { rate: number }> = {}
  for (const pair of trimmed.split(",").filter((part) => part.trim() !== "")) {
    const [key = "", value = ""] = pair.split("=").map((part) => part.trim())
    const parsed: Either.Either<unknown, string> =
      key === "kinds"
        ? Either.right(value.split("+").filter((kind) => kind !== ""))
        : key === "latency"
          ? value.includes("-")
            ? Either.all(value.split("-").map((part) => number("latency", part)))
            : number("latency", value)
          : number(key, value)
    if (Either.isLeft(parsed)) return Either.left(parsed.left)
    if (/^[A-Z]/.test(key)) operations[key] = { rate: parsed.right as number }
    else if (key === "latency") raw["latencyMillis"] = parsed.right
    else if (key === "skew") raw["clockSkewSeconds"] = parsed.right
    else raw[key] = parsed.right
  }
  if (Object.keys(operations).length > 0) raw["operations"] = operations
  return Either.mapLeft(decodeOptions(raw), describe)
}

/** What the injector has seen. @since 0.1.0 */
export interface Stats {
  readonly seed: number
  /** requests per operation (retries included) */
  readonly requests: Readonly<Record<string, number>>
  /** requests per operation that were a retry (`attempt=n`, n > 1) */
  readonly retries: Readonly<Record<string, number>>
  /** faults injected per operation and kind */
  readonly faults: Readonly<Record<string, Readonly<Partial<Record<Kind, number>>>>>
  /** retries after a final answer (a client retrying what its policy should not) */
  readonly retryViolations: number
}

/** One fault, drawn for one request. @since 0.1.0 */
export type Fault =
  | { readonly kind: "500" | "503" | "throttling" | "html"; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string }
  | { readonly kind: "latency"; readonly millis: number }
  | { readonly kind: "drop"; readonly handled: boolean }
  | { readonly kind: "truncated"; readonly fraction: number }

/** @since 0.1.0 */
export interface Injector {
  /** the emulator's clock minus the client's, in milliseconds */
  readonly skewMillis: number
  /** Draws the fault (if any) for one request of `operation`. */
  readonly draw: (operation: string) => Fault | undefined
  /** Counts one request, and audits it when it is a retry. */
  readonly record: (operation: string, headers: NodeHttp.IncomingHttpHeaders) => void
  /** Records how an invocation's attempt ended: `retryable` when a retry is allowed after it. */
  readonly outcome: (headers: NodeHttp.IncomingHttpHeaders, retryable: boolean) => void
  readonly stats: () => Stats
}

/**
 * A small, fast, seedable PRNG (mulberry32): the same seed, the same draws in [0, 1). Also what
 * the soak run draws its simulated users' choices from.
 * @since 0.1.0
 */
export const prng = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const json = "application/x-amz-json-1.1"

const envelope = (kind: "500" | "503" | "throttling", status: number, type: string, message: string): Fault => ({
  kind,
  status,
  headers: { "content-type": json, "x-amzn-errortype": `${type}:`, "x-amzn-requestid": NodeCrypto.randomUUID() },
  body: JSON.stringify({ __type: type, message })
})

const proxyPage: Fault = {
  kind: "html",
  status: 502,
  headers: { "content-type": "text/html" },
  body: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
}

const attemptOf = (headers: NodeHttp.IncomingHttpHeaders): number => {
  const value = headers["amz-sdk-request"]
  const match = /attempt=(\d+)/.exec(Array.isArray(value) ? (value[0] ?? "") : (value ?? ""))
  return match === null ? 1 : Number(match[1])
}

const invocationOf = (headers: NodeHttp.IncomingHttpHeaders): string | undefined => {
  const value = headers["amz-sdk-invocation-id"]
  return Array.isArray(value) ? value[0] : value
}

const auditCapacity = 10_000

/**
 * An injector for `options`. With clock skew, the emulator's `clock` is moved by it now.
 * @since 0.1.0
 */
export const make = (options: Options = {}, clock?: AdjustableClock.AdjustableClock): Injector => {
  const seed = options.seed ?? NodeCrypto.randomInt(0, 2 ** 31)
  const next = prng(seed)
  const skewMillis = Math.round((options.clockSkewSeconds ?? 0) * 1000)
  if (skewMillis !== 0) clock?.adjust(skewMillis)
  const [latencyMin, latencyMax] = typeof options.latencyMillis === "number"
    ? [options.latencyMillis, options.latencyMillis]
    : options.latencyMillis ?? [50, 500]
  const requests = new Map<string, number>()
  const retries = new Map<string, number>()
  const faults = new Map<string, Map<Kind, number>>()
  // invocation id → whether its last attempt may be retried; oldest first, bounded.
  const lastOutcome = new Map<string, boolean>()
  let retryViolations = 0

  const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1)

  const pick = (operation: string): Fault | undefined => {
    const own = options.operations?.[operation]
    const rate = own?.rate ?? options.rate ?? 0
    const enabled = own?.kinds ?? options.kinds ?? kinds
    if (rate <= 0 || enabled.length === 0 || next() >= rate) return undefined
    const kind = enabled[Math.floor(next() * enabled.length)]!
    switch (kind) {
      case "500":
        return envelope("500", 500, "InternalErrorException", "An internal error occurred.")
      case "503":
        return envelope("503", 503, "ServiceUnavailableException", "Service Unavailable")
      case "throttling":
        return next() < 0.5
          ? envelope("throttling", 400, "ThrottlingException", "Rate exceeded")
          : envelope("throttling", 400, "TooManyRequestsException", "Too many requests")
      case "html":
        return proxyPage
      case "latency":
        return { kind, millis: Math.round(latencyMin + next() * Math.max(0, latencyMax - latencyMin)) }
      case "drop":
        return { kind, handled: next() < 0.5 }
      case "truncated":
        return { kind, fraction: next() }
    }
  }

  return {
    skewMillis,
    draw: (operation) => {
      const fault = pick(operation)
      if (fault !== undefined) {
        const counts = faults.get(operation) ?? new Map<Kind, number>()
        faults.set(operation, bump(counts, fault.kind))
      }
      return fault
    },
    record: (operation, headers) => {
      bump(requests, operation)
      if (attemptOf(headers) <= 1) return
      bump(retries, operation)
      const invocation = invocationOf(headers)
      if (invocation !== undefined && lastOutcome.get(invocation) === false) retryViolations++
    },
    outcome: (headers, retryable) => {
      const invocation = invocationOf(headers)
      if (invocation === undefined) return
      lastOutcome.delete(invocation)
      lastOutcome.set(invocation, retryable)
      if (lastOutcome.size > auditCapacity) lastOutcome.delete(lastOutcome.keys().next().value!)
    },
    stats: () => ({
      seed,
      requests: Object.fromEntries(requests),
      retries: Object.fromEntries(retries),
      faults: Object.fromEntries([...faults].map(([operation, counts]) => [operation, Object.fromEntries(counts)])),
      retryViolations
    })
  }
}

/** An answer as the server writes it. @since 0.1.0 */
export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** Whether a client's policy may retry after this answer (Amplify's rule: 5xx, 429, throttling). */
const retryableReply = (reply: Reply): boolean => {
  if (reply.status >= 500 || reply.status === 429) return true
  const type = reply.headers["x-amzn-errortype"] ?? ""
  return /^(ThrottlingException|TooManyRequestsException|LimitExceededException|RequestTimeout)/.test(type)
}

const operationOf = (request: NodeHttp.IncomingMessage): string | undefined => {
  const target = request.headers["x-amz-target"]
  if (request.method !== "POST" || target === undefined) return undefined
  return Operations.byTarget.get(Array.isArray(target) ? (target[0] ?? "") : target)?.operation.name ?? "(unknown)"
}

const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis))

/**
 * Answers one HTTP request through the injector. `handle` produces the normal answer; the result
 * is the reply to write, or `undefined` when the fault already dealt with the connection (dropped,
 * truncated). `GET /_emulator/faults` is answered here with the stats.
 * @since 0.1.0
 */
export const answer = async (
  injector: Injector,
  clock: { readonly unsafeCurrentTimeMillis: () => number },
  request: NodeHttp.IncomingMessage,
  response: NodeHttp.ServerResponse,
  handle: () => Promise<Reply>
): Promise<Reply | undefined> => {
  if (injector.skewMillis !== 0) response.setHeader("date", new Date(clock.unsafeCurrentTimeMillis()).toUTCString())
  if (request.method === "GET" && request.url?.split("?")[0] === "/_emulator/faults") {
    return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(injector.stats()) }
  }
  const operation = operationOf(request)
  if (operation === undefined) return handle()
  injector.record(operation, request.headers)
  const fault = injector.draw(operation)
  // An answer the client never fully receives may always be retried.
  response.once("close", () => {
    if (!response.writableFinished) injector.outcome(request.headers, true)
  })
  const finish = (reply: Reply) => {
    injector.outcome(request.headers, retryableReply(reply))
    return reply
  }
  if (fault === undefined) return finish(await handle())
  switch (fault.kind) {
    case "500":
    case "503":
    case "throttling":
    case "html":
      return finish(fault)
    case "latency":
      await sleep(fault.millis)
      return finish(await handle())
    case "drop":
      if (fault.handled) await handle()
      request.socket.destroy()
      return undefined
    case "truncated": {
      const reply = await handle()
      const body = Buffer.from(reply.body, "utf8")
      if (body.length === 0) {
        request.socket.destroy()
        return undefined
      }
      const cut = Math.min(body.length - 1, Math.floor(fault.fraction * body.length))
      // The full length is announced, part of the body sent: the client sees the connection end early.
      response.writeHead(reply.status, { ...reply.headers, "content-length": String(body.length) })
      response.write(body.subarray(0, Math.max(0, cut)), () => request.socket.destroy())
      return undefined
    }
  }
}
