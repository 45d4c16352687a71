import { assert, describe, it } from "@effect/vitest"
import * as AdvancedSecurityData from "@cognito-effect/adapters/AdvancedSecurityData"
import * as Layers from "@cognito-effect/adapters/Layers"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import * as UserContextData from "@cognito-effect/domain/services/UserContextData"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

const userPoolId = "us-east-1_Xk3Lp9QzT"
const clientId = "3n4b5urk1ft4fl3mg5e62d9ado"
const config = { Auth: { Cognito: { userPoolId, userPoolClientId: clientId } } }

type Scope = { AmazonCognitoAdvancedSecurityData?: unknown }

/** Runs `effect` with `AmazonCognitoAdvancedSecurityData` set to `collector` on the global object. */
const withGlobal = <A, E, R>(collector: unknown, effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      ;(globalThis as Scope).AmazonCognitoAdvancedSecurityData = collector
    }),
    () => effect,
    () => Effect.sync(() => delete (globalThis as Scope).AmazonCognitoAdvancedSecurityData)
  )

/** A collector that records what it was asked and answers `answer`. */
const recording = (answer: (username: string) => unknown) => {
  const calls: Array<ReadonlyArray<string>> = []
  return {
    calls,
    collector: {
      getData: (username: string, pool: string, client: string) => {
        calls.push([username, pool, client])
        return answer(username)
      }
    }
  }
}

/** The data for `username`, `null` for none (chai's deep equality does not tell `Option`s apart). */
const encodedData = (username: string) =>
  Effect.flatMap(UserContextData.UserContextData, (service) =>
    Effect.map(service.encodedData(username, userPoolId, clientId), Option.getOrNull))

describe("AdvancedSecurityData", () => {
  it.effect("asks the page's collector with the username, pool id and client id", () => {
    const { calls, collector } = recording((username) => `encoded-for-${username}`)
    return withGlobal(
      collector,
      Effect.gen(function* () {
        assert.deepStrictEqual(yield* encodedData("alice"), "encoded-for-alice")
        assert.deepStrictEqual(calls, [["alice", userPoolId, clientId]])
      })
    ).pipe(Effect.provide(AdvancedSecurityData.layer))
  })

  it.effect("gives no data without the script", () =>
    Effect.gen(function* () {
      assert.isUndefined((globalThis as Scope).AmazonCognitoAdvancedSecurityData)
      assert.isNull(yield* encodedData("alice"))
    }).pipe(Effect.provide(AdvancedSecurityData.layer)))

  it.effect("looks the script up at call time, not when the Layer is built", () =>
    Effect.gen(function* () {
      assert.isNull(yield* encodedData("alice"))
      const { collector } = recording(() => "late")
      assert.deepStrictEqual(yield* withGlobal(collector, encodedData("alice")), "late")
      assert.isNull(yield* encodedData("alice"))
    }).pipe(Effect.provide(AdvancedSecurityData.layer)))

  it.effect("a collector that throws gives no data and no failure", () =>
    withGlobal(
      {
        getData: () => {
          throw new TypeError("collector broke")
        }
      },
      Effect.gen(function* () {
        assert.isNull(yield* encodedData("alice"))
      })
    ).pipe(Effect.provide(AdvancedSecurityData.layer)))

  it.effect("only a non-empty string is data; a global without getData is no collector", () =>
    Effect.gen(function* () {
      for (const answer of [undefined, null, "", 42, { EncodedData: "x" }]) {
        const service = AdvancedSecurityData.make(() => ({ getData: () => answer }))
        assert.isNull(Option.getOrNull(yield* service.encodedData("alice", userPoolId, clientId)))
      }
      for (const global of [{}, "script", { getData: "not a function" }]) {
        assert.isNull(yield* withGlobal(global, encodedData("alice")))
      }
    }).pipe(Effect.provide(AdvancedSecurityData.layer)))

  it.effect("Layers.make wires the page's collector by default, and takes another in its options", () =>
    Effect.gen(function* () {
      const { collector } = recording((username) => `encoded-for-${username}`)
      const member = withGlobal(collector, Effect.flatMap(AuthConfig.userPool, (pool) => UserContextData.member(pool, "alice")))
      assert.deepStrictEqual(yield* Effect.provide(member, Layers.fromConfig(config)), {
        UserContextData: { EncodedData: "encoded-for-alice" }
      })
      assert.deepStrictEqual(
        yield* Effect.provide(member, Layers.fromConfig(config, { userContextData: UserContextData.UserContextData.layerNone })),
        {}
      )
    }))
})
