/**
 * The AWS JSON 1.1 exchange as Amplify speaks it, independent of how bytes travel: request headers,
 * request body, Amplify's error-envelope parse, response decoding, and `exchange`, which runs one
 * call (encode once, then attempts with retries) over any `Send` function. The HTTP Layers and the
 * emulator's in-process Layer differ only in the `Send` they pass.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Random from "effect/Random"
import * as Schema from "effect/Schema"
import { CognitoServiceError, TransportError, type ServiceErrorMetadata } from "./AuthError.js"
import * as RetryPolicy from "./RetryPolicy.js"
import type { AwsJsonClient } from "./services/CognitoClient.js"
import type { Operation } from "./wire/Operation.js"

/** What a transport sends: everything but the URL, which the transport owns. @since 0.1.0 */
export interface WireRequest {
  /** The operation name (`InitiateAuth`), for the transport's own errors. */
  readonly operation: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** What a transport hands back: header names in any case, the body as text. @since 0.1.0 */
export interface WireResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** Sends one attempt. Fails only when no response came (network, abort). @since 0.1.0 */
export type Send = (request: WireRequest) => Effect.Effect<WireResponse, TransportError>

/** The error of every call. @since 0.1.0 */
export type CallError = CognitoServiceError | TransportError

/** @since 0.1.0 */
export const contentType = "application/x-amz-json-1.1"

/** Sent as `x-amz-user-agent` unless a client sets its own. @since 0.1.0 */
export const defaultUserAgent = "cognito-effect/0.1.0"

/** Per-attempt header values. @since 0.1.0 */
export interface HeaderOptions {
  /** `amz-sdk-invocation-id`: one UUID per call, the same on every attempt. */
  readonly invocationId?: string
  /** 1-based attempt number and the attempt budget, for `amz-sdk-request`. */
  readonly attempt?: number
  readonly maxAttempts?: number
  readonly userAgent?: string
  /** Extra headers (Amplify's `Auth.headers`), laid over the operation's own (see `requestHeaders`). */
  readonly custom?: Readonly<Record<string, string>>
}

/**
 * The request headers of one attempt, lower-case as Amplify sends them.
 *
 * Custom headers go where Amplify puts them: over the operation's own headers (`content-type`,
 * `x-amz-target`, `cache-control`), which they replace, and under the SDK headers added after
 * them: a custom `x-amz-user-agent` gets ours appended, a custom `amz-sdk-invocation-id` is
 * kept, and `amz-sdk-request` is always the attempt's.
 * @since 0.1.0
 */
export const requestHeaders = (
  operation: Operation<any, any, any, any>,
  options: HeaderOptions = {}
): Record<string, string> => {
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-amz-target": operation.target,
    "cache-control": "no-store"
  }
  for (const [name, value] of Object.entries(options.custom ?? {})) headers[name.toLowerCase()] = value
  const userAgent = options.userAgent ?? defaultUserAgent
  const customAgent = headers["x-amz-user-agent"]
  headers["x-amz-user-agent"] = customAgent === undefined || customAgent === "" ? userAgent : `${customAgent} ${userAgent}`
  if (options.invocationId !== undefined && !headers["amz-sdk-invocation-id"]) headers["amz-sdk-invocation-id"] = options.invocationId
  headers["amz-sdk-request"] = `attempt=${options.attempt ?? 1}; max=${options.maxAttempts ?? RetryPolicy.defaultMaxAttempts}`
  return headers
}

/**
 * The request body: the encoded input as JSON. Optional members that are absent are omitted,
 * like Amplify's `JSON.stringify` of an object with `undefined` values.
 * @since 0.1.0
 */
export const encodeRequest = <I, IE, O, OE>(
  operation: Operation<I, IE, O, OE>,
  input: I
): Effect.Effect<string, ParseResult.ParseError> =>
  Effect.map(Schema.encode(operation.request)(input), (encoded) => JSON.stringify(encoded))

const header = (headers: Readonly<Record<string, string>>, name: string): string | undefined => {
  const exact = headers[name]
  if (exact !== undefined) return exact
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value
  return undefined
}

const parseJson = (body: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } => {
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch {
    return { ok: false }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const stringField = (body: Record<string, unknown>, key: string): string | undefined => {
  const value = body[key]
  return typeof value === "string" ? value : undefined
}

/**
 * Amplify's error-name cleanup: keep the text before the first `,` or `:`, then the part after a
 * `#` (`NotAuthorizedException:http://…` and `com.amazonaws.cognito#NotAuthorizedException` both
 * give `NotAuthorizedException`).
 * @since 0.1.0
 */
export const sanitizeErrorName = (raw: string): string => {
  const clean = raw.split(/[,:]+/)[0] ?? ""
  return clean.includes("#") ? (clean.split("#")[1] ?? "") : clean
}

/**
 * Amplify's error metadata: the status and whichever request-id headers came back.
 * @since 0.1.0
 */
export const errorMetadata = (response: Pick<WireResponse, "status" | "headers">): ServiceErrorMetadata => {
  const requestId =
    header(response.headers, "x-amzn-requestid") ??
    header(response.headers, "x-amzn-request-id") ??
    header(response.headers, "x-amz-request-id")
  const extendedRequestId = header(response.headers, "x-amz-id-2")
  const cfId = header(response.headers, "x-amz-cf-id")
  return {
    httpStatusCode: response.status,
    ...(requestId !== undefined ? { requestId } : {}),
    ...(extendedRequestId !== undefined ? { extendedRequestId } : {}),
    ...(cfId !== undefined ? { cfId } : {})
  }
}

/**
 * Decodes an error response (status ≥ 300) with Amplify's algorithm. Where Amplify would throw a
 * bare `SyntaxError` (the body is not a JSON object: an HTML page from a proxy, an empty body),
 * this decides instead:
 * - an `x-amzn-errortype` header still names the exception → `CognitoServiceError` with that name
 *   and message `Unknown error`;
 * - otherwise → `TransportError { reason: "InvalidResponse", httpStatusCode }`. Its Amplify name
 *   is `Unknown`, which is what Amplify reports for such a body, and `RetryPolicy.isRetryable`
 *   retries it exactly when the status is 429/500/502/503/504.
 * @since 0.1.0
 */
export const decodeError = (operation: Operation<any, any, any, any>, response: WireResponse): CallError => {
  const errorType = header(response.headers, "x-amzn-errortype")
  const parsed = parseJson(response.body)
  const body = parsed.ok && isRecord(parsed.value) ? parsed.value : undefined
  if (body === undefined && errorType === undefined) {
    return new TransportError({
      reason: "InvalidResponse",
      operation: operation.name,
      message: `${operation.name} failed with HTTP ${response.status} and a body that is not a JSON error envelope`,
      httpStatusCode: response.status
    })
  }
  const raw = errorType ?? (body && (stringField(body, "code") ?? stringField(body, "__type"))) ?? "UnknownError"
  return new CognitoServiceError({
    exception: sanitizeErrorName(raw),
    message: (body && (stringField(body, "message") ?? stringField(body, "Message"))) ?? "Unknown error",
    operation: operation.name,
    metadata: errorMetadata(response)
  })
}

const pathOf = (issue: ParseResult.ArrayFormatterIssue) => issue.path.length === 0 ? "(root)" : issue.path.map(String).join(".")

// Paths and issue kinds only: a parse error's own message quotes the actual values, which may be tokens.
const describeParseError = (error: ParseResult.ParseError): string => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => `${pathOf(issue)} (${issue._tag})`)
  return [...new Set(issues)].join(", ")
}

/**
 * The error for an input its operation's Schema cannot encode — a JavaScript caller passed a number
 * where a string belongs, an object where a list belongs, nothing where a member is required.
 * Amplify would send such a body and Cognito would refuse it, so it is refused here, before
 * sending, under the name Cognito gives it: `SerializationException` when a value has the wrong
 * type, `InvalidParameterException` when a member is missing or breaks a constraint. The message
 * names paths only, never values. It has no HTTP metadata: no request was made.
 * @since 0.1.0
 */
export const inputError = (operation: Operation<any, any, any, any>, error: ParseResult.ParseError): CognitoServiceError => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const wrongType = issues.filter((issue) => issue._tag !== "Missing" && issue._tag !== "Refinement")
  const paths = (list: ReadonlyArray<ParseResult.ArrayFormatterIssue>) => [...new Set(list.map(pathOf))]
  return wrongType.length > 0 || issues.length === 0
    ? wrongTypeError(operation, paths(wrongType))
    : invalidParameterError(operation, paths(issues))
}

const wrongTypeError = (operation: Operation<any, any, any, any>, paths: ReadonlyArray<string>) =>
  new CognitoServiceError({
    exception: "SerializationException",
    message: `${operation.name} was not sent: a value of the wrong type at ${paths.join(", ") || "(root)"}`,
    operation: operation.name,
    metadata: {}
  })

const invalidParameterError = (operation: Operation<any, any, any, any>, paths: ReadonlyArray<string>) =>
  new CognitoServiceError({
    exception: "InvalidParameterException",
    message: `${paths.length} validation error${paths.length === 1 ? "" : "s"} detected: ${
      paths.map((path) => `Value at '${path}' failed to satisfy constraint`).join("; ")
    }`,
    operation: operation.name,
    metadata: {}
  })

/**
 * `inputError` for one member a step must look inside before encoding (a record to turn into an
 * attribute list): absent is `InvalidParameterException`, any other unusable value
 * `SerializationException`.
 * @since 0.1.0
 */
export const invalidMember = (operation: Operation<any, any, any, any>, member: string, value: unknown): CognitoServiceError =>
  value === undefined || value === null ? invalidParameterError(operation, [member]) : wrongTypeError(operation, [member])

/**
 * Decodes a response: status ≥ 300 goes through `decodeError`; a 2xx body is parsed as JSON (an
 * empty body counts as `{}`, so empty-output operations accept both) and decoded with the
 * operation's response Schema. A body that is not JSON, or does not match, is
 * `TransportError { reason: "InvalidResponse" }`.
 * @since 0.1.0
 */
export const decodeResponse = <I, IE, O, OE>(
  operation: Operation<I, IE, O, OE>,
  response: WireResponse
): Effect.Effect<O, CallError> => {
  if (response.status >= 300) return Effect.fail(decodeError(operation, response))
  const invalid = (detail: string) =>
    new TransportError({
      reason: "InvalidResponse",
      operation: operation.name,
      message: `Invalid ${operation.name} response: ${detail}`,
      httpStatusCode: response.status
    })
  const parsed = response.body.trim() === "" ? { ok: true as const, value: {} } : parseJson(response.body)
  if (!parsed.ok) return Effect.fail(invalid("the body is not JSON"))
  return Effect.mapError(Schema.decodeUnknown(operation.response, { errors: "all" })(parsed.value), (error) =>
    invalid(describeParseError(error))
  )
}

const hex = (bytes: ReadonlyArray<number>) => bytes.map((byte) => byte.toString(16).padStart(2, "0")).join("")

/**
 * A random UUID v4 from Effect's `Random`, for `amz-sdk-invocation-id`.
 * @since 0.1.0
 */
export const invocationId: Effect.Effect<string> = Effect.map(
  Effect.all(Array.from({ length: 16 }, () => Random.nextIntBetween(0, 256))),
  (bytes) => {
    bytes[6] = (bytes[6]! & 0x0f) | 0x40
    bytes[8] = (bytes[8]! & 0x3f) | 0x80
    const h = hex(bytes)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }
)

/** How one client runs its calls. @since 0.1.0 */
export interface ExchangeOptions {
  readonly retry?: RetryPolicy.RetryOptions
  readonly userAgent?: string
  /** Extra headers, resolved once per call (before the first attempt). */
  readonly headers?: Effect.Effect<Readonly<Record<string, string>>>
}

/**
 * Runs one call: encode the input once, draw one invocation id, then send attempts through
 * `RetryPolicy.withRetry` (per-attempt timeout, Amplify's retry decision and backoff), decoding
 * each response. An input that its own Schema cannot encode (untyped JavaScript callers) fails
 * with `inputError` and sends nothing.
 * @since 0.1.0
 */
export const exchange = <I, IE, O, OE>(
  operation: Operation<I, IE, O, OE>,
  input: I,
  send: Send,
  options: ExchangeOptions = {}
): Effect.Effect<O, CallError> =>
  Effect.gen(function* () {
    const body = yield* Effect.mapError(encodeRequest(operation, input), (error) => inputError(operation, error))
    const id = yield* invocationId
    const custom = options.headers === undefined ? {} : yield* options.headers
    const maxAttempts = RetryPolicy.maxAttempts(options.retry)
    return yield* RetryPolicy.withRetry(
      operation.name,
      (attempt) =>
        Effect.flatMap(
          send({
            operation: operation.name,
            headers: requestHeaders(operation, {
              invocationId: id,
              attempt,
              maxAttempts,
              userAgent: options.userAgent ?? defaultUserAgent,
              custom
            }),
            body
          }),
          (response) => decodeResponse(operation, response)
        ),
      options.retry
    )
  }).pipe(
    Effect.withSpan(`${operation.service}.${operation.name}`, {
      kind: "client",
      attributes: { "rpc.system": "aws-api", "rpc.service": operation.service, "rpc.method": operation.name }
    })
  )

/**
 * A client for the `CognitoClient` / `IdentityClient` ports: every call is an `exchange` over `send`.
 * @since 0.1.0
 */
export const makeClient = (send: Send, options: ExchangeOptions = {}): AwsJsonClient => ({
  call: (operation, input) => exchange(operation, input, send, options)
})

/**
 * A client for a pool the configuration lacks. Steps check the configuration (and fail with
 * `AuthConfigError`) before calling, so reaching this is a programming error: a defect.
 * @since 0.1.0
 */
export const unconfiguredClient = (what: string): AwsJsonClient => ({
  call: (operation) => Effect.dieMessage(`${operation.name}: no ${what} endpoint is configured`)
})
