import { describe, expect, it } from "vitest"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Tokens from "@cognito-effect/domain/Tokens"
import { SessionCache, tokensValidUntil } from "@cognito-effect/auth/SessionCache"

const jwt = (payload: Record<string, unknown>) =>
  Either.getOrThrow(Tokens.decode(`e30.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.c2ln`))

const session = (exp: number, clockDrift = 0): Tokens.TokenSet => ({
  username: "alice",
  accessToken: jwt({ sub: "s", exp, iat: exp - 3600 }),
  idToken: jwt({ sub: "s", exp: exp + 100 }),
  refreshToken: Redacted.make("r"),
  clockDrift
})

describe("SessionCache", () => {
  it("tokens hold until Amplify's margin, clock drift counted", () => {
    expect(tokensValidUntil(session(1_000))).toBe(1_000_000 - 5_000)
    expect(tokensValidUntil(session(1_000, 2_000))).toBe(1_000_000 - 7_000)
    expect(tokensValidUntil({ ...session(1_000), accessToken: jwt({ sub: "s" }) })).toBe(Number.NEGATIVE_INFINITY)
  })

  it("keeps an answer while the storage version stands and the tokens hold", () => {
    let version: string | undefined = "1"
    const cache = new SessionCache<string>({ version: () => version })
    const mark = cache.mark()
    cache.remember("answer", mark, 0, session(1_000), undefined)
    expect(cache.lookup(994_999)).toBe("answer")
    expect(cache.lookup(995_000)).toBeUndefined()
    version = "2"
    expect(cache.lookup(0)).toBeUndefined()
  })

  it("keeps nothing when the storage changed while the answer was computed, or cannot tell", () => {
    let version: string | undefined = "1"
    const cache = new SessionCache<string>({ version: () => version })
    const mark = cache.mark()
    version = "2"
    cache.remember("stale", mark, 0, undefined, undefined)
    expect(cache.lookup(0)).toBeUndefined()
    version = undefined
    cache.remember("unknown", cache.mark(), 0, undefined, undefined)
    expect(cache.lookup(0)).toBeUndefined()
  })

  it("credentials hold 50 minutes from when they were first seen, and not past their expiration", () => {
    const cache = new SessionCache<string>({ version: () => "1" })
    const credentials = { accessKeyId: "ASIA1", secretAccessKey: Redacted.make("s"), expiration: new Date(3_600_000) }
    cache.remember("a", "1", 0, undefined, credentials)
    expect(cache.lookup(49 * 60_000)).toBe("a")
    // remembered again later with the same credentials: the 50 minutes still run from first sight
    cache.remember("b", "1", 40 * 60_000, undefined, credentials)
    expect(cache.lookup(50 * 60_000)).toBeUndefined()
    const short = { ...credentials, accessKeyId: "ASIA2", expiration: new Date(10 * 60_000) }
    cache.remember("c", "1", 0, undefined, short)
    expect(cache.lookup(5 * 60_000 - 1)).toBe("c")
    expect(cache.lookup(5 * 60_000)).toBeUndefined()
    cache.invalidate()
    expect(cache.lookup(0)).toBeUndefined()
  })
})
