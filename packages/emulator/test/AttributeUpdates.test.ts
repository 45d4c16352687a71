import { assert, describe, it } from "@effect/vitest"
import * as AttributeUpdates from "../src/AttributeUpdates.js"
import * as Store from "../src/Store.js"

const code: Store.PendingCode = { digest: "d", expiresAt: 0, failures: 0, medium: "EMAIL", destination: "new@example.com", attributeName: "email" }

const user = (extra: Partial<Store.User> = {}): Store.User => ({
  ...Store.newUser({
    username: "u",
    attributes: { sub: "s", email: "old@example.com", email_verified: "true", phone_number: "+15555550100" },
    status: "CONFIRMED",
    now: 0
  }),
  ...extra
})

const pool = (kept: ReadonlyArray<"email" | "phone_number">) =>
  ({ settings: { PoolName: "p", UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: kept } } }) as unknown as Store.Pool

describe("AttributeUpdates", () => {
  it("reads the pool's AttributesRequireVerificationBeforeUpdate", () => {
    assert.isTrue(AttributeUpdates.keepsOriginal(pool(["email"]), "email"))
    assert.isFalse(AttributeUpdates.keepsOriginal(pool(["email"]), "phone_number"))
    assert.isFalse(AttributeUpdates.keepsOriginal({ settings: { PoolName: "p" } } as unknown as Store.Pool, "email"))
  })

  it("codes go to the value waiting for verification, else the current one", () => {
    assert.deepStrictEqual(AttributeUpdates.verificationDelivery(user(), "email"), { medium: "EMAIL", destination: "old@example.com", attributeName: "email" })
    assert.deepStrictEqual(AttributeUpdates.verificationDelivery(user({ pendingAttributes: { email: "new@example.com" } }), "email"), {
      medium: "EMAIL",
      destination: "new@example.com",
      attributeName: "email"
    })
    assert.deepStrictEqual(AttributeUpdates.verificationDelivery(user(), "phone_number"), { medium: "SMS", destination: "+15555550100", attributeName: "phone_number" })
    assert.isUndefined(AttributeUpdates.verificationDelivery(user(), "name"))
    assert.isUndefined(AttributeUpdates.verificationDelivery(user({ attributes: { sub: "s" } }), "email"))
  })

  it("a code sent to the waiting value swaps it in; any other only verifies", () => {
    const waiting = user({ pendingAttributes: { email: "new@example.com", phone_number: "+15555550199" } })
    const swapped = AttributeUpdates.verified(waiting, "email", "new@example.com", 5)
    assert.strictEqual(swapped.attributes["email"], "new@example.com")
    assert.strictEqual(swapped.attributes["email_verified"], "true")
    assert.deepStrictEqual(swapped.pendingAttributes, { phone_number: "+15555550199" })
    assert.strictEqual(swapped.modifiedAt, 5)
    const last = AttributeUpdates.verified(user({ pendingAttributes: { email: "new@example.com" } }), "email", "new@example.com", 5)
    assert.notProperty(last, "pendingAttributes")

    const stale = AttributeUpdates.verified(waiting, "email", "old@example.com", 5)
    assert.strictEqual(stale.attributes["email"], "old@example.com")
    assert.deepStrictEqual(stale.pendingAttributes, waiting.pendingAttributes)
    const phone = AttributeUpdates.verified(user(), "phone_number", "+15555550100", 5)
    assert.strictEqual(phone.attributes["phone_number_verified"], "true")
  })

  it("deleting an attribute forgets its waiting value and code", () => {
    const waiting = user({ pendingAttributes: { email: "new@example.com" }, codes: { [AttributeUpdates.codeKey("email")]: code, SIGN_UP: code } })
    const forgotten = AttributeUpdates.forget(waiting, "email")
    assert.notProperty(forgotten, "pendingAttributes")
    assert.deepStrictEqual(Object.keys(forgotten.codes), ["SIGN_UP"])
    const nothingWaiting = user({ codes: { SIGN_UP: code } })
    assert.strictEqual(AttributeUpdates.forget(nothingWaiting, "email"), nothingWaiting)
  })
})
