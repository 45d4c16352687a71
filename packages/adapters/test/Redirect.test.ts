import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { NavigationError, Redirect } from "@cognito-effect/domain/services/Redirect"
import * as RedirectLive from "@cognito-effect/adapters/Redirect"

describe("Redirect", () => {
  it.effect("keeps an address in memory and records where it was sent", () =>
    Effect.gen(function* () {
      const memory = new RedirectLive.MemoryRedirect("http://127.0.0.1:5173/")
      const redirect = RedirectLive.fromHandler(memory)
      assert.strictEqual(yield* redirect.currentUrl, "http://127.0.0.1:5173/")
      yield* redirect.navigate("http://127.0.0.1:9229/oauth2/authorize?client_id=a")
      yield* redirect.replaceUrl("http://127.0.0.1:5173/")
      assert.deepStrictEqual(memory.navigations, ["http://127.0.0.1:9229/oauth2/authorize?client_id=a"])
      assert.strictEqual(yield* redirect.currentUrl, "http://127.0.0.1:5173/")
    }))

  it.effect("turns a handler that throws or rejects into NavigationError, without the URL's query", () =>
    Effect.gen(function* () {
      for (const navigate of [
        () => {
          throw new TypeError("blocked")
        },
        () => Promise.reject(new Error("refused"))
      ]) {
        const redirect = RedirectLive.fromHandler({ currentUrl: () => "https://app.example.com/", navigate })
        const error = yield* Effect.flip(redirect.navigate("https://auth.example.com/oauth2/authorize?state=secret"))
        assert.instanceOf(error, NavigationError)
        assert.notInclude(error.message, "secret")
      }
    }))

  it.effect("uses memory where there is no window", () =>
    Effect.gen(function* () {
      assert.strictEqual(yield* (yield* Redirect).currentUrl, "http://localhost/")
    }).pipe(Effect.provide(RedirectLive.layer)))
})
