/**
 * Fault injection over HTTP: each kind as a client meets it, clock skew, per-operation rates, the
 * seeded draws, the counts and the retry audit, and the `--faults` argument.
 */
import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as CognitoFetchClient from "@cognito-effect/adapters/CognitoFetchClient"
import * as DescribeUserPool from "@cognito-effect/domain/wire/DescribeUserPool"
import * as Cli from "../src/Cli.js"
import * as Faults from "../src/Faults.js"
import { claimsOf, makeUser, srpClient, TestEmulator, uniqueName } from "./Harness.js"

/** One raw AWS JSON request; a connection that fails or a body cut short comes back as `failed`. */
const post = (operation: string, body: unknown, headers: Record<string, string> = {}) =>
  Effect.flatMap(TestEmulator, (emulator) =>
    Effect.promise(async () => {
      const started = Date.now()
      try {
        const response = await fetch(emulator.endpoint, {
          method: "POST",
          headers: {
            "content-type": "application/x-amz-json-1.1",
            "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
            ...headers
          },
          body: JSON.stringify(body)
        })
        const text = await response.text()
        return { status: response.status, headers: response.headers, text, millis: Date.now() - started } as const
      } catch (error) {
        return { failed: String(error), millis: Date.now() - started } as const
      }
    })
  )

const get = (path: string) =>
  Effect.flatMap(TestEmulator, (emulator) =>
    Effect.promise(async () => {
      const response = await fetch(`${emulator.endpoint}${path}`)
      return { status: response.status, headers: response.headers, json: (await response.json()) as any }
    })
  )

const stats = Effect.map(TestEmulator, (emulator) => emulator.faults.stats())

const describePool = Effect.flatMap(TestEmulator, (emulator) => post("DescribeUserPool", { UserPoolId: emulator.userPoolId }))

describe("Faults", () => {
  describe("parse", () => {
    it("reads the short form", () => {
      const parsed = Faults.parse("rate=0.2,kinds=500+503+drop,latency=50-400,skew=90,seed=7,InitiateAuth=0.5")
      assert.deepStrictEqual(parsed, Either.right({
        rate: 0.2,
        kinds: ["500", "503", "drop"],
        latencyMillis: [50, 400],
        clockSkewSeconds: 90,
        seed: 7,
        operations: { InitiateAuth: { rate: 0.5 } }
      }))
    })

    it("reads JSON", () => {
      const parsed = Faults.parse('{"rate":1,"kinds":["html"],"operations":{"GetUser":{"rate":0}},"latencyMillis":100}')
      assert.deepStrictEqual(parsed, Either.right({ rate: 1, kinds: ["html"], operations: { GetUser: { rate: 0 } }, latencyMillis: 100 }))
    })

    it("refuses rates outside 0–1, unknown kinds, unknown members and non-numbers", () => {
      for (const bad of ["rate=2", "kinds=500+fire", '{"rate":0.1,"speed":3}', "rate=often", "{not json"]) {
        assert.isTrue(Either.isLeft(Faults.parse(bad)), bad)
      }
    })

    it("is the CLI's --faults, and a bad value is a usage error", () => {
      const ok = Cli.parseArguments(["--faults", "rate=0.3,seed=1"])
      assert.deepStrictEqual("options" in ok ? ok.options.faults : undefined, { rate: 0.3, seed: 1 })
      const bad = Cli.parseArguments(["--faults", "rate=3"])
      assert.include("error" in bad ? bad.error : "", "--faults")
    })
  })

  describe("draws", () => {
    it("the same seed gives the same faults, and the rate is respected", () => {
      const sequence = (seed: number) => {
        const injector = Faults.make({ rate: 0.2, seed })
        return Array.from({ length: 2_000 }, () => injector.draw("InitiateAuth")?.kind ?? "-")
      }
      const first = sequence(42)
      assert.deepStrictEqual(sequence(42), first)
      assert.notDeepEqual(sequence(43), first)
      const faulted = first.filter((kind) => kind !== "-").length
      assert.isAbove(faulted, 300)
      assert.isBelow(faulted, 500)
      assert.includeMembers([...new Set(first)], ["500", "503", "throttling", "html", "latency", "drop", "truncated"])
    })

    it("a per-operation rate overrides the global one", () => {
      const injector = Faults.make({ rate: 1, operations: { GetUser: { rate: 0 } }, seed: 1 })
      assert.isUndefined(injector.draw("GetUser"))
      assert.isDefined(injector.draw("InitiateAuth"))
      assert.deepStrictEqual(Object.keys(injector.stats().faults), ["InitiateAuth"])
    })
  })

  layer(TestEmulator.layer({ faults: { rate: 1, kinds: ["500"], seed: 1 } }))("HTTP 500", (it) => {
    it.effect("answers Cognito's InternalErrorException instead of handling the request", () =>
      Effect.gen(function* () {
        const answer = yield* describePool
        assert.strictEqual("status" in answer ? answer.status : 0, 500)
        assert.deepStrictEqual("text" in answer ? JSON.parse(answer.text) : undefined, {
          __type: "InternalErrorException",
          message: "An internal error occurred."
        })
        assert.strictEqual("headers" in answer ? answer.headers.get("x-amzn-errortype") : "", "InternalErrorException:")
        // The emulator's own routes are never faulted.
        assert.strictEqual((yield* get("/_emulator/health")).status, 200)
        assert.deepStrictEqual((yield* stats).faults, { DescribeUserPool: { 500: 1 } })
      }))
  })

  layer(TestEmulator.layer({ faults: { rate: 1, kinds: ["503", "throttling"], seed: 3 } }))("503 and throttling", (it) => {
    it.effect("answer 503 ServiceUnavailableException or 400 ThrottlingException / TooManyRequestsException", () =>
      Effect.gen(function* () {
        const seen = new Set<string>()
        for (let i = 0; i < 20; i++) {
          const answer = yield* describePool
          if (!("status" in answer)) return assert.fail(String(answer.failed))
          seen.add(`${answer.status} ${JSON.parse(answer.text ?? "{}").__type}`)
        }
        assert.includeMembers([...seen], ["503 ServiceUnavailableException", "400 ThrottlingException", "400 TooManyRequestsException"])
      }))
  })

  layer(TestEmulator.layer({ faults: { rate: 1, kinds: ["html"], seed: 1 } }))("a proxy's page", (it) => {
    it.effect("is a 502 with an HTML body", () =>
      Effect.gen(function* () {
        const answer = yield* describePool
        assert.strictEqual("status" in answer ? answer.status : 0, 502)
        assert.strictEqual("headers" in answer ? answer.headers.get("content-type") : "", "text/html")
        assert.include("text" in answer ? answer.text : "", "<h1>502 Bad Gateway</h1>")
      }))
  })

  layer(TestEmulator.layer({ faults: { rate: 1, kinds: ["latency"], latencyMillis: 300, seed: 1 } }))("latency", (it) => {
    it.effect("delays the real answer", () =>
      Effect.gen(function* () {
        const answer = yield* describePool
        assert.strictEqual("status" in answer ? answer.status : 0, 200)
        assert.isAtLeast(answer.millis, 290)
      }))
  })

  layer(TestEmulator.layer({ faults: { rate: 1, kinds: ["drop"], seed: 5 } }))("dropped connections", (it) => {
    it.effect("fail the request, whether or not it was handled", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const names = Array.from({ length: 12 }, () => uniqueName("drop"))
        for (const name of names) {
          const answer = yield* post("SignUp", { ClientId: emulator.userPoolClientId, Username: `${name}@example.com`, Password: "Passw0rd!x" })
          assert.property(answer, "failed")
        }
        // Some drops came after the sign-up took effect, some before: both happen.
        const created = names.filter((name) => emulator.inbox(`${name}@example.com`).length > 0).length
        assert.isAbove(created, 0)
        assert.isBelow(created, names.length)
      }))
  })

  layer(TestEmulator.layer({ faults: { rate: 1, kinds: ["truncated"], seed: 2 } }))("truncated answers", (it) => {
    it.effect("cut the body partway and close the connection", () =>
      Effect.gen(function* () {
        for (let i = 0; i < 5; i++) {
          const answer = yield* describePool
          assert.property(answer, "failed")
        }
        assert.deepStrictEqual((yield* stats).faults, { DescribeUserPool: { truncated: 5 } })
      }))
  })

  layer(TestEmulator.layer({ faults: { clockSkewSeconds: -150 } }))("clock skew", (it) => {
    it.effect("puts the emulator's clock and Date headers behind the client's", () =>
      Effect.gen(function* () {
        const clock = yield* get("/_emulator/clock")
        assert.strictEqual(clock.json.offsetMillis, -150_000)
        const answer = yield* describePool
        const date = "headers" in answer ? Date.parse(answer.headers.get("date") ?? "") : Number.NaN
        assert.approximately(date, Date.now() - 150_000, 5_000)
      }))

    it.effect("a client with its own clock signs in within Cognito's 5-minute tolerance; tokens carry the emulator's time", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const username = `${uniqueName("skew")}@example.com`
        yield* makeUser(emulator.userPoolId, username, "Passw0rd!x", { email: username })
        const client = srpClient()
        const challenge = yield* post("InitiateAuth", {
          AuthFlow: "USER_SRP_AUTH",
          ClientId: emulator.userPoolClientId,
          AuthParameters: { USERNAME: username, SRP_A: client.srpA }
        })
        const parameters = "text" in challenge ? JSON.parse(challenge.text).ChallengeParameters : {}
        const answer = yield* post("RespondToAuthChallenge", {
          ChallengeName: "PASSWORD_VERIFIER",
          ClientId: emulator.userPoolClientId,
          // The client's own clock, 150 s ahead of the emulator's (a negative skew: regression for
        // AdjustableClock, which could not move back).
          ChallengeResponses: client.answer({ userPoolId: emulator.userPoolId, password: "Passw0rd!x", parameters, now: new Date() })
        })
        assert.strictEqual("status" in answer ? answer.status : 0, 200)
        const tokens = JSON.parse("text" in answer ? answer.text : "{}").AuthenticationResult
        assert.approximately((claimsOf(tokens.AccessToken).iat as number) * 1000, Date.now() - 150_000, 5_000)
      }))
  })

  layer(TestEmulator.layer({ faults: { rate: 0, operations: { DescribeUserPool: { rate: 1, kinds: ["503"] } }, seed: 1 } }))("counts and the retry audit", (it) => {
    it.effect("counts requests and retries per operation; a retry after a fault is allowed", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const attempt = (n: number) => ({ "amz-sdk-invocation-id": "11111111-2222-4333-8444-555555555555", "amz-sdk-request": `attempt=${n}; max=3` })
        yield* post("DescribeUserPool", { UserPoolId: emulator.userPoolId }, attempt(1))
        yield* post("DescribeUserPool", { UserPoolId: emulator.userPoolId }, attempt(2))
        yield* post("ListUsers", { UserPoolId: emulator.userPoolId }, attempt(1))
        const seen = yield* stats
        assert.deepStrictEqual(seen.requests, { DescribeUserPool: 2, ListUsers: 1 })
        assert.deepStrictEqual(seen.retries, { DescribeUserPool: 1 })
        assert.strictEqual(seen.retryViolations, 0)
        assert.deepStrictEqual((yield* get("/_emulator/faults")).json, seen)
      }))

    it.effect("a retry after a final answer is a violation", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const attempt = (n: number) => ({ "amz-sdk-invocation-id": "99999999-2222-4333-8444-555555555555", "amz-sdk-request": `attempt=${n}; max=3` })
        yield* post("ListUsers", { UserPoolId: emulator.userPoolId }, attempt(1))
        yield* post("ListUsers", { UserPoolId: emulator.userPoolId }, attempt(2))
        assert.strictEqual((yield* stats).retryViolations, 1)
      }))

    it.effect("the Cognito transport retries a 503 as its policy says: three attempts, then the error", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const earlier = yield* stats
        const before = earlier.requests["DescribeUserPool"] ?? 0
        const client = yield* CognitoFetchClient.make(emulator.endpoint)
        // Outside the TestClock: the backoff between attempts really sleeps.
        const error = yield* Effect.promise(() =>
          Effect.runPromise(Effect.flip(client.call(DescribeUserPool.operation, { UserPoolId: emulator.userPoolId })))
        )
        assert.strictEqual(error.amplifyName, "ServiceUnavailableException")
        const after = yield* stats
        assert.strictEqual((after.requests["DescribeUserPool"] ?? 0) - before, 3)
        assert.strictEqual(after.retryViolations, earlier.retryViolations)
      }))
  })
})
