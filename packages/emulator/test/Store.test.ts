import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Store from "../src/Store.js"

const pool = (settings: Record<string, unknown> = {}): Store.Pool => ({
  id: "us-east-1_Store1",
  createdAt: 1,
  modifiedAt: 1,
  settings: { PoolName: "p", ...settings },
  schema: [],
  signingKey: { kid: "k", privateJwk: Redacted.make({ kty: "RSA" }) },
  decoySecret: Redacted.make("secret")
})

const user = (username: string, attributes: Record<string, string> = {}): Store.User =>
  Store.newUser({ username, attributes: { sub: `${username}-sub`, ...attributes }, status: "CONFIRMED", now: 1 })

describe("Store", () => {
  it("finds users by name, case-insensitively by default", () => {
    const store = new Store.Store()
    const state = store.putPool(pool())
    store.putUser(state, user("Alice"))
    assert.strictEqual(store.findUser(state, "alice")?.username, "Alice")
    const sensitive = new Store.Store()
    const strict = sensitive.putPool(pool({ UsernameConfiguration: { CaseSensitive: true } }))
    sensitive.putUser(strict, user("Alice"))
    assert.isUndefined(sensitive.findUser(strict, "alice"))
  })

  it("username attributes always sign in; alias attributes only once verified", () => {
    const store = new Store.Store()
    const byEmail = store.putPool(pool({ UsernameAttributes: ["email"] }))
    store.putUser(byEmail, user("uuid-1", { email: "A@Example.com" }))
    assert.strictEqual(store.findUser(byEmail, "a@example.com")?.username, "uuid-1")

    const aliased = new Store.Store()
    const state = aliased.putPool({ ...pool({ AliasAttributes: ["email", "preferred_username"] }), id: "us-east-1_Store2" })
    aliased.putUser(state, user("bob", { email: "bob@example.com", preferred_username: "bobby" }))
    assert.isUndefined(aliased.findUser(state, "bob@example.com"))
    assert.strictEqual(aliased.findUser(state, "BOBBY")?.username, "bob")
    aliased.putUser(state, user("bob", { email: "bob@example.com", email_verified: "true" }))
    assert.strictEqual(aliased.findUser(state, "bob@example.com")?.username, "bob")
    // The old alias went with the update.
    assert.isUndefined(aliased.findUser(state, "bobby"))
  })

  it("revoking a user's families, and pruning what expired", () => {
    const store = new Store.Store()
    const origin = (jti: string, username: string, expiresAt: number): Store.Origin => ({
      jti, poolId: "p", clientId: "c", username, authTime: 0, expiresAt, revoked: false
    })
    store.putOrigin(origin("a", "u1", 100))
    store.putOrigin(origin("b", "u1", 300))
    store.putOrigin(origin("c", "u2", 300))
    store.putRefreshToken({ digest: "d-a", originJti: "a", issuedAt: 0, expiresAt: 100 })
    store.revokeUserOrigins("p", "u1")
    assert.isTrue(store.origins.get("a")!.revoked && store.origins.get("b")!.revoked)
    assert.isFalse(store.origins.get("c")!.revoked)
    store.prune(200)
    assert.deepStrictEqual([...store.origins.keys()], ["b", "c"])
    assert.strictEqual(store.refreshTokens.size, 0)
  })

  it("a snapshot round-trips through JSON, secrets included, and listeners hear changes", () => {
    const store = new Store.Store()
    let changes = 0
    store.onChange(() => changes++)
    const state = store.putPool(pool({ AliasAttributes: ["email"] }))
    store.putClient(state, { id: "client1", poolId: state.pool.id, name: "c", secret: Redacted.make("s3cret"), createdAt: 1, modifiedAt: 1, settings: {} })
    store.putUser(state, user("carol", { email: "c@example.com", email_verified: "true" }))
    assert.isAtLeast(changes, 3)
    const text = Store.encodeSnapshot(store.toSnapshot())
    assert.include(text, "s3cret")
    const restored = new Store.Store()
    restored.load(Store.decodeSnapshot(text))
    const found = restored.findClient("client1")!
    assert.strictEqual(Redacted.value(found.client.secret!), "s3cret")
    assert.strictEqual(restored.findUser(found.state, "c@example.com")?.username, "carol")
    assert.throws(() => Store.decodeSnapshot('{"version":2}'))
  })
})
