/**
 * Passwords: the pool's password policy, the SRP verifier a password is stored as, and the
 * check of a plain password (USER_PASSWORD_AUTH) against that verifier, so no password is ever
 * kept. Temporary passwords for AdminCreateUser are generated to satisfy the policy.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as Srp from "@cognito-effect/domain/Srp"
import { Backend } from "./Backend.js"
import * as CognitoException from "./CognitoException.js"
import * as Ids from "./Ids.js"
import * as ModPowPool from "./ModPowPool.js"
import type * as Store from "./Store.js"

/** The policy with Cognito's defaults filled in. @since 0.1.0 */
export interface Policy {
  readonly MinimumLength: number
  readonly RequireUppercase: boolean
  readonly RequireLowercase: boolean
  readonly RequireNumbers: boolean
  readonly RequireSymbols: boolean
  readonly TemporaryPasswordValidityDays: number
}

/** @since 0.1.0 */
export const policyOf = (pool: Store.Pool): Policy => {
  const policy = pool.settings.Policies?.PasswordPolicy
  return {
    MinimumLength: policy?.MinimumLength ?? 8,
    RequireUppercase: policy?.RequireUppercase ?? true,
    RequireLowercase: policy?.RequireLowercase ?? true,
    RequireNumbers: policy?.RequireNumbers ?? true,
    RequireSymbols: policy?.RequireSymbols ?? true,
    TemporaryPasswordValidityDays: policy?.TemporaryPasswordValidityDays ?? 7
  }
}

/** Cognito's special characters (a space counts when it is neither first nor last). */
const symbols = "^$*.[]{}()?-\"!@#%&/\\,><':;|_~`+="

const hasSymbol = (password: string): boolean =>
  [...password].some((c) => symbols.includes(c)) || / /.test(password.slice(1, -1))

/** The policy violation of `password`, if any, with Cognito's message. @since 0.1.0 */
export const violation = (policy: Policy, password: Redacted.Redacted<string>): Option.Option<CognitoException.CognitoException> => {
  const value = Redacted.value(password)
  const fail = (reason: string) =>
    Option.some(CognitoException.make("InvalidPasswordException", `Password did not conform with policy: ${reason}`))
  if (value.length < policy.MinimumLength) return fail("Password not long enough")
  if (value.length > 256) return fail("Password is too long")
  if (/^\s|\s$/.test(value)) return fail("Password must not begin or end with a space")
  if (policy.RequireLowercase && !/[a-z]/.test(value)) return fail("Password must have lowercase characters")
  if (policy.RequireUppercase && !/[A-Z]/.test(value)) return fail("Password must have uppercase characters")
  if (policy.RequireNumbers && !/[0-9]/.test(value)) return fail("Password must have numeric characters")
  if (policy.RequireSymbols && !hasSymbol(value)) return fail("Password must have symbol characters")
  return Option.none()
}

/**
 * `v = g^x` for a password, through the domain's `computeVerifier`; the exponentiation itself runs
 * off the event loop.
 */
const verifier = (pool: Store.Pool, userId: string, password: Redacted.Redacted<string>, salt: string) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const input = { poolName: Srp.poolName(pool.id), userId, password, salt }
    const x = Srp.computeX({ ...input, saltBytes: Srp.saltBytesFromHex(salt) })
    const gx = yield* backend.pow(Srp.g, x)
    return Srp.computeVerifier(input, ModPowPool.precomputed([[Srp.g, x, gx]], backend.modPow))
  })

/** Stores `password` for `username` as a fresh salt and SRP verifier. @since 0.1.0 */
export const credential = (input: {
  readonly pool: Store.Pool
  readonly username: string
  readonly password: Redacted.Redacted<string>
  readonly temporary: boolean
  readonly now: number
}): Effect.Effect<Store.Password, never, Backend | SecureRandom> =>
  Effect.gen(function* () {
    const salt = yield* Ids.randomHex(16)
    const v = yield* verifier(input.pool, input.username, input.password, salt)
    return { salt, verifier: Srp.bigIntToHex(v), temporary: input.temporary, setAt: input.now }
  })

/** Whether `password` is the user's, compared through the verifier in constant time. @since 0.1.0 */
export const matches = (input: {
  readonly pool: Store.Pool
  readonly user: Store.User
  readonly password: Redacted.Redacted<string>
}): Effect.Effect<boolean, never, Backend> => {
  const stored = input.user.password
  if (stored === undefined) return Effect.succeed(false)
  return Effect.map(verifier(input.pool, input.user.username, input.password, stored.salt), (candidate) =>
    Ids.constantTimeEqual(Srp.bigIntToHex(candidate), stored.verifier)
  )
}

/** A temporary password that satisfies `policy`. @since 0.1.0 */
export const temporary = (policy: Policy): Effect.Effect<Redacted.Redacted<string>, never, SecureRandom> =>
  Effect.map(Ids.bytes(Math.max(policy.MinimumLength, 12)), (random) => {
    const pick = (chars: string, byte: number) => chars[byte % chars.length]!
    const classes = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!#%+=?"]
    const chars = [...random].map((byte, i) => pick(classes[i % classes.length]!, byte))
    return Redacted.make(chars.join(""))
  })
