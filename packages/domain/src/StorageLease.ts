/**
 * The refresh lock for instances that share a storage but neither a process nor Web Locks (tabs
 * of a browser without the Web Locks API): a lease in the shared storage itself. The holder
 * writes `{"owner","expiresAt"}` under `<lock name>.lease`, renews it while it works and removes
 * it when done; a holder that died (a closed tab) loses the lease when it expires.
 *
 * Storages offer no compare-and-set, so taking the lease is write, wait a moment, read back: of
 * two instances that write at once, the later write stands and only its owner proceeds; the other
 * waits and tries again (`Schedule`-spaced, jittered). A storage that fails while locking does not
 * block the refresh: the lease is a courtesy between instances, the session must not depend on it.
 *
 * `layerDefault` is what the Layers use: Web Locks where the platform has them, else the
 * in-process lock around this lease.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { KeyValueStorage, type KeyValueStorageService } from "./services/KeyValueStorage.js"
import { RefreshLock, type RefreshLockService } from "./services/RefreshLock.js"

/** @since 0.1.0 */
export interface Options {
  /** how long a lease lasts without renewal (default 10 s) */
  readonly lease?: Duration.DurationInput
  /** how long to wait between tries while another instance holds it (default 50 ms, jittered) */
  readonly poll?: Duration.DurationInput
  /** how long to wait after writing before reading back (default 30 ms) */
  readonly settle?: Duration.DurationInput
}

/** The storage key of a lock's lease. @since 0.1.0 */
export const leaseKey = (name: string): string => `${name}.lease`

const Lease = Schema.parseJson(Schema.Struct({ owner: Schema.String, expiresAt: Schema.Number }))
const decodeLease = Schema.decodeUnknownOption(Lease)
const encodeLease = Schema.encodeSync(Lease)

const millis = (input: Duration.DurationInput) => Duration.toMillis(Duration.decode(input))

/** A random owner id for one instance. */
const ownerId: Effect.Effect<string> = Effect.map(
  Effect.all(Array.from({ length: 4 }, () => Random.nextIntBetween(0, 0x10000))),
  (parts) => parts.map((part) => part.toString(16).padStart(4, "0")).join("")
)

/** The lease lock over `storage`. @since 0.1.0 */
export const make = (storage: KeyValueStorageService, options: Options = {}): Effect.Effect<RefreshLockService> =>
  Effect.map(Effect.zip(ownerId, Effect.makeSemaphore(1)), ([owner, local]) => {
    const leaseMillis = millis(options.lease ?? Duration.seconds(10))
    const settle = Duration.decode(options.settle ?? Duration.millis(30))
    const retry = Schedule.spaced(options.poll ?? Duration.millis(50)).pipe(Schedule.jittered)

    const read = (key: string) => Effect.map(storage.getItem(key), Option.flatMap(decodeLease))
    const write = (key: string) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => storage.setItem(key, encodeLease({ owner, expiresAt: now + leaseMillis })))

    /** One try: `true` when the lease is ours. */
    const attempt = (key: string) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const current = yield* read(key)
        if (Option.isSome(current) && current.value.owner !== owner && current.value.expiresAt > now) return false
        yield* write(key)
        yield* Effect.sleep(settle)
        return Option.contains(Option.map(yield* read(key), (lease) => lease.owner), owner)
      })

    const renewWhileHeld = (key: string) =>
      Effect.flatMap(read(key), (lease) =>
        Option.exists(lease, (l) => l.owner === owner) ? write(key) : Effect.void).pipe(
          Effect.ignore,
          Effect.delay(Duration.millis(leaseMillis / 3)),
          Effect.forever
        )

    const acquire = (key: string) =>
      attempt(key).pipe(
        Effect.repeat({ schedule: retry, until: (won) => won }),
        // `acquire` runs uninterruptibly; the renewer must not inherit that, or it could never be stopped.
        Effect.zipRight(Effect.forkDaemon(Effect.interruptible(renewWhileHeld(key)))),
        Effect.map(Option.some),
        Effect.catchAll((error) =>
          Effect.as(Effect.logWarning("The refresh lease could not be taken; refreshing without it", error), Option.none()))
      )

    const release = (key: string, renewer: Option.Option<Fiber.RuntimeFiber<never, never>>) =>
      Option.match(renewer, {
        onNone: () => Effect.void,
        onSome: (fiber) =>
          Fiber.interrupt(fiber).pipe(
            Effect.zipRight(read(key)),
            Effect.flatMap((lease) => (Option.exists(lease, (l) => l.owner === owner) ? storage.removeItem(key) : Effect.void)),
            Effect.ignore
          )
      })

    // One owner id per instance: its own callers queue here, the lease only sees the instance.
    return {
      withLock: (name, effect) => {
        const key = leaseKey(name)
        return local.withPermits(1)(Effect.acquireUseRelease(acquire(key), () => effect, (renewer) => release(key, renewer)))
      }
    }
  })

/** The lease lock alone. @since 0.1.0 */
export const layer = (options: Options = {}): Layer.Layer<RefreshLock, never, KeyValueStorage> =>
  Layer.effect(RefreshLock, Effect.flatMap(KeyValueStorage, (storage) => make(storage, options)))

const hasWebLocks = (): boolean =>
  typeof (globalThis.navigator as { locks?: { request?: unknown } } | undefined)?.locks?.request === "function"

/** The in-process lock (instances of one realm queue without touching storage), then the lease. */
const layerInProcessAndLease = (options: Options): Layer.Layer<RefreshLock, never, KeyValueStorage> =>
  Layer.effect(
    RefreshLock,
    Effect.gen(function* () {
      const local = yield* RefreshLock
      const lease = yield* make(yield* KeyValueStorage, options)
      return { withLock: (name, effect) => local.withLock(name, lease.withLock(name, effect)) } satisfies RefreshLockService
    })
  ).pipe(Layer.provide(RefreshLock.layerInProcess))

/**
 * Web Locks where present (they cover every tab of the origin), else the in-process lock around
 * the storage lease.
 * @since 0.1.0
 */
export const layerDefault = (options: Options = {}): Layer.Layer<RefreshLock, never, KeyValueStorage> =>
  Layer.unwrapEffect(Effect.sync(() => (hasWebLocks() ? RefreshLock.layer : layerInProcessAndLease(options))))
