/**
 * The reference server of the emulator throughput row: the least work any server must do for
 * one USER_SRP_AUTH sign-in on this machine, so the row can tell the emulator's own cost from
 * what the hardware allows. Plain `node:http` and two `Map`s, no framework, no checks beyond the
 * ones the load needs, the same cryptography as the emulator: the three server exponentiations
 * on a worker thread running the emulator's own worker script (`ModPowPool.workerSource`), the
 * claim checked by the domain's `Srp.verifyPasswordClaim`, two RS256 tokens signed by
 * `node:crypto` on libuv's thread pool, an opaque refresh token.
 *
 * It answers the four operations the load uses (AdminCreateUser, AdminSetUserPassword,
 * InitiateAuth with USER_SRP_AUTH, RespondToAuthChallenge with PASSWORD_VERIFIER) and prints the
 * emulator CLI's ready line, so `emulator.ts` starts and loads it exactly like the emulator:
 * `node dist/src/BareSrpServer.js`.
 *
 * @since 0.1.0
 */
import { precomputed, workerSource } from "@cognito-effect/emulator/ModPowPool"
import { modPow } from "@cognito-effect/adapters/NodeModExp"
import * as Srp from "@cognito-effect/domain/Srp"
import * as Redacted from "effect/Redacted"
import { generateKeyPairSync, randomBytes, randomUUID, sign } from "node:crypto"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { Worker } from "node:worker_threads"

const userPoolId = "us-east-1_BareSrp01"
const poolName = Srp.poolName(userPoolId)
const clientId = "barereferenceclient0000000"

interface User {
  readonly id: string
  salt?: string
  v?: bigint
}

interface Challenge {
  readonly user: User
  readonly A: bigint
  readonly B: bigint
  readonly b: bigint
}

/** A request the load sends: its parsed body. */
type Body = Record<string, any>

class Refused extends Error {}

const startPowWorker = () => {
  const worker = new Worker(workerSource, { eval: true, workerData: { modulus: Srp.N.toString(16) } })
  const pending = new Map<number, (result: bigint) => void>()
  let next = 0
  worker.on("message", ({ id, result }: { id: number; result: string }) => {
    pending.get(id)?.(BigInt(`0x${result}`))
    pending.delete(id)
  })
  const pow = (base: bigint, exponent: bigint): Promise<bigint> =>
    new Promise((resolve) => {
      const id = next++
      pending.set(id, resolve)
      worker.postMessage({ id, base: base.toString(16), exponent: exponent.toString(16) })
    })
  return { pow, stop: () => worker.terminate().then(() => undefined) }
}

/** The line the emulator CLI prints when it is ready, and how to stop this server. @since 0.1.0 */
export interface Running {
  readonly ready: { readonly ready: true; readonly endpoint: string; readonly userPoolId: string; readonly userPoolClientId: string }
  readonly stop: () => Promise<void>
}

/** Starts the server on 127.0.0.1 at a free port. @since 0.1.0 */
export const serve = (): Promise<Running> => {
  const { pow, stop: stopWorker } = startPowWorker()
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  const header = Buffer.from(JSON.stringify({ kid: "bare", alg: "RS256" })).toString("base64url")
  const token = (claims: Record<string, unknown>): Promise<string> =>
    new Promise((resolve, reject) => {
      const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`
      sign("sha256", Buffer.from(input), privateKey, (error, signature) =>
        error === null ? resolve(`${input}.${signature.toString("base64url")}`) : reject(error)
      )
    })
  const users = new Map<string, User>()
  const challenges = new Map<string, Challenge>()
  let issuer = ""

  const operations: Record<string, (body: Body) => Promise<unknown>> = {
    AdminCreateUser: async (body) => {
      users.set(body.Username, { id: randomUUID() })
      return {}
    },
    AdminSetUserPassword: async (body) => {
      const user = users.get(body.Username)
      if (user === undefined) throw new Refused("UserNotFoundException")
      user.salt = randomBytes(16).toString("hex")
      user.v = Srp.computeVerifier({ poolName, userId: user.id, password: Redacted.make(String(body.Password)), salt: user.salt }, modPow)
      return {}
    },
    InitiateAuth: async (body) => {
      const user = users.get(body.AuthParameters?.USERNAME)
      if (user?.v === undefined || body.AuthFlow !== "USER_SRP_AUTH") throw new Refused("NotAuthorizedException")
      const A = Srp.hexToBigInt(body.AuthParameters.SRP_A)
      const b = Srp.bytesToBigInt(randomBytes(32))
      const gb = await pow(Srp.g, b)
      const B = Srp.serverB(user.v, b, precomputed([[Srp.g, b, gb]], modPow))
      const secretBlock = randomBytes(64).toString("base64")
      challenges.set(secretBlock, { user, A, B, b })
      return {
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeParameters: { SALT: user.salt, SRP_B: Srp.bigIntToHex(B), SECRET_BLOCK: secretBlock, USERNAME: user.id, USER_ID_FOR_SRP: user.id }
      }
    },
    RespondToAuthChallenge: async (body) => {
      const responses = body.ChallengeResponses ?? {}
      const challenge = challenges.get(responses.PASSWORD_CLAIM_SECRET_BLOCK)
      if (challenge === undefined) throw new Refused("NotAuthorizedException")
      challenges.delete(responses.PASSWORD_CLAIM_SECRET_BLOCK)
      const { user, A, B, b } = challenge
      const u = Srp.computeU(A, B)
      const vu = await pow(user.v!, u)
      const base = (A * vu) % Srp.N
      const S = await pow(base, b)
      const valid = Srp.verifyPasswordClaim(
        {
          poolName,
          userId: user.id,
          v: user.v!,
          A,
          B,
          b,
          secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK,
          timestamp: responses.TIMESTAMP,
          signature: responses.PASSWORD_CLAIM_SIGNATURE
        },
        precomputed([[user.v!, u, vu], [base, b, S]], modPow)
      )
      if (!valid) throw new Refused("NotAuthorizedException")
      const iat = Math.floor(Date.now() / 1000)
      const common = { sub: user.id, iss: issuer, origin_jti: randomUUID(), event_id: randomUUID(), auth_time: iat, iat, exp: iat + 3600 }
      const [accessToken, idToken] = await Promise.all([
        token({ ...common, client_id: clientId, token_use: "access", scope: "aws.cognito.signin.user.admin", jti: randomUUID(), username: user.id }),
        token({ ...common, email_verified: true, "cognito:username": user.id, aud: clientId, token_use: "id", jti: randomUUID() })
      ])
      return {
        ChallengeParameters: {},
        AuthenticationResult: { AccessToken: accessToken, ExpiresIn: 3600, TokenType: "Bearer", RefreshToken: randomBytes(96).toString("base64url"), IdToken: idToken }
      }
    }
  }

  const server = createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      const target = String(request.headers["x-amz-target"] ?? "")
      const operation = operations[target.slice(target.indexOf(".") + 1)]
      const answer = operation === undefined ? Promise.reject(new Refused("UnknownOperationException")) : operation(JSON.parse(Buffer.concat(chunks).toString("utf8")))
      answer
        .then(
          (output) => [200, output] as const,
          (error: unknown) => [400, { __type: error instanceof Refused ? error.message : "InternalErrorException", message: String(error) }] as const
        )
        .then(([status, output]) => {
          const text = JSON.stringify(output)
          response.writeHead(status, { "content-type": "application/x-amz-json-1.1", "content-length": Buffer.byteLength(text) })
          response.end(text)
        })
    })
  })
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      issuer = `${endpoint}/${userPoolId}`
      resolve({
        ready: { ready: true, endpoint, userPoolId, userPoolClientId: clientId },
        stop: () =>
          new Promise<void>((closed) => {
            server.close(() => closed())
            server.closeAllConnections()
          }).then(stopWorker)
      })
    })
  )
}

/** The command that starts it as a child process (`emulator.ts` reads its ready line). @since 0.1.0 */
export const command = (): ReadonlyArray<string> => [fileURLToPath(import.meta.url)]

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  serve().then((running) => process.stdout.write(`${JSON.stringify(running.ready)}\n`))
  process.on("SIGTERM", () => process.exit(0))
}
