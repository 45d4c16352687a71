import { assert, describe, it } from "@effect/vitest"
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

  it("details carry the masked destination", () => {
    assert.deepStrictEqual(Codes.details({ medium: "EMAIL", destination: "ada@example.com", attributeName: "email" }), {
      Destination: "a***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email"
    })
  })
})
