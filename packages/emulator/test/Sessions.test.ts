import { assert, describe, it } from "@effect/vitest"
import * as Sessions from "../src/Sessions.js"

const session = (id: string, expiresAt: number): Sessions.ChallengeSession => ({
  id, poolId: "p", clientId: "c", username: "u", flow: "USER_SRP_AUTH", challenge: "PASSWORD_VERIFIER", passed: [], expiresAt
})

describe("Sessions", () => {
  it("each session is taken once", () => {
    const sessions = new Sessions.Sessions()
    sessions.put(session("a", 1000), 0)
    assert.strictEqual((sessions.take("a", 10) as Sessions.ChallengeSession).id, "a")
    assert.strictEqual(sessions.take("a", 10), "Missing")
  })

  it("an expired session is refused as such, and sweeping forgets it", () => {
    const sessions = new Sessions.Sessions()
    sessions.put(session("a", 1000), 0)
    assert.strictEqual(sessions.take("a", 1000), "Expired")
    sessions.put(session("b", 1000), 0)
    sessions.put(session("c", 5000 + Sessions.expiredRetentionMillis), 0)
    sessions.sweep(1000 + Sessions.expiredRetentionMillis)
    assert.strictEqual(sessions.size, 1)
  })

  it("a sweep soon after expiry keeps the session, so a late answer still hears it expired", () => {
    const sessions = new Sessions.Sessions()
    sessions.put(session("a", 1000), 0)
    sessions.sweep(1000 + 5 * 60_000)
    assert.strictEqual(sessions.take("a", 1000 + 5 * 60_000), "Expired")
  })
})
