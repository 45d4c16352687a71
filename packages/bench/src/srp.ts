/**
 * Client SRP cost per sign-in: generating `A` and answering PASSWORD_VERIFIER (key + claim
 * signature) on the fixed inputs of the first SRP test vector, for
 *
 * - ours with `ModExp.layerBigInt` (what browsers run) against Amplify's own SRP code, and
 * - ours with the `node:crypto` Layer against the bare cost of its three exponentiations
 *   (`g^a`, `g^x`, `(B − k·g^x)^(a + u·x)`) through one `createDiffieHellman(N, 2)`.
 *
 * Every implementation must reproduce the vector's signature (or, for the bare exponentiations,
 * its `A` and `S`) before anything is timed, so the rows compare the same work.
 *
 * @since 0.1.0
 */
import { createDiffieHellman } from "node:crypto"
import * as NodeModExp from "@cognito-effect/adapters/NodeModExp"
import { ModExp, modPowBigInt, type ModPow } from "@cognito-effect/domain/services/ModExp"
import * as Srp from "@cognito-effect/domain/Srp"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { amplifyAuthVersion, amplifyVersion, importAmplifyAuthModule } from "./Reference.js"
import * as Table from "./Table.js"
import * as Timing from "./Timing.js"

/** Vector "user-srp" of spec/srp-test-vectors.json (Amplify 6.21.1 computed the signature). @since 0.1.0 */
export const vector = {
  poolName: "TestPool1",
  userId: "testuser",
  password: "Passw0rd!",
  saltHex: "7c4f076023e6b785d153cbe9d5aced63",
  aHex: "a".repeat(256),
  B:
    "203a0ae65a95a4bb17c58dbfb5b68d9d3419a966b8c08c80455c08295e51e98ae62351838c68d6d3434cefcc4a2f27c43f7dd3e7fc512b19" +
    "12b88b83b01f1851cbed9435ed225a4c3697a72db40e35ab027b81bebabe19f9108bb3058db6da688a901701f24e6c8d913a5f87b067829e" +
    "6437d23396cd8a9a6beadd6e40c00947e28c4e0ba39c56cd9fe5ddc394da96dafd0722df4fa063c1bc59b19fa1ffadb701ed12e8f5427cf7" +
    "0ee405af41d8677d4f7b5f794b99a6676ce6c025d8dfd04d637b7c7eb62fb3328e92d3d6619aada13ec39305cfd3641d60e634085a330f35" +
    "464b982a0336bafa889798d38fd8b799f0b606b5d99536ac3f07df63e103a26fc9104e868227becd4d19e349a7a608a3a9c6f07532337687" +
    "aaacb753d569314cce8bcbbb6d07ac90c148d52cf6a1d6e447b39e192c69afaf10120fcea88a6f62dd1836b815ec41884d89120ea5552a84" +
    "c48ec009d8249ddb254f1adfc65a33bf7fb575c4fc3ecf6f76d3623efd691c57f97ac0fde63ccc480d5bbcd5e9f9932c",
  secretBlock: "ZW11bGF0b3Itc2VjcmV0LWJsb2NrLTAwMDE=",
  timestamp: "Tue Mar 5 07:05:09 UTC 2024",
  signature: "b5N9CMXGVyRnJPY9GKWjvKk5znngNYYd+6+bJwVu5Z4="
} as const

/** The command line that reproduces this family's rows. @since 0.1.0 */
export const reproduce = "npm run bench -- --only srp"

const modPowOf = (layer: Layer.Layer<ModExp>): ModPow =>
  Effect.runSync(Effect.provide(Effect.map(ModExp, (service) => service.modPow), layer))

const unwrap = <A>(result: Either.Either<A, Srp.SrpError>): A =>
  Either.getOrElse(result, (error) => {
    throw new Error(`SRP refused the vector: ${error.message}`)
  })

/**
 * One client sign-in's SRP work with our code, as `challenges/PasswordVerifier` does it:
 * `a` from the 128 "random" bytes, `A`, then the PASSWORD_VERIFIER claim. Returns the signature.
 * @since 0.1.0
 */
export const oursSignIn = (modPow: ModPow): (() => string) => {
  const randomBytes = Srp.hexToBytes(vector.aHex)
  const password = Redacted.make(vector.password)
  return () => {
    const a = Srp.generateSmallA(randomBytes)
    const A = unwrap(Srp.generateA(a, modPow))
    return unwrap(
      Srp.passwordClaim(
        {
          poolName: vector.poolName,
          userId: vector.userId,
          password,
          salt: vector.saltHex,
          srpB: vector.B,
          secretBlock: vector.secretBlock,
          timestamp: vector.timestamp,
          a,
          A
        },
        modPow
      )
    ).signature
  }
}

const toBuffer = (n: bigint): Buffer => {
  const hex = n.toString(16)
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, "hex")
}

/** The three exponentiations of one client sign-in, as `[base, exponent]` pairs. */
const exponentiations = (): ReadonlyArray<readonly [bigint, bigint]> => {
  const a = Srp.hexToBigInt(vector.aHex)
  const B = Srp.hexToBigInt(vector.B)
  const u = Srp.computeU(modPowBigInt(Srp.g, a), B)
  const x = Srp.computeX({
    poolName: vector.poolName,
    userId: vector.userId,
    password: Redacted.make(vector.password),
    saltBytes: Srp.saltBytesFromHex(vector.saltHex)
  })
  const base = (((B - Srp.k * modPowBigInt(Srp.g, x)) % Srp.N) + Srp.N) % Srp.N
  return [
    [Srp.g, a],
    [Srp.g, x],
    [base, a + u * x]
  ]
}

/**
 * The same three exponentiations with nothing around them: operands prepared once as Buffers,
 * each one `setPrivateKey(exponent)` + `computeSecret(base)` on a DH object built once.
 * Returns the three results as integers (converted after the fact, outside any timing).
 * @since 0.1.0
 */
export const rawNodeCrypto = (): { readonly run: () => ReadonlyArray<Buffer>; readonly expected: ReadonlyArray<bigint> } => {
  const work = exponentiations()
  const operands = work.map(([base, exponent]) => [toBuffer(base), toBuffer(exponent)] as const)
  const dh = createDiffieHellman(toBuffer(Srp.N), 2)
  return {
    run: () =>
      operands.map(([base, exponent]) => {
        dh.setPrivateKey(exponent)
        return dh.computeSecret(base)
      }),
    expected: work.map(([base, exponent]) => modPowBigInt(base, exponent))
  }
}

/** The parts of Amplify's SRP build the measurement drives. */
interface AmplifySrp {
  readonly BigInteger: new (value: string, radix: number) => object
  readonly INIT_N: string
  readonly calculateA: (input: { readonly a: object; readonly g: object; readonly N: object }) => Promise<object>
  readonly AuthenticationHelper: new (input: {
    readonly userPoolName: string
    readonly a: object
    readonly g: object
    readonly A: object
    readonly N: object
  }) => {
    getPasswordAuthenticationKey(input: {
      readonly username: string
      readonly password: string
      readonly serverBValue: object
      readonly salt: object
    }): Promise<Uint8Array>
  }
  readonly getSignatureString: (input: {
    readonly userPoolName: string
    readonly username: string
    readonly challengeParameters: Record<string, string>
    readonly dateNow: string
    readonly hkdf: Uint8Array
  }) => string
}

/** Dynamic imports are untyped: check the kind of each export, then trust `AmplifySrp` for the rest. */
const exported = <A>(module: Record<string, unknown>, name: string, type: "function" | "string"): A => {
  const value = module[name]
  if (typeof value !== type) throw new Error(`@aws-amplify/auth no longer exports ${name} where expected`)
  return value as A
}

/** Loads Amplify's SRP modules from `@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/`. @since 0.1.0 */
export const loadAmplifySrp = async (): Promise<AmplifySrp> => {
  const srp = (file: string) => importAmplifyAuthModule(`providers/cognito/utils/srp/${file}`)
  const [bigInteger, constants, calculateA, helper, signature] = await Promise.all([
    srp("BigInteger/BigInteger.mjs"),
    srp("constants.mjs"),
    srp("calculate/calculateA.mjs"),
    srp("AuthenticationHelper/AuthenticationHelper.mjs"),
    srp("getSignatureString.mjs")
  ])
  return {
    BigInteger: exported<AmplifySrp["BigInteger"]>(bigInteger, "default", "function"),
    INIT_N: exported<string>(constants, "INIT_N", "string"),
    calculateA: exported<AmplifySrp["calculateA"]>(calculateA, "calculateA", "function"),
    AuthenticationHelper: exported<AmplifySrp["AuthenticationHelper"]>(helper, "default", "function"),
    getSignatureString: exported<AmplifySrp["getSignatureString"]>(signature, "getSignatureString", "function")
  }
}

/**
 * One client sign-in's SRP work with Amplify's code, the steps its `getAuthenticationHelper` and
 * PASSWORD_VERIFIER handler take: `a` from the random bytes' hex, `N`, `g`, `A`, the helper (which
 * hashes `k`), the HKDF key and the claim signature. Returns the signature.
 * @since 0.1.0
 */
export const amplifySignIn = (amplify: AmplifySrp): (() => Promise<string>) => async () => {
  const N = new amplify.BigInteger(amplify.INIT_N, 16)
  const g = new amplify.BigInteger("2", 16)
  const a = new amplify.BigInteger(vector.aHex, 16)
  const A = await amplify.calculateA({ a, g, N })
  const helper = new amplify.AuthenticationHelper({ userPoolName: vector.poolName, a, g, A, N })
  const hkdf = await helper.getPasswordAuthenticationKey({
    username: vector.userId,
    password: vector.password,
    serverBValue: new amplify.BigInteger(vector.B, 16),
    salt: new amplify.BigInteger(vector.saltHex, 16)
  })
  return amplify.getSignatureString({
    userPoolName: vector.poolName,
    username: vector.userId,
    challengeParameters: { SECRET_BLOCK: vector.secretBlock },
    dateNow: vector.timestamp,
    hkdf
  })
}

const check = (what: string, actual: string, expected: string): void => {
  if (actual !== expected) throw new Error(`${what} computed ${actual}, expected ${expected}`)
}

/** How many runs each comparison makes; Amplify's side costs a quarter to half a second per run. @since 0.1.0 */
export interface Plans {
  readonly bigIntVsAmplify: Timing.Plan
  readonly nodeVsRaw: Timing.Plan
}

/** @since 0.1.0 */
export const defaultPlans: Plans = {
  bigIntVsAmplify: { warmup: 3, runs: 15 },
  nodeVsRaw: { warmup: 10, runs: 101 }
}

/** Checks every implementation against the vector, then measures both rows. @since 0.1.0 */
export const run = async (plans: Plans = defaultPlans): Promise<ReadonlyArray<Table.Row>> => {
  const bigInt = oursSignIn(modPowOf(ModExp.layerBigInt))
  const node = oursSignIn(modPowOf(NodeModExp.layer))
  const raw = rawNodeCrypto()
  const amplify = amplifySignIn(await loadAmplifySrp())

  check("ours (BigInt Layer)", bigInt(), vector.signature)
  check("ours (Node Layer)", node(), vector.signature)
  check("Amplify", await amplify(), vector.signature)
  raw.run().forEach((result, i) =>
    // computeSecret pads to the prime's length: compare as integers.
    check(`raw node:crypto exponentiation ${i + 1}`, Srp.bytesToBigInt(result).toString(16), raw.expected[i]!.toString(16))
  )

  const amplifyName = `Amplify ${amplifyVersion()} (auth ${amplifyAuthVersion()}) SRP`
  const first = await Timing.compare(plans.bigIntVsAmplify, { run: bigInt }, { run: amplify })
  const second = await Timing.compare(plans.nodeVsRaw, { run: node }, { run: raw.run })
  return [
    Table.measured({
      measurement: "SRP per sign-in, BigInt Layer",
      unit: "ms",
      ours: first.ours,
      referenceName: amplifyName,
      reference: first.reference,
      target: Table.fasterBy(8),
      reproduce
    }),
    Table.measured({
      measurement: "SRP per sign-in, Node Layer",
      unit: "ms",
      ours: second.ours,
      referenceName: "raw node:crypto, 3 modexps",
      reference: second.reference,
      target: Table.atMost(1.5),
      reproduce
    })
  ]
}
