// chai's deep equality compares Errors by name and message only: `expect` tells these errors apart.
import { assert, describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Random from "effect/Random"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import { CognitoServiceError, TransportError } from "@cognito-effect/domain/AuthError"
import * as RetryPolicy from "@cognito-effect/domain/RetryPolicy"

const service = (exception: string, httpStatusCode = 400) =>
  new CognitoServiceError({ exception, message: "m", operation: "InitiateAuth", metadata: { httpStatusCode } })

const transport = (reason: TransportError["reason"], httpStatusCode?: number) =>
  new TransportError({
    reason,
    operation: "InitiateAuth",
    message: "m",
    ...(httpStatusCode !== undefined ? { httpStatusCode } : {})
  })

const fast = { schedule: Schedule.spaced("1 millis"), timeout: "5 seconds" } as const

describe("RetryPolicy.isRetryable", () => {
  it("retries network failures and timeouts", () => {
    assert.isTrue(RetryPolicy.isRetryable(transport("Network")))
    assert.isTrue(RetryPolicy.isRetryable(transport("Timeout")))
  })

  it("retries an undecodable answer only for the retryable statuses", () => {
    for (const status of [429, 500, 502, 503, 504]) assert.isTrue(RetryPolicy.isRetryable(transport("InvalidResponse", status)))
    for (const status of [200, 400, 403, 501]) assert.isFalse(RetryPolicy.isRetryable(transport("InvalidResponse", status)))
    assert.isFalse(RetryPolicy.isRetryable(transport("InvalidResponse")))
  })

  it("retries service errors by status", () => {
    for (const status of [429, 500, 502, 503, 504]) assert.isTrue(RetryPolicy.isRetryable(service("InternalErrorException", status)))
    assert.isFalse(RetryPolicy.isRetryable(service("InternalErrorException", 501)))
  })

  it("retries Amplify's throttling, clock-skew and timeout names on a 400", () => {
    const names = [
      "BandwidthLimitExceeded", "EC2ThrottledException", "LimitExceededException", "PriorRequestNotComplete",
      "ProvisionedThroughputExceededException", "RequestLimitExceeded", "RequestThrottled",
      "RequestThrottledException", "SlowDown", "ThrottledException", "Throttling", "ThrottlingException",
      "TooManyRequestsException", "AuthFailure", "InvalidSignatureException", "RequestExpired",
      "RequestInTheFuture", "RequestTimeTooSkewed", "SignatureDoesNotMatch", "BadRequestException",
      "TimeoutError", "RequestTimeout", "RequestTimeoutException"
    ]
    for (const name of names) assert.isTrue(RetryPolicy.isRetryable(service(name)), name)
  })

  it("never retries ordinary 4xx service errors", () => {
    for (const name of ["NotAuthorizedException", "UserNotFoundException", "CodeMismatchException", "UnknownError", "throttlingexception"]) {
      assert.isFalse(RetryPolicy.isRetryable(service(name)), name)
    }
  })
})

describe("RetryPolicy.amplifyBackoff", () => {
  const delays = (count: number) =>
    Effect.map(
      Schedule.run(Schedule.delays(RetryPolicy.amplifyBackoff), 0, Array.from({ length: count }, () => undefined)),
      (out) => Chunk.toReadonlyArray(out).map(Duration.toMillis)
    )

  it.effect("waits 200–300 ms, then 400–500 ms, then 800–900 ms", () =>
    Effect.gen(function* () {
      for (let run = 0; run < 20; run++) {
        const [first, second, third] = yield* delays(3)
        assert.isTrue(first! >= 200 && first! < 300, `first ${first}`)
        assert.isTrue(second! >= 400 && second! < 500, `second ${second}`)
        assert.isTrue(third! >= 800 && third! < 900, `third ${third}`)
      }
    }))

  it.effect("draws its jitter from Random", () =>
    Effect.gen(function* () {
      const a = yield* Effect.withRandom(delays(3), Random.make("seed"))
      const b = yield* Effect.withRandom(delays(3), Random.make("seed"))
      const c = yield* Effect.withRandom(delays(3), Random.make("other"))
      assert.deepStrictEqual(a, b)
      assert.notDeepEqual(a, c)
    }))

  it.effect("caps the delay at 5 minutes", () =>
    Effect.gen(function* () {
      const all = yield* delays(20)
      assert.strictEqual(all[19], 5 * 60 * 1000)
    }))
})

describe("RetryPolicy.withRetry", () => {
  const failingWith = (errors: ReadonlyArray<CognitoServiceError | TransportError>, seen: Ref.Ref<Array<number>>) =>
    (attempt: number) =>
      Effect.flatMap(Ref.update(seen, (all) => [...all, attempt]), () => {
        const error = errors[attempt - 1]
        return error === undefined ? Effect.succeed(`ok on ${attempt}`) : Effect.fail(error)
      })

  it.live("numbers the attempts and succeeds after retryable failures", () =>
    Effect.gen(function* () {
      const seen = yield* Ref.make<Array<number>>([])
      const result = yield* RetryPolicy.withRetry(
        "GetUser",
        failingWith([service("InternalErrorException", 500), transport("Network")], seen),
        fast
      )
      assert.strictEqual(result, "ok on 3")
      assert.deepStrictEqual(yield* Ref.get(seen), [1, 2, 3])
    }))

  it.live("makes 3 attempts in all, then surfaces the last error", () =>
    Effect.gen(function* () {
      const seen = yield* Ref.make<Array<number>>([])
      const errors = [service("ThrottlingException"), service("ThrottlingException"), service("TooManyRequestsException"), service("x")]
      const exit = yield* Effect.exit(RetryPolicy.withRetry("GetUser", failingWith(errors, seen), fast))
      expect(exit).toEqual(Exit.fail(errors[2]!))
      assert.deepStrictEqual(yield* Ref.get(seen), [1, 2, 3])
    }))

  it.live("stops at the first error that is not retryable", () =>
    Effect.gen(function* () {
      const seen = yield* Ref.make<Array<number>>([])
      const errors = [service("InternalErrorException", 500), service("NotAuthorizedException"), service("x")]
      const exit = yield* Effect.exit(RetryPolicy.withRetry("GetUser", failingWith(errors, seen), fast))
      expect(exit).toEqual(Exit.fail(errors[1]!))
      assert.deepStrictEqual(yield* Ref.get(seen), [1, 2])
    }))

  it.live("honours maxAttempts", () =>
    Effect.gen(function* () {
      const seen = yield* Ref.make<Array<number>>([])
      const errors = Array.from({ length: 9 }, () => transport("Network"))
      yield* Effect.exit(RetryPolicy.withRetry("GetUser", failingWith(errors, seen), { ...fast, maxAttempts: 5 }))
      assert.deepStrictEqual(yield* Ref.get(seen), [1, 2, 3, 4, 5])
      yield* Ref.set(seen, [])
      yield* Effect.exit(RetryPolicy.withRetry("GetUser", failingWith(errors, seen), { ...fast, maxAttempts: 1 }))
      assert.deepStrictEqual(yield* Ref.get(seen), [1])
    }))

  it.live("times out each attempt, interrupting it, and retries the timeout", () =>
    Effect.gen(function* () {
      const interrupted = yield* Ref.make(0)
      const result = yield* RetryPolicy.withRetry(
        "GetUser",
        (attempt) =>
          attempt === 1 ? Effect.onInterrupt(Effect.never, () => Ref.update(interrupted, (n) => n + 1)) : Effect.succeed("second"),
        { schedule: Schedule.spaced("1 millis"), timeout: "30 millis" }
      )
      assert.strictEqual(result, "second")
      assert.strictEqual(yield* Ref.get(interrupted), 1)
    }))

  it.live("fails with a Timeout TransportError when every attempt hangs", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        RetryPolicy.withRetry("GetUser", () => Effect.never, { schedule: Schedule.spaced("1 millis"), timeout: "20 millis", maxAttempts: 2 })
      )
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual(error.reason, "Timeout")
      assert.strictEqual(error.operation, "GetUser")
    }))

  // The jitter is pinned (0.99 → +99 ms) so the windows below are exact; with free jitter the
  // third attempt could land before 699 ms and the test was flaky (regression).
  it.effect("waits Amplify's delays by default", () =>
    Effect.withRandom(Random.fixed([0.99]))(Effect.gen(function* () {
      const seen = yield* Ref.make<Array<number>>([])
      const errors = [service("InternalErrorException", 500), service("InternalErrorException", 500), service("InternalErrorException", 500)]
      const fiber = yield* Effect.fork(RetryPolicy.withRetry("GetUser", failingWith(errors, seen)))
      yield* TestClock.adjust("199 millis")
      assert.deepStrictEqual(yield* Ref.get(seen), [1])
      yield* TestClock.adjust("101 millis")
      assert.deepStrictEqual(yield* Ref.get(seen), [1, 2])
      yield* TestClock.adjust("399 millis")
      assert.deepStrictEqual(yield* Ref.get(seen), [1, 2])
      yield* TestClock.adjust("101 millis")
      assert.deepStrictEqual(yield* Ref.get(seen), [1, 2, 3])
      const exit = yield* Fiber.await(fiber)
      expect(exit).toEqual(Exit.fail(errors[2]!))
    })))
})
