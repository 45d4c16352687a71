import { assert, describe, it } from "@effect/vitest"
import * as IdentityPools from "../src/IdentityPools.js"
import * as Store from "../src/Store.js"

const pool: IdentityPools.IdentityPool = {
  id: "us-east-1:6a3c1f0e-2b4d-4e8a-9c71-5d0f3b2a1e94",
  name: "identities",
  allowUnauthenticated: true,
  providers: [{ providerName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_Store1", clientId: "client1", serverSideTokenCheck: false }],
  createdAt: 1
}

const identity = (id: string, logins: ReadonlyArray<string>): IdentityPools.Identity => ({
  id,
  poolId: pool.id,
  logins,
  createdAt: 1,
  modifiedAt: 1
})

describe("IdentityPools", () => {
  it("the user pool id of a provider name is its last segment", () => {
    assert.strictEqual(IdentityPools.userPoolIdOf("cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC"), "us-east-1_AbC")
    assert.strictEqual(IdentityPools.userPoolIdOf("127.0.0.1:9229/us-east-1_AbC"), "us-east-1_AbC")
  })

  it("finds identities by any linked login, and reports changes", () => {
    let changes = 0
    const registry = new IdentityPools.Registry(() => changes++)
    registry.putPool(pool)
    registry.putIdentity(identity("us-east-1:guest", []))
    registry.putIdentity(identity("us-east-1:ada", [IdentityPools.loginKey("us-east-1_Store1", "ada-sub")]))
    assert.strictEqual(changes, 3)
    assert.strictEqual(registry.identityByLogins(pool.id, ["x|y", "us-east-1_Store1|ada-sub"])?.id, "us-east-1:ada")
    assert.isUndefined(registry.identityByLogins(pool.id, ["us-east-1_Store1|bob-sub"]))
    assert.strictEqual(registry.identity(pool.id, "us-east-1:guest")?.logins.length, 0)
  })

  it("round-trips through the store's snapshot, and older snapshots without identity pools still load", () => {
    const store = new Store.Store()
    store.identityPools.putPool(pool)
    store.identityPools.putIdentity(identity("us-east-1:ada", ["us-east-1_Store1|ada-sub"]))
    const restored = new Store.Store()
    restored.load(Store.decodeSnapshot(Store.encodeSnapshot(store.toSnapshot())))
    assert.deepStrictEqual(restored.identityPools.pool(pool.id), pool)
    assert.strictEqual(restored.identityPools.identityByLogins(pool.id, ["us-east-1_Store1|ada-sub"])?.id, "us-east-1:ada")

    const old = Store.decodeSnapshot(JSON.stringify({ version: 1, pools: [], origins: [], refreshTokens: [] }))
    restored.load(old)
    assert.strictEqual(restored.identityPools.size, 0)
    assert.notProperty(new Store.Store().toSnapshot(), "identityPools")
  })
})
