/**
 * The load generator of the emulator throughput row, run as a worker thread of the bench process
 * (so its SRP math and HTTP work are never charged to the emulator process). Each worker drives
 * `clients` concurrent USER_SRP_AUTH sign-ins, round-robin over the users it was given, over
 * keep-alive HTTP: InitiateAuth with a fresh `A`, the PASSWORD_VERIFIER claim, then
 * RespondToAuthChallenge, which must answer tokens.
 *
 * Client-side work done ahead of the timed window (legitimate client work, nothing the server
 * could skip): the ephemeral pairs (`a` random, `A = g^a`), one per sign-in, and, after a user's
 * first challenge, `g^x` for that user (it depends only on the salt, the user id and the
 * password). Inside the window a client computes only `S = (B − k·g^x)^(a + u·x)` and the claim.
 * `a` has `ephemeralBytes` random bytes: Amplify draws 128, RFC 5054 asks for at least 32; the
 * size changes only the client's cost of `S` (the server's work is the same for any `A`), and the
 * client shares the machine's cores with the server. The server draws a new `b` for every
 * challenge and verifies every claim.
 *
 * @since 0.1.0
 */
import { modPow } from "@cognito-effect/adapters/NodeModExp"
import type { ModPow } from "@cognito-effect/domain/services/ModExp"
import * as Srp from "@cognito-effect/domain/Srp"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { randomBytes } from "node:crypto"
import { Agent, request } from "node:http"
import { isMainThread, parentPort, workerData } from "node:worker_threads"

/** What a worker is given. @since 0.1.0 */
export interface Setup {
  readonly endpoint: string
  readonly userPoolId: string
  readonly clientId: string
  readonly users: ReadonlyArray<{ readonly username: string; readonly password: string }>
  /** concurrent sign-ins kept in flight by this worker */
  readonly clients: number
  /** ephemeral pairs to precompute (one per sign-in; more are computed inline if they run out) */
  readonly pairs: number
  /** random bytes of each client secret `a` */
  readonly ephemeralBytes: number
}

/** Main thread → worker. @since 0.1.0 */
export type Command = { readonly _tag: "Go"; readonly warmupMillis: number; readonly windowMillis: number }

/** Worker → main thread. @since 0.1.0 */
export type Report =
  | { readonly _tag: "Ready" }
  | {
      readonly _tag: "Done"
      /** sign-ins that completed with tokens inside the timed window */
      readonly completed: number
      /** refused or malformed answers anywhere (warm-up included) */
      readonly failed: number
      readonly firstError?: string
      /** latencies (ms) of the sign-ins that completed inside the window */
      readonly latencies: ReadonlyArray<number>
      /** pairs that had to be computed inside the run because the precomputed ones ran out */
      readonly inlinePairs: number
    }

/** @since 0.1.0 */
export interface Pair {
  readonly a: bigint
  readonly A: bigint
}

/** A client ephemeral pair: `a` from `bytes` random bytes and `A = g^a`. @since 0.1.0 */
export const newPair = (bytes: number): Pair => {
  const a = Srp.generateSmallA(randomBytes(bytes))
  return { a, A: Either.getOrThrow(Srp.generateA(a, modPow)) }
}

/** `modPow` that remembers `g^x` per user (the client's equivalent of knowing its verifier). */
const rememberingGx = (): ModPow => {
  const known = new Map<bigint, bigint>()
  return (base, exponent) => {
    if (base !== Srp.g) return modPow(base, exponent)
    const cached = known.get(exponent)
    if (cached !== undefined) return cached
    const result = modPow(base, exponent)
    known.set(exponent, result)
    return result
  }
}

/** Keep-alive connections, one per client at most (plain `node:http`: cheaper per request than `fetch`). */
const agent = new Agent({ keepAlive: true, maxSockets: 256 })

const post = (endpoint: string, operation: string, body: unknown): Promise<{ readonly status: number; readonly json: any }> =>
  new Promise((resolve, reject) => {
    const payload = JSON.stringify(body)
    const outgoing = request(
      endpoint,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "content-length": Buffer.byteLength(payload),
          "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`
        }
      },
      (incoming) => {
        const chunks: Array<Buffer> = []
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk))
        incoming.on("end", () => {
          try {
            resolve({ status: incoming.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString("utf8")) })
          } catch (error) {
            reject(error)
          }
        })
        incoming.on("error", reject)
      }
    )
    outgoing.on("error", reject)
    outgoing.end(payload)
  })

/** One USER_SRP_AUTH sign-in; resolves with nothing or throws with the reason. @since 0.1.0 */
export const signIn = async (
  setup: Pick<Setup, "endpoint" | "userPoolId" | "clientId">,
  user: { readonly username: string; readonly password: string },
  pair: Pair,
  pow: ModPow
): Promise<void> => {
  const challenge = await post(setup.endpoint, "InitiateAuth", {
    AuthFlow: "USER_SRP_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: user.username, SRP_A: Srp.bigIntToHex(pair.A) }
  })
  if (challenge.status !== 200 || challenge.json.ChallengeName !== "PASSWORD_VERIFIER") {
    throw new Error(`InitiateAuth answered ${challenge.status} ${JSON.stringify(challenge.json).slice(0, 200)}`)
  }
  const parameters = challenge.json.ChallengeParameters as Record<string, string>
  const timestamp = Srp.formatTimestamp(new Date())
  const claim = Srp.passwordClaim(
    {
      poolName: Srp.poolName(setup.userPoolId),
      userId: parameters["USER_ID_FOR_SRP"]!,
      password: Redacted.make(user.password),
      salt: parameters["SALT"]!,
      srpB: parameters["SRP_B"]!,
      secretBlock: parameters["SECRET_BLOCK"]!,
      timestamp,
      a: pair.a,
      A: pair.A
    },
    pow
  )
  if (Either.isLeft(claim)) throw new Error(`the challenge could not be answered: ${claim.left.message}`)
  const answer = await post(setup.endpoint, "RespondToAuthChallenge", {
    ChallengeName: "PASSWORD_VERIFIER",
    ClientId: setup.clientId,
    ChallengeResponses: {
      USERNAME: parameters["USER_ID_FOR_SRP"]!,
      PASSWORD_CLAIM_SECRET_BLOCK: parameters["SECRET_BLOCK"]!,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: claim.right.signature
    }
  })
  if (answer.status !== 200 || typeof answer.json.AuthenticationResult?.AccessToken !== "string") {
    throw new Error(`RespondToAuthChallenge answered ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`)
  }
}

const work = (setup: Setup, port: NonNullable<typeof parentPort>): void => {
  const pairs: Array<Pair> = Array.from({ length: setup.pairs }, () => newPair(setup.ephemeralBytes))
  const pow = rememberingGx()
  port.postMessage({ _tag: "Ready" } satisfies Report)
  port.once("message", async (command: Command) => {
    const started = performance.now()
    const windowStart = started + command.warmupMillis
    const windowEnd = windowStart + command.windowMillis
    const latencies: Array<number> = []
    let failed = 0
    let inlinePairs = 0
    let firstError: string | undefined
    let next = 0
    const client = async (): Promise<void> => {
      while (performance.now() < windowEnd) {
        const user = setup.users[next++ % setup.users.length]!
        let pair = pairs.pop()
        if (pair === undefined) {
          inlinePairs++
          pair = newPair(setup.ephemeralBytes)
        }
        const begun = performance.now()
        try {
          await signIn(setup, user, pair, pow)
          const ended = performance.now()
          if (ended >= windowStart && ended <= windowEnd) latencies.push(ended - begun)
        } catch (error) {
          failed++
          firstError ??= error instanceof Error ? error.message : String(error)
        }
      }
    }
    await Promise.all(Array.from({ length: setup.clients }, client))
    port.postMessage({
      _tag: "Done",
      completed: latencies.length,
      failed,
      latencies,
      inlinePairs,
      ...(firstError !== undefined ? { firstError } : {})
    } satisfies Report)
  })
}

if (!isMainThread && parentPort !== null && (workerData as { role?: string } | null)?.role === "srp-load") {
  work((workerData as { setup: Setup }).setup, parentPort)
}
