/**
 * Amplify v6's retry policy for Cognito calls, as a `Schedule`: which errors are retried, the
 * jittered exponential backoff, three attempts in all, plus a per-attempt timeout (Amplify has
 * none). `withRetry` applies it; every transport uses it through `AwsJson.exchange`.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import { TransportError, type CognitoServiceError } from "./AuthError.js"

type CallError = CognitoServiceError | TransportError

/** Statuses Amplify retries. @since 0.1.0 */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 500, 502, 503, 504])

/** Throttling exception names Amplify retries. @since 0.1.0 */
export const throttlingErrors: ReadonlySet<string> = new Set([
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException"
])

/** "Clock skew" names Amplify retries (`BadRequestException` included, as Amplify does). @since 0.1.0 */
export const clockSkewErrors: ReadonlySet<string> = new Set([
  "AuthFailure",
  "InvalidSignatureException",
  "RequestExpired",
  "RequestInTheFuture",
  "RequestTimeTooSkewed",
  "SignatureDoesNotMatch",
  "BadRequestException"
])

/** Timeout names Amplify retries. @since 0.1.0 */
export const timeoutErrors: ReadonlySet<string> = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"])

/**
 * Amplify's retry decision. Network failures and timeouts are retried; an answer is retried when
 * its status is 429/500/502/503/504 or its exception is a throttling, clock-skew or timeout name.
 * A 2xx body that does not decode is not retried (the same request would get the same body).
 * @since 0.1.0
 */
export const isRetryable = (error: CallError): boolean => {
  if (error._tag === "TransportError") {
    return error.reason !== "InvalidResponse" ||
      (error.httpStatusCode !== undefined && retryableStatuses.has(error.httpStatusCode))
  }
  const status = error.metadata.httpStatusCode
  return (status !== undefined && retryableStatuses.has(status)) ||
    throttlingErrors.has(error.exception) ||
    clockSkewErrors.has(error.exception) ||
    timeoutErrors.has(error.exception)
}

/** @since 0.1.0 */
export const defaultMaxAttempts = 3

/** @since 0.1.0 */
export const defaultTimeout: Duration.Duration = Duration.seconds(30)

const maxDelay = Duration.minutes(5)

/**
 * Amplify's jittered backoff: the delay before attempt n+1 is 2^n × 100 ms plus 0–100 ms of jitter
 * from `Random` (n = attempts made so far: 200–300 ms, then 400–500 ms, …), capped at 5 minutes.
 * It recurs forever; `withRetry` bounds the attempts.
 * @since 0.1.0
 */
export const amplifyBackoff: Schedule.Schedule<Duration.Duration> = Schedule.exponential("200 millis", 2).pipe(
  Schedule.modifyDelayEffect((_, delay) =>
    Effect.map(Random.next, (jitter) => Duration.min(Duration.sum(delay, Duration.millis(jitter * 100)), maxDelay))
  )
)

/**
 * Per-client retry settings.
 * - `maxAttempts`: attempts in all, the first included (default 3; 1 disables retries).
 * - `schedule`: the delays between attempts (default `amplifyBackoff`); the retry decision stays
 *   `isRetryable`.
 * - `timeout`: per attempt, covering the response body (default 30 s, long enough for Cognito's
 *   Lambda triggers; `Duration.infinity` disables it, as in Amplify). A timeout is retried.
 * @since 0.1.0
 */
export interface RetryOptions {
  readonly maxAttempts?: number
  readonly schedule?: Schedule.Schedule<unknown, CallError>
  readonly timeout?: Duration.DurationInput
}

/** The attempt budget of `options`, at least 1. @since 0.1.0 */
export const maxAttempts = (options?: RetryOptions): number =>
  Math.max(1, Math.floor(options?.maxAttempts ?? defaultMaxAttempts))

/**
 * Runs `attempt(1)`, `attempt(2)`, … under the policy: each attempt gets the timeout (failing with
 * `TransportError { reason: "Timeout" }` and interrupting the attempt, which aborts its request),
 * and a retryable failure is retried after the schedule's delay until the attempts run out; the
 * last error surfaces unchanged.
 * @since 0.1.0
 */
export const withRetry = <A, E extends CallError, R>(
  operation: string,
  attempt: (attemptNumber: number) => Effect.Effect<A, E, R>,
  options?: RetryOptions
): Effect.Effect<A, E | TransportError, R> => {
  const timeout = Duration.decode(options?.timeout ?? defaultTimeout)
  const limited = (n: number): Effect.Effect<A, E | TransportError, R> =>
    Duration.isFinite(timeout)
      ? Effect.timeoutFail(attempt(n), {
        duration: timeout,
        onTimeout: () =>
          new TransportError({
            reason: "Timeout",
            operation,
            message: `${operation} got no response within ${Duration.format(timeout)}`
          })
      })
      : attempt(n)
  return Effect.flatMap(Ref.make(0), (attempts) =>
    Effect.retry(Effect.flatMap(Ref.updateAndGet(attempts, (n) => n + 1), limited), {
      schedule: options?.schedule ?? amplifyBackoff,
      times: maxAttempts(options) - 1,
      while: isRetryable
    }))
}
