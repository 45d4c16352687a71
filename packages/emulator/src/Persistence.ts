/**
 * `--data DIR`: the store as one JSON snapshot, `DIR/state.json`.
 *
 * Writes are crash-safe: the snapshot goes to a fresh temporary file, is fsynced, renamed over
 * `state.json` (atomic on POSIX) and the directory is fsynced, so a `kill -9` at any moment leaves
 * either the previous snapshot or the new one. Changes are coalesced (one write per burst, at most
 * one in flight, spaced by four times the last write's cost) and flushed when the emulator stops. Loading tolerates a missing file, stray
 * temporary files, and a file that does not parse or decode: that one is moved aside as
 * `state.json.corrupt-<time>` and the emulator starts empty.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import * as NodeFs from "node:fs/promises"
import * as NodePath from "node:path"
import * as Store from "./Store.js"

/** The data directory cannot be used. @since 0.1.0 */
export class PersistenceError extends Data.TaggedError("PersistenceError")<{
  readonly path: string
  readonly message: string
  readonly cause?: unknown
}> {}

/** @since 0.1.0 */
export const fileName = "state.json"

/** Reads the snapshot in `dir`; `None` when there is none or it is unusable (then moved aside). @since 0.1.0 */
export const load = Effect.fn("Persistence.load")(function* (dir: string) {
  const path = NodePath.join(dir, fileName)
  yield* Effect.tryPromise({
    try: () => NodeFs.mkdir(dir, { recursive: true }),
    catch: (cause) => new PersistenceError({ path: dir, message: `cannot create the data directory ${dir}`, cause })
  })
  yield* removeStrayTemporaries(dir)
  const text = yield* Effect.tryPromise(() => NodeFs.readFile(path, "utf8")).pipe(Effect.option)
  if (Option.isNone(text)) return Option.none<Store.Snapshot>()
  try {
    return Option.some(Store.decodeSnapshot(text.value))
  } catch (cause) {
    const aside = `${path}.corrupt-${Date.now()}`
    yield* Effect.tryPromise(() => NodeFs.rename(path, aside)).pipe(Effect.ignore)
    yield* Effect.logWarning(`${path} could not be read (${describe(cause)}); moved to ${aside}, starting empty`)
    return Option.none<Store.Snapshot>()
  }
})

const describe = (cause: unknown): string =>
  cause instanceof SyntaxError ? "not valid JSON" : cause instanceof Error ? cause.message.split("\n")[0] ?? "invalid" : "invalid"

const removeStrayTemporaries = (dir: string) =>
  Effect.tryPromise(async () => {
    for (const entry of await NodeFs.readdir(dir)) {
      if (entry.startsWith(`${fileName}.`) && entry.endsWith(".tmp")) await NodeFs.rm(NodePath.join(dir, entry), { force: true })
    }
  }).pipe(Effect.ignore)

let temporaryCounter = 0

/** Writes `text` as `dir/state.json` atomically and durably. @since 0.1.0 */
export const writeAtomic = (dir: string, text: string) =>
  Effect.tryPromise({
    try: async () => {
      const target = NodePath.join(dir, fileName)
      const temporary = `${target}.${process.pid}.${temporaryCounter++}.tmp`
      const file = await NodeFs.open(temporary, "w")
      try {
        await file.writeFile(text, "utf8")
        await file.sync()
      } finally {
        await file.close()
      }
      await NodeFs.rename(temporary, target)
      const directory = await NodeFs.open(dir, "r")
      try {
        await directory.sync()
      } finally {
        await directory.close()
      }
    },
    catch: (cause) => new PersistenceError({ path: dir, message: "cannot write the snapshot", cause })
  })

/**
 * Keeps `dir` in step with `store` until the scope closes (then flushes): loads the snapshot into
 * the store first, then writes after each burst of changes.
 * @since 0.1.0
 */
export const attach = (
  dir: string,
  store: Store.Store,
  options: { readonly coalesce?: Duration.DurationInput } = {}
): Effect.Effect<void, PersistenceError, Scope.Scope> =>
  Effect.gen(function* () {
    const snapshot = yield* load(dir)
    if (Option.isSome(snapshot)) store.load(snapshot.value)
    const signals = yield* Queue.sliding<void>(1)
    let version = 0
    let written = 0
    store.onChange(() => {
      version++
      Queue.unsafeOffer(signals, undefined)
    })
    // A big store takes a while to write: wait at least four times the last write's duration
    // between writes, so saving never takes more than a fifth of the time.
    const coalesce = Duration.toMillis(Duration.decode(options.coalesce ?? Duration.millis(25)))
    let lastCost = 0
    const save = Effect.suspend(() => {
      if (written === version) return Effect.void
      const target = version
      const started = performance.now()
      return writeAtomic(dir, Store.encodeSnapshot(store.toSnapshot())).pipe(
        Effect.tap(() =>
          Effect.sync(() => {
            written = target
            lastCost = performance.now() - started
          })
        ),
        Effect.catchAll((error) => Effect.logError(`${error.message} in ${error.path}: ${String(error.cause)}`))
      )
    })
    const lock = yield* Effect.makeSemaphore(1)
    const saveLocked = lock.withPermits(1)(save)
    yield* Queue.take(signals).pipe(
      Effect.zipRight(Effect.suspend(() => Effect.sleep(Duration.millis(Math.max(coalesce, lastCost * 4))))),
      Effect.zipRight(saveLocked),
      Effect.forever,
      Effect.forkScoped
    )
    yield* Effect.addFinalizer(() => saveLocked)
  })
