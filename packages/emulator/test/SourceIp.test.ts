import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as SourceIp from "../src/SourceIp.js"

describe("SourceIp", () => {
  it("drops the IPv4-mapped IPv6 prefix and nothing else", () => {
    assert.strictEqual(SourceIp.normalize("::ffff:127.0.0.1"), "127.0.0.1")
    assert.strictEqual(SourceIp.normalize("::1"), "::1")
    assert.strictEqual(SourceIp.normalize("2001:db8::ffff:1"), "2001:db8::ffff:1")
    assert.strictEqual(SourceIp.normalize("192.0.2.7"), "192.0.2.7")
    assert.isUndefined(SourceIp.normalize(""))
    assert.isUndefined(SourceIp.normalize(undefined))
  })

  it.effect("is known inside `within` only", () =>
    Effect.gen(function* () {
      assert.isUndefined(yield* SourceIp.get)
      assert.strictEqual(yield* SourceIp.get.pipe(SourceIp.within("::ffff:10.1.2.3")), "10.1.2.3")
      assert.isUndefined(yield* SourceIp.get)
    }))
})
