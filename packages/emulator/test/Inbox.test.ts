import { assert, describe, it } from "@effect/vitest"
import * as Inbox from "../src/Inbox.js"

const message = (code: string, purpose: string, username = "uuid-1"): Inbox.Message => ({
  userPoolId: "us-east-1_P",
  username,
  code,
  medium: "EMAIL",
  destination: "ada@example.com",
  purpose,
  time: "2024-01-01T00:00:00.000Z"
})

describe("Inbox", () => {
  it("finds messages by any of the user's names or the destination, oldest first", () => {
    const inbox = new Inbox.Inbox()
    inbox.deliver(message("111111", "SIGN_UP"), ["uuid-1", "Ada@Example.com"])
    inbox.deliver(message("222222", "CUSTOM_CHALLENGE"), ["uuid-1", "Ada@Example.com"])
    inbox.deliver({ ...message("333333", "SIGN_UP", "uuid-2"), destination: "bob@example.com" }, ["uuid-2"])
    assert.deepStrictEqual(inbox.messages({ username: "ada@example.com" }).map((m) => m.code), ["111111", "222222"])
    assert.deepStrictEqual(inbox.messages({ username: "UUID-1", purpose: "SIGN_UP" }).map((m) => m.code), ["111111"])
    assert.strictEqual(inbox.latest({ username: "uuid-1" })?.code, "222222")
    assert.strictEqual(inbox.messages().length, 3)
    assert.deepStrictEqual(inbox.messages({ username: "bob@example.com" }).map((m) => m.code), ["333333"])
    assert.deepStrictEqual(inbox.messages({ userPoolId: "other" }), [])
    inbox.clear()
    assert.deepStrictEqual(inbox.messages(), [])
  })

  it("keeps only the newest messages beyond its capacity", () => {
    const inbox = new Inbox.Inbox(2)
    for (const code of ["1", "2", "3"]) inbox.deliver(message(code, "SIGN_UP"), ["u"])
    assert.deepStrictEqual(inbox.messages().map((m) => m.code), ["2", "3"])
  })

  it("describes a delivery in one readable line", () => {
    assert.strictEqual(Inbox.describe(message("123456", "SIGN_UP")), "inbox: EMAIL to ada@example.com for uuid-1 (SIGN_UP): 123456")
  })
})
