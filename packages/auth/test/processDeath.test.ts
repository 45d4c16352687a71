/**
 * Process death: a Node process signs in, refreshes and signs out in a loop against the emulator,
 * keeping its session in files (`NodeFileStorage`), and is killed with SIGKILL at random points,
 * many times. After each kill the files must read — through the facade, in this process — as
 * signed out or as one whole session the emulator issued: access and ID token from the same
 * issue (same `event_id`, signatures valid against the pool's JWKS), the refresh token of the
 * same family, and `signInDetails` / `clockDrift` readable. Then the next process continues from
 * what the last one left.
 */
import { createAuth } from "@cognito-effect/auth"
import { NodeFileStorage } from "@cognito-effect/adapters/NodeFileStorage"
import { CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import * as Tokens from "@cognito-effect/domain/Tokens"
import type { Running } from "@cognito-effect/emulator/Server"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as esbuild from "esbuild"
import * as NodeChild from "node:child_process"
import * as NodeCrypto from "node:crypto"
import * as NodeFs from "node:fs/promises"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as NodeReadline from "node:readline"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createUser, password, startEmulator, uniqueEmail } from "./support/Emulator.js"

const kills = Number(process.env["PROCESS_DEATH_KILLS"] ?? 20)
const packageDir = fileURLToPath(new URL("..", import.meta.url))

/** The child: the facade over files, signing in, refreshing and signing out until it is killed. */
const childSource = `
import { createAuth } from "@cognito-effect/auth"
import { NodeFileStorage } from "@cognito-effect/adapters/NodeFileStorage"
import { RefreshLock } from "@cognito-effect/domain/services/RefreshLock"
const [endpoint, userPoolId, userPoolClientId, username, password, dir] = process.argv.slice(2)
const files = new NodeFileStorage(dir + "/tokens")
// Every write is announced, and starts a moment later, so the parent can kill the process just
// before any write or just after it.
const announce = (what, key) => {
  process.stdout.write("write " + what + " " + key.slice(key.lastIndexOf(".") + 1) + "\\n")
  return new Promise((resolve) => setTimeout(resolve, 3))
}
const storage = {
  getItem: (key) => files.getItem(key),
  setItem: (key, value) => announce("set", key).then(() => files.setItem(key, value)),
  removeItem: (key) => announce("remove", key).then(() => files.removeItem(key)),
  clear: () => files.clear()
}
const auth = createAuth(
  { Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } } },
  {
    storage,
    signInStorage: new NodeFileStorage(dir + "/sign-in"),
    // One process at a time uses these files; the default storage lease would make the next
    // process wait out a lease its killed predecessor held (up to 10 s) before refreshing.
    refreshLock: RefreshLock.layerInProcess,
    crossTabEvents: false
  }
)
for (let step = 1; ; step++) {
  let what
  try {
    const session = await auth.fetchAuthSession()
    if (session.tokens === undefined) {
      what = "signIn"
      await auth.signIn({ username, password })
    } else if (step % 3 === 0) {
      what = "signOut"
      await auth.signOut()
    } else {
      what = "refresh"
      await auth.fetchAuthSession({ forceRefresh: true })
    }
    process.stdout.write(what + "\\n")
  } catch (error) {
    process.stdout.write("error " + what + " " + error.name + "\\n")
  }
}
`

let emulator: Running
let work: string
let child: string

beforeAll(async () => {
  emulator = await startEmulator()
  work = await NodeFs.mkdtemp(NodePath.join(NodeOs.tmpdir(), "process-death-"))
  child = NodePath.join(work, "child.mjs")
  await esbuild.build({
    stdin: { contents: childSource, resolveDir: packageDir, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@cognito-effect/source"],
    outfile: child,
    logLevel: "silent"
  })
}, 60_000)
afterAll(async () => {
  await emulator.stop()
  await NodeFs.rm(work, { recursive: true, force: true })
})

/** Where to kill the child: at its `count`-th storage write, or right after its `count`-th operation. */
interface KillPoint {
  readonly at: "write" | "operation"
  readonly count: number
  /** 0: at once (before that write starts); else this many ms later (during or after it) */
  readonly delay: number
}

/** Runs the child and kills it at `point`; resolves with the lines it printed. */
const runAndKill = (args: ReadonlyArray<string>, point: KillPoint): Promise<ReadonlyArray<string>> =>
  new Promise((resolve, reject) => {
    const process = NodeChild.spawn(globalThis.process.execPath, [child, ...args], { stdio: ["ignore", "pipe", "pipe"] })
    const lines: Array<string> = []
    let seen = 0
    let stderr = ""
    process.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    NodeReadline.createInterface({ input: process.stdout! }).on("line", (line) => {
      lines.push(line)
      if (line.startsWith("write ") === (point.at === "write") && ++seen === point.count) {
        if (point.delay === 0) process.kill("SIGKILL")
        else setTimeout(() => process.kill("SIGKILL"), point.delay)
      }
    })
    // Should the point never come, the child still dies (and the storage is still checked).
    const guard = setTimeout(() => process.kill("SIGKILL"), 30_000)
    process.once("exit", (code, signal) => {
      clearTimeout(guard)
      if (signal === "SIGKILL") resolve(lines)
      else reject(new Error(`the child exited with ${code}: ${stderr}`))
    })
  })

const b64json = (segment: string) => JSON.parse(Buffer.from(segment, "base64url").toString("utf8"))

/** Whether `token` carries a valid RS256 signature of the pool's key. */
const verifies = async (token: string): Promise<boolean> => {
  const response = await fetch(`${emulator.endpoint}/${emulator.userPoolId}/.well-known/jwks.json`)
  const { keys } = (await response.json()) as { keys: Array<NodeCrypto.JsonWebKey & { kid: string }> }
  const [header, payload, signature] = token.split(".")
  const jwk = keys.find((key) => key.kid === b64json(header!).kid)
  if (jwk === undefined || signature === undefined) return false
  return NodeCrypto.verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), NodeCrypto.createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(signature, "base64url"))
}

/** A transport that must not be used: reading what is stored needs no request. */
const noRequests = Layer.succeed(CognitoClient, {
  call: (operation) => Effect.dieMessage(`${operation.name} was called while only reading the stored session`)
})

type Reading = { readonly _tag: "SignedOut" } | { readonly _tag: "Session"; readonly eventId: string }

/** Reads the files as the facade does, and checks that a session is whole; throws otherwise. */
const readStored = async (dir: string, username: string): Promise<Reading> => {
  const storage = new NodeFileStorage(NodePath.join(dir, "tokens"))
  const auth = createAuth(
    { Auth: { Cognito: { userPoolId: emulator.userPoolId, userPoolClientId: emulator.userPoolClientId, userPoolEndpoint: emulator.endpoint } } },
    { storage, signInStorage: new NodeFileStorage(NodePath.join(dir, "sign-in")), transport: noRequests, crossTabEvents: false }
  )
  try {
    const prefix = `CognitoIdentityServiceProvider.${emulator.userPoolClientId}`
    const lastUser = await storage.getItem(`${prefix}.LastAuthUser`)
    const raw = async (key: string) => (lastUser === null ? null : storage.getItem(`${prefix}.${lastUser}.${key}`))
    const accessToken = await raw("accessToken")
    const session = await auth.fetchAuthSession()
    if (accessToken === null) {
      expect(session).toEqual({})
      return { _tag: "SignedOut" }
    }
    // A stored access token is a session: it must be whole.
    expect(Either.isRight(Tokens.decode(accessToken))).toBe(true)
    const idToken = await raw("idToken")
    const refreshToken = await raw("refreshToken")
    if (idToken === null || refreshToken === null) throw new Error("an access token was stored without its ID or refresh token")
    expect(await verifies(accessToken)).toBe(true)
    expect(await verifies(idToken)).toBe(true)
    const access = b64json(accessToken.split(".")[1]!)
    const id = b64json(idToken.split(".")[1]!)
    expect(id.event_id).toBe(access.event_id)
    expect(id.sub).toBe(access.sub)
    const family = emulator.emulator.store.refreshTokens.get(NodeCrypto.createHash("sha256").update(refreshToken, "utf8").digest("base64url"))
    expect(family?.originJti).toBe(access.origin_jti)
    expect(JSON.parse((await raw("signInDetails"))!)).toEqual({ loginId: username, authFlowType: "USER_SRP_AUTH" })
    expect(Number.isFinite(Number(await raw("clockDrift")))).toBe(true)
    // And the facade sees exactly that session.
    expect(String(session.tokens?.accessToken)).toBe(accessToken)
    expect(String(session.tokens?.idToken)).toBe(idToken)
    expect((await auth.getCurrentUser()).signInDetails?.loginId).toBe(username)
    return { _tag: "Session", eventId: access.event_id }
  } finally {
    await auth.dispose()
  }
}

describe("a process killed during sign-in and refresh", () => {
  it("leaves storage that reads as the old session, the new one, or signed out — every time", async () => {
    const username = uniqueEmail("killed")
    await createUser(emulator, username)
    const dir = NodePath.join(work, "state")
    const args = [emulator.endpoint, emulator.userPoolId, emulator.userPoolClientId, username, password, dir]
    const seen = { SignedOut: 0, Session: 0 }
    const reported: Array<string> = []
    for (let kill = 0; kill < kills; kill++) {
      // Every other kill lands inside a write (a sign-in, a refresh and a sign-out write 7 keys
      // each), the others between two operations.
      const point: KillPoint = kill % 2 === 0
        ? { at: "write", count: 1 + Math.floor(Math.random() * 30), delay: Math.random() < 0.5 ? 0 : 2 + Math.floor(Math.random() * 8) }
        : { at: "operation", count: 1 + Math.floor(Math.random() * 4), delay: 0 }
      const lines = await runAndKill(args, point)
      reported.push(...lines)
      const reading = await readStored(dir, username)
      seen[reading._tag]++
    }
    // The child really worked between kills: sessions came and went, and it never failed.
    expect(reported.filter((line) => line === "refresh").length).toBeGreaterThan(0)
    expect(reported.filter((line) => line === "signOut").length).toBeGreaterThan(0)
    expect(reported.filter((line) => line.startsWith("error"))).toEqual([])
    expect(seen.Session).toBeGreaterThan(0)
    expect(seen.SignedOut).toBeGreaterThan(0)
  }, 240_000)
})
