/**
 * The spec's SRP vectors (`spec/srp-test-vectors.json`, vectors 1 and 2) through the emulator's
 * own server side, over HTTP:
 *
 * 1. the pool id and user name give the vector's poolName and userId; the stored password is
 *    made by the emulator's `Passwords.credential` with its random salt pinned to the vector's
 *    (`SecureRandom` is the seam), and must equal the vector's verifier `v`;
 * 2. InitiateAuth with the vector's `SRP_A` is answered with the vector's SALT and user id;
 * 3. the server's ephemeral is then pinned to the vector's `b` (with the vector's SECRET_BLOCK):
 *    the emulator draws 32 random bytes for `b` and 64 for the secret block, so no random source
 *    can yield the vector's 128-byte `b` and 27-byte block; the challenge session is swapped in
 *    the emulator's session table instead, with `B` from the server's formula, which must equal
 *    the vector's `B`;
 * 4. RespondToAuthChallenge with the vector's TIMESTAMP and PASSWORD_CLAIM_SIGNATURE, on an
 *    emulator whose clock starts at that TIMESTAMP, signs in; a tampered signature, another
 *    TIMESTAMP, or another vector's signature is refused.
 */
import { assert, layer } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as Srp from "@cognito-effect/domain/Srp"
import * as NodeFs from "node:fs"
import * as PasswordVerifier from "../src/challenges/PasswordVerifier.js"
import * as Passwords from "../src/Passwords.js"
import type * as Sessions from "../src/Sessions.js"
import { call, claimsOf, ok, TestEmulator } from "./Harness.js"

interface Vector {
  readonly name: string
  readonly poolName: string
  readonly userId: string
  readonly password: string
  readonly saltHex: string
  readonly bHex: string
  readonly v: string
  readonly A: string
  readonly B: string
  readonly secretBlock: string
  readonly timestamp: string
  readonly signature: string
}

const file = JSON.parse(NodeFs.readFileSync(new URL("../../../../shared/spec/srp-test-vectors.json", import.meta.url), "utf8")) as {
  readonly vectors: ReadonlyArray<Vector>
}
const vector1 = file.vectors.find((vector) => vector.name === "user-srp")!
const vector2 = file.vectors.find((vector) => vector.name === "user-srp-highbit-salt")!

const poolId = (vector: Vector) => `us-east-1_${vector.poolName}`
const clientId = (vector: Vector) => `vectors${vector.poolName.toLowerCase()}client`

/** A pool whose id carries the vector's pool name, a client, and the vector's user (no password yet). */
const seedFor = (vector: Vector) => ({
  UserPools: [
    {
      Id: poolId(vector),
      PoolName: `vectors-${vector.name}`,
      // Vector 2's password ("pässwörd-✓") has no capital and no digit.
      Policies: { PasswordPolicy: { MinimumLength: 6, RequireUppercase: false, RequireLowercase: false, RequireNumbers: false, RequireSymbols: false } },
      Clients: [{ Id: clientId(vector), ClientName: "vectors", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH" as const, "ALLOW_REFRESH_TOKEN_AUTH" as const] }],
      Users: [{ Username: vector.userId }]
    }
  ]
})

/** A clock that runs from `millis` on (the emulator checks TIMESTAMP against its clock). */
const clockFrom = (millis: number): Clock.Clock => {
  const offset = millis - Date.now()
  const now = () => Date.now() + offset
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: now,
    unsafeCurrentTimeNanos: () => BigInt(now()) * 1_000_000n,
    currentTimeMillis: Effect.sync(now),
    currentTimeNanos: Effect.sync(() => BigInt(now()) * 1_000_000n),
    sleep: (duration) => Clock.make().sleep(duration)
  }
}

/** A random source that answers every request for `bytes.length` bytes with `bytes`. */
const pinnedRandom = (bytes: Uint8Array) => ({
  bytes: (length: number) =>
    Effect.sync(() => (length === bytes.length ? Uint8Array.from(bytes) : globalThis.crypto.getRandomValues(new Uint8Array(length))))
})

/** Stores the vector's password through the emulator's own credential path, with the salt pinned. */
const storeVectorPassword = (vector: Vector) =>
  Effect.gen(function* () {
    const { emulator } = yield* TestEmulator
    const state = emulator.store.pools.get(poolId(vector))!
    const user = emulator.store.findUser(state, vector.userId)!
    const password = yield* emulator.run(
      Passwords.credential({ pool: state.pool, username: user.username, password: Redacted.make(vector.password), temporary: false, now: 0 }).pipe(
        Effect.provideService(SecureRandom, pinnedRandom(Srp.hexToBytes(vector.saltHex)))
      )
    )
    emulator.store.putUser(state, { ...user, password })
    return password
  })

/**
 * InitiateAuth with the vector's A, then the answered session swapped for one holding the
 * vector's `b` and SECRET_BLOCK. Returns the challenge as the emulator sent it.
 */
const pinnedChallenge = (vector: Vector) =>
  Effect.gen(function* () {
    const { emulator, clock } = yield* TestEmulator
    const challenge = yield* ok("InitiateAuth", {
      AuthFlow: "USER_SRP_AUTH",
      ClientId: clientId(vector),
      AuthParameters: { USERNAME: vector.userId, SRP_A: vector.A }
    })
    const parameters = challenge.ChallengeParameters as Record<string, string>
    const now = clock.unsafeCurrentTimeMillis()
    const session = emulator.backend.sessions.take(parameters["SECRET_BLOCK"]!, now)
    if (typeof session === "string" || session.srp === undefined) return assert.fail(`no SRP session behind the SECRET_BLOCK (${String(session)})`)
    const stored = emulator.store.findUser(emulator.store.pools.get(poolId(vector))!, vector.userId)!.password!
    const b = Srp.hexToBigInt(vector.bHex)
    const B = Srp.serverB(Srp.hexToBigInt(stored.verifier), b, emulator.backend.modPow)
    const pinned: Sessions.ChallengeSession = { ...session, id: vector.secretBlock, srp: { A: session.srp.A, b, B } }
    emulator.backend.sessions.put(pinned, now)
    return { parameters, A: session.srp.A, B }
  })

const answer = (vector: Vector, overrides: { readonly signature?: string; readonly timestamp?: string } = {}) =>
  call("RespondToAuthChallenge", {
    ChallengeName: "PASSWORD_VERIFIER",
    ClientId: clientId(vector),
    ChallengeResponses: {
      USERNAME: vector.userId,
      PASSWORD_CLAIM_SECRET_BLOCK: vector.secretBlock,
      TIMESTAMP: overrides.timestamp ?? vector.timestamp,
      PASSWORD_CLAIM_SIGNATURE: overrides.signature ?? vector.signature
    }
  })

/** The signature with one bit of its first byte flipped. */
const tampered = (signature: string): string => {
  const bytes = Buffer.from(signature, "base64")
  bytes[0] = bytes[0]! ^ 0x01
  return bytes.toString("base64")
}

const instant = (timestamp: string): number => PasswordVerifier.parseTimestamp(timestamp)!

for (const vector of [vector1, vector2]) {
  // The emulator's clock starts two seconds after the vector's TIMESTAMP.
  layer(TestEmulator.layer({ seed: seedFor(vector), clock: clockFrom(instant(vector.timestamp) + 2000) }))(`the SRP vector ${vector.name} on the emulator's server side`, (it) => {
    it.effect("the emulator's credential path makes the vector's verifier from its salt", () =>
      Effect.gen(function* () {
        const password = yield* storeVectorPassword(vector)
        assert.strictEqual(password.salt, vector.saltHex)
        assert.strictEqual(password.verifier, vector.v)
      }))

    it.effect("InitiateAuth with the vector's A answers the vector's SALT and user id", () =>
      Effect.gen(function* () {
        yield* storeVectorPassword(vector)
        const { parameters, A, B } = yield* pinnedChallenge(vector)
        assert.strictEqual(parameters["SALT"], vector.saltHex)
        assert.strictEqual(parameters["USER_ID_FOR_SRP"], vector.userId)
        assert.strictEqual(parameters["USERNAME"], vector.userId)
        assert.strictEqual(Srp.bigIntToHex(A), vector.A)
        assert.strictEqual(Srp.bigIntToHex(B), vector.B)
      }))

    it.effect("accepts the vector's PASSWORD_CLAIM_SIGNATURE and refuses tampered claims", () =>
      Effect.gen(function* () {
        yield* storeVectorPassword(vector)
        const other = vector === vector1 ? vector2 : vector1

        yield* pinnedChallenge(vector)
        const flipped = yield* answer(vector, { signature: tampered(vector.signature) })
        assert.strictEqual(flipped.status, 400)
        assert.deepStrictEqual(flipped.body, { __type: "NotAuthorizedException", message: "Incorrect username or password." })

        // A TIMESTAMP one second later is well-formed and near the clock, but not what was signed.
        const later = Srp.formatTimestamp(new Date(instant(vector.timestamp) + 1000))
        assert.notStrictEqual(later, vector.timestamp)
        yield* pinnedChallenge(vector)
        const moved = yield* answer(vector, { timestamp: later })
        assert.strictEqual(moved.body.__type, "NotAuthorizedException")

        yield* pinnedChallenge(vector)
        const foreign = yield* answer(vector, { signature: other.signature })
        assert.strictEqual(foreign.body.__type, "NotAuthorizedException")

        yield* pinnedChallenge(vector)
        const accepted = yield* answer(vector)
        assert.strictEqual(accepted.status, 200, JSON.stringify(accepted.body))
        const claims = claimsOf(accepted.body.AuthenticationResult.AccessToken)
        assert.strictEqual(claims["username"], vector.userId)
        assert.strictEqual(claims["iss"], `${(yield* TestEmulator).endpoint}/${poolId(vector)}`)
        const authTime = Number(claims["auth_time"]) * 1000
        assert.isTrue(authTime >= instant(vector.timestamp) && authTime < instant(vector.timestamp) + 60_000, "tokens are dated on the emulator's clock")
      }))
  })
}
