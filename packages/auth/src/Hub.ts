/**
 * Amplify's `Hub`: a process-wide event bus with named channels. Auth events of the configured
 * (global) instance arrive on the `auth` channel exactly as Amplify emits them; `createAuth`
 * instances have their own `listen` instead, so two instances never hear each other.
 *
 * @since 0.1.0
 */
import { AmplifyError } from "./AuthError.js"

/** @since 0.1.0 */
export interface HubPayload {
  readonly event: string
  readonly data?: unknown
  readonly message?: string
}

/** @since 0.1.0 */
export interface HubCapsule {
  readonly channel: string
  readonly payload: HubPayload
  readonly source?: string
  readonly crossTab?: boolean
  readonly patternInfo?: ReadonlyArray<string>
}

/** @since 0.1.0 */
export type HubCallback = (capsule: HubCapsule) => void

/** @since 0.1.0 */
export interface HubListenOptions {
  readonly listenerName?: string
  readonly enableCrossTabEvents?: boolean
}

interface Registration {
  readonly callback: HubCallback
  readonly crossTab: boolean
}

/** What the library's own dispatches pass as `ampSymbol`: only they may use the protected channels quietly. @since 0.1.0 */
export const amplifySymbol: unique symbol = Symbol("amplify_default")

/** Channels the libraries dispatch on; anyone else dispatching there gets Amplify's warning. */
const protectedChannels = new Set(["core", "auth", "api", "analytics", "interactions", "pubsub", "storage", "ui", "xr"])

/** @since 0.1.0 */
export class HubClass {
  private readonly listeners = new Map<string, Array<Registration>>()

  /** Registers `callback` for `channel`; returns the function that unregisters it. */
  listen(channel: string, callback: HubCallback, options?: string | HubListenOptions): () => void {
    if (typeof callback !== "function") {
      throw new AmplifyError({ name: "NoHubcallbackProvidedException", message: "No callback supplied to Hub" })
    }
    const registration: Registration = {
      callback,
      crossTab: typeof options === "object" && options.enableCrossTabEvents === true
    }
    const list = this.listeners.get(channel) ?? []
    list.push(registration)
    this.listeners.set(channel, list)
    return () => {
      const current = this.listeners.get(channel) ?? []
      this.listeners.set(
        channel,
        current.filter((entry) => entry !== registration)
      )
    }
  }

  /**
   * Delivers a payload to every listener of `channel` (Amplify's argument order: `ampSymbol`, then
   * whether the event came from another tab); a throwing listener never reaches the caller.
   */
  dispatch(channel: string, payload: HubPayload, source?: string, ampSymbol?: symbol, crossTab = false): void {
    if (protectedChannels.has(channel) && ampSymbol !== amplifySymbol) {
      console.warn(`WARNING: ${channel} is protected and dispatching on it can have unintended consequences`)
    }
    const capsule: HubCapsule = {
      channel,
      payload,
      ...(source === undefined ? {} : { source }),
      ...(crossTab ? { crossTab } : {})
    }
    for (const { callback, crossTab: wantsCrossTab } of [...(this.listeners.get(channel) ?? [])]) {
      if (crossTab && !wantsCrossTab) continue
      try {
        callback(capsule)
      } catch (error) {
        console.error(`Hub listener on "${channel}" threw`, error)
      }
    }
  }
}

/** The global Hub. @since 0.1.0 */
export const Hub = new HubClass()
