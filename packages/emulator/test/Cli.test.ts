import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as esbuild from "esbuild"
import * as NodeChild from "node:child_process"
import * as NodeFs from "node:fs/promises"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as NodeReadline from "node:readline"
import { fileURLToPath } from "node:url"
import * as Cli from "../src/Cli.js"
import * as Persistence from "../src/Persistence.js"
import { send } from "./Harness.js"

const packageDir = NodePath.resolve(NodePath.dirname(fileURLToPath(import.meta.url)), "..")

const tempDir = Effect.acquireRelease(
  Effect.promise(() => NodeFs.mkdtemp(NodePath.join(NodeOs.tmpdir(), "emulator-cli-"))),
  (dir) => Effect.promise(() => NodeFs.rm(dir, { recursive: true, force: true }))
)

const recordingIo = () => {
  const out: Array<string> = []
  const err: Array<string> = []
  const exits: Array<number> = []
  return { out, err, exits, io: { stdout: (l: string) => void out.push(l), stderr: (l: string) => void err.push(l), exit: (c: number) => void exits.push(c) } }
}

const seed = {
  UserPools: [
    {
      Id: "us-east-1_CliSeed01",
      PoolName: "cli",
      Clients: [{ Id: "cliclient01", ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Users: [{ Username: "alice", Password: "Passw0rd!", Attributes: { email: "alice@example.com" } }]
    }
  ]
}

describe("Cli", () => {
  describe("parseArguments", () => {
    it("defaults to port 9229 on loopback, in memory", () => {
      const parsed = Cli.parseArguments([])
      assert.isFalse("error" in parsed)
      if ("options" in parsed) {
        assert.strictEqual(parsed.options.port, 9229)
        assert.strictEqual(parsed.options.host, "127.0.0.1")
        assert.isUndefined(parsed.options.dataDir)
        assert.strictEqual(parsed.options.logLevel, LogLevel.Info)
      }
    })

    it("reads every flag", () => {
      const parsed = Cli.parseArguments(["--port", "0", "--host", "0.0.0.0", "--seed", "s.json", "--data", "d", "--region", "eu-west-1", "--quiet"])
      assert.deepStrictEqual("options" in parsed ? parsed.options : parsed, {
        port: 0,
        host: "0.0.0.0",
        logLevel: LogLevel.Warning,
        seed: "s.json",
        dataDir: "d",
        region: "eu-west-1"
      })
    })

    it("refuses bad ports and unknown flags", () => {
      assert.isTrue("error" in Cli.parseArguments(["--port", "70000"]))
      assert.isTrue("error" in Cli.parseArguments(["--port", "abc"]))
      assert.isTrue("error" in Cli.parseArguments(["--colour"]))
    })
  })

  describe("main", () => {
    it.live("prints the ready line first, then readable logs; the seed's ids are announced", () =>
      Effect.gen(function* () {
        const dir = yield* tempDir
        const seedFile = NodePath.join(dir, "seed.json")
        yield* Effect.promise(() => NodeFs.writeFile(seedFile, JSON.stringify(seed)))
        const { out, io } = recordingIo()
        const running = yield* Effect.acquireRelease(
          Effect.promise(() => Cli.main(["--port", "0", "--seed", seedFile], io)),
          (r) => Effect.promise(() => r!.stop())
        )
        const ready = JSON.parse(out[0]!)
        assert.deepStrictEqual(ready, {
          ready: true,
          endpoint: running!.endpoint,
          userPoolId: "us-east-1_CliSeed01",
          userPoolClientId: "cliclient01"
        })
        assert.match(ready.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/)
        assert.include(out[1]!, "listening on")
        const signIn = yield* send(ready.endpoint, "InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: "cliclient01",
          AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" }
        })
        assert.strictEqual(signIn.status, 200)
        yield* send(ready.endpoint, "InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: "cliclient01", AuthParameters: { USERNAME: "alice", PASSWORD: "nope" } })
        assert.isTrue(out.some((line) => line.includes("NotAuthorizedException")))
      }).pipe(Effect.scoped))

    it.live("a seed that does not parse stops with exit status 1 and says why", () =>
      Effect.gen(function* () {
        const dir = yield* tempDir
        const seedFile = NodePath.join(dir, "seed.json")
        yield* Effect.promise(() => NodeFs.writeFile(seedFile, JSON.stringify({ UserPools: [{ PoolName: "x", Colour: "red" }] })))
        const { out, err, exits, io } = recordingIo()
        const running = yield* Effect.promise(() => Cli.main(["--port", "0", "--seed", seedFile], io))
        assert.isUndefined(running)
        assert.deepStrictEqual(exits, [1])
        assert.deepStrictEqual(out, [])
        assert.include(err.join("\n"), "Colour")
      }).pipe(Effect.scoped))

    it.live("a taken port stops with exit status 1", () =>
      Effect.gen(function* () {
        const first = recordingIo()
        const running = yield* Effect.acquireRelease(
          Effect.promise(() => Cli.main(["--port", "0"], first.io)),
          (r) => Effect.promise(() => r!.stop())
        )
        const second = recordingIo()
        yield* Effect.promise(() => Cli.main(["--port", String(running!.port)], second.io))
        assert.deepStrictEqual(second.exits, [1])
        assert.include(second.err.join("\n"), "cannot listen")
      }).pipe(Effect.scoped))

    it.live("--help prints the usage", () =>
      Effect.gen(function* () {
        const { out, io } = recordingIo()
        assert.isUndefined(yield* Effect.promise(() => Cli.main(["--help"], io)))
        assert.include(out[0]!, "--seed FILE")
      }))
  })

  describe("as a process", () => {
    /** The CLI bundled into one file, so a child process can run it (and be killed). */
    const bundle = Effect.gen(function* () {
      const dir = yield* tempDir
      const outfile = NodePath.join(dir, "cli.mjs")
      yield* Effect.promise(() =>
        esbuild.build({
          stdin: { contents: 'import { run } from "./src/Cli.ts"\nawait run()\n', resolveDir: packageDir, loader: "ts" },
          bundle: true,
          platform: "node",
          format: "esm",
          target: "node20",
          conditions: ["@cognito-effect/source"],
          outfile,
          logLevel: "silent"
        })
      )
      return outfile
    })

    const launch = (cli: string, args: ReadonlyArray<string>) =>
      Effect.promise(
        () =>
          new Promise<{ child: NodeChild.ChildProcess; ready: { endpoint: string; userPoolId: string; userPoolClientId: string } }>((resolve, reject) => {
            const child = NodeChild.spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] })
            const lines = NodeReadline.createInterface({ input: child.stdout! })
            lines.once("line", (line) => resolve({ child, ready: JSON.parse(line) }))
            child.once("exit", (code) => reject(new Error(`exited with ${code}`)))
          })
      )

    const exited = (child: NodeChild.ChildProcess) =>
      Effect.promise(() => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()))))

    it.live("kill -9 in the middle of writes never leaves a store that fails to load", () =>
      Effect.gen(function* () {
        const cli = yield* bundle
        const data = yield* tempDir
        let signedUp = 0
        for (let round = 0; round < 3; round++) {
          const { child, ready } = yield* launch(cli, ["--port", "0", "--data", data, "--quiet"])
          // Keep the emulator writing, then kill it without warning at an arbitrary moment.
          const writes = Effect.forEach(
            Array.from({ length: 40 }, (_, i) => i),
            (i) => send(ready.endpoint, "SignUp", { ClientId: ready.userPoolClientId, Username: `r${round}u${i}@example.com`, Password: "Passw0rd!" }),
            { concurrency: 8 }
          )
          yield* Effect.race(writes, Effect.sleep(`${20 + round * 35} millis`))
          child.kill("SIGKILL")
          yield* exited(child)
          const loaded = yield* Persistence.load(data)
          if (Option.isSome(loaded)) signedUp = loaded.value.pools[0]!.users.length
        }
        // The store loads after every kill, and the emulator restarts on it with the same client.
        const { child, ready } = yield* launch(cli, ["--port", "0", "--data", data, "--quiet"])
        const users = yield* send(ready.endpoint, "ListUsers", { UserPoolId: ready.userPoolId })
        assert.strictEqual(users.status, 200)
        assert.isAtLeast(users.body.Users.length, signedUp)
        child.kill("SIGTERM")
        yield* exited(child)
        assert.strictEqual(child.exitCode, 0)
      }).pipe(Effect.scoped), { timeout: 120_000 })

    it.live("SIGTERM flushes --data: what was just written is there after a restart", () =>
      Effect.gen(function* () {
        const cli = yield* bundle
        const data = yield* tempDir
        const first = yield* launch(cli, ["--port", "0", "--data", data, "--quiet"])
        const answer = yield* send(first.ready.endpoint, "SignUp", { ClientId: first.ready.userPoolClientId, Username: "last@example.com", Password: "Passw0rd!" })
        assert.strictEqual(answer.status, 200)
        first.child.kill("SIGTERM")
        yield* exited(first.child)
        const second = yield* launch(cli, ["--port", "0", "--data", data, "--quiet"])
        const again = yield* send(second.ready.endpoint, "SignUp", { ClientId: second.ready.userPoolClientId, Username: "last@example.com", Password: "Passw0rd!" })
        assert.strictEqual(again.body.__type, "UsernameExistsException")
        second.child.kill("SIGTERM")
        yield* exited(second.child)
      }).pipe(Effect.scoped), { timeout: 60_000 })
  })
})
