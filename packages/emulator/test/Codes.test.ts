import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Codes from "../src/Codes.js"
import type * as Store from "../src/Store.js"

const user = (attributes: Record<string, string>) => ({ username: "u", attributes }) as unknown as Store.User
const pool = (AutoVerifiedAttributes: ReadonlyArray<string>) => ({ settings: { PoolName: "p", AutoVerifiedAttributes } }) as unknown as Store.Pool

describe("Codes", () => {
  it("masks destinations as CodeDeliveryDetails show them", () => {
    assert.strictEqual(Codes.mask({ medium: "EMAIL", destination: "ada@example.com", attributeName: "email" }), "a***@e***")
    assert.strictEqual(Codes.mask({ medium: "SMS", destination: "+15555550123", attributeName: "phone_number" }), "+*******0123")
  })

  it("sign-up codes go to an auto-verified attribute, the phone first", () => {
    const both = user({ email: "a@example.com", phone_number: "+15555550123" })
    assert.strictEqual(Codes.signUpDelivery(pool(["email"]), both)?.medium, "EMAIL")
    assert.strictEqual(Codes.signUpDelivery(pool(["email", "phone_number"]), both)?.medium, "SMS")
    assert.strictEqual(Codes.signUpDelivery(pool(["email", "phone_number"]), user({ email: "a@example.com" }))?.medium, "EMAIL")
    assert.isUndefined(Codes.signUpDelivery(pool([]), both))
    assert.isUndefined(Codes.signUpDelivery(pool(["phone_number"]), user({ email: "a@example.com" })))
  })

  it("counts code requests per key in a rolling window, counting nothing when a key is full", () => {
    const start = 1_700_000_000_000
    let counted = user({})
    for (let i = 0; i < Codes.requestLimit.requests; i++) counted = Either.getOrThrow(Codes.countRequests(counted, ["FORGOT_PASSWORD"], start + i))
    const refused = Codes.countRequests(counted, ["VERIFY_ATTRIBUTE:email", "FORGOT_PASSWORD"], start + 10)
    assert.isTrue(Either.isLeft(refused))
    assert.strictEqual(Either.isLeft(refused) ? refused.left.type : undefined, "LimitExceededException")
    assert.deepStrictEqual(
      Either.getOrThrow(Codes.countRequests(counted, ["VERIFY_ATTRIBUTE:email"], start + 10)).codeRequests?.["VERIFY_ATTRIBUTE:email"],
      [start + 10]
    )
    // The oldest request leaves the window exactly `windowMillis` later, making room for one more.
    const later = start + Codes.requestLimit.windowMillis
    const again = Either.getOrThrow(Codes.countRequests(counted, ["FORGOT_PASSWORD"], later))
    assert.deepStrictEqual(again.codeRequests?.["FORGOT_PASSWORD"], [start + 1, start + 2, start + 3, start + 4, later])
    assert.isTrue(Either.isLeft(Codes.countRequests(again, ["FORGOT_PASSWORD"], later)))
  })

  it("details carry the masked destination", () => {
    assert.deepStrictEqual(Codes.details({ medium: "EMAIL", destination: "ada@example.com", attributeName: "email" }), {
      Destination: "a***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email"
    })
  })
})
