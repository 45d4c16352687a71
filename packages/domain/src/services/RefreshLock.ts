/**
 * A lock around token refresh shared by every instance that shares a session: with rotating
 * refresh tokens, two tabs refreshing at once would log each other out. Browsers get the Web Locks
 * API (one lock per origin and app client, across tabs); elsewhere instances of one process share
 * an in-process lock by name.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** @since 0.1.0 */
export interface RefreshLockService {
  /** Runs `effect` while holding the lock `name`; waits for other holders. */
  readonly withLock: <A, E, R>(name: string, effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

interface WebLocks {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>
}

const webLocks = (): WebLocks | undefined => (globalThis.navigator as { locks?: WebLocks } | undefined)?.locks

const inProcessLocks = new Map<string, Effect.Semaphore>()

const inProcess: RefreshLockService = {
  withLock: (name, effect) =>
    Effect.suspend(() => {
      let semaphore = inProcessLocks.get(name)
      if (semaphore === undefined) {
        semaphore = Effect.unsafeMakeSemaphore(1)
        inProcessLocks.set(name, semaphore)
      }
      return semaphore.withPermits(1)(effect)
    })
}

/**
 * Holds a Web Lock for as long as `effect` runs. The effect runs in this fiber; the lock's
 * callback only waits for it to finish, so interruption and context behave as usual.
 */
const withWebLock = (locks: WebLocks) => <A, E, R>(name: string, effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.async<() => void>((resume) => {
      let cancelled = false
      let release: () => void = () => {}
      const held = new Promise<void>((resolve) => (release = resolve))
      void locks.request(name, () => {
        if (cancelled) return Promise.resolve()
        resume(Effect.succeed(release))
        return held
      })
      // Interrupted while waiting: give the lock back as soon as it is granted.
      return Effect.sync(() => {
        cancelled = true
        release()
      })
    }),
    () => effect,
    (release) => Effect.sync(release)
  )

/** @since 0.1.0 @category tags */
export class RefreshLock extends Context.Tag("@cognito-effect/domain/RefreshLock")<RefreshLock, RefreshLockService>() {
  /** Instances of one process that use the same lock name exclude each other. */
  static readonly layerInProcess: Layer.Layer<RefreshLock> = Layer.succeed(RefreshLock, inProcess)
  /** Web Locks where the platform has them (browsers), else the in-process lock. */
  static readonly layer: Layer.Layer<RefreshLock> = Layer.sync(RefreshLock, () => {
    const locks = webLocks()
    return locks === undefined ? inProcess : { withLock: withWebLock(locks) }
  })
}
