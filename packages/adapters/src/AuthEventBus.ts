/**
 * The auth event bus: the `AuthEvents` port with synchronous in-process listeners (Amplify's Hub
 * `auth` channel), and optionally cross-tab delivery through a `BroadcastChannel`.
 *
 * A listener that throws is reported in the log and never reaches the publisher or the other
 * listeners. Cross-tab: `signedIn`, `signedOut` and `tokenRefresh` are posted to the other tabs;
 * there they reach only the listeners that opted in with `{ crossTab: true }`, marked
 * `crossTab: true` (as Amplify 6.21 marks its Hub capsules). Plain listeners hear their own tab only.
 *
 * @since 0.1.0
 */
import { type AuthEvent, AuthEvents, type AuthEventsService } from "@cognito-effect/domain/services/AuthEvents"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import * as Schema from "effect/Schema"

/** @since 0.1.0 @category models */
export interface ListenOptions {
  /** Also hear events published in other tabs of the same origin. Default `false`. */
  readonly crossTab?: boolean
}

/** How an event reached the listener. @since 0.1.0 @category models */
export interface Delivery {
  /** `true` when the event was published in another tab */
  readonly crossTab: boolean
}

/** @since 0.1.0 @category models */
export type Listener = (event: AuthEvent, delivery: Delivery) => void

/** @since 0.1.0 @category models */
export interface AuthEventBusService extends AuthEventsService {
  /** Registers a listener; the returned effect unregisters it. */
  readonly subscribe: (listener: Listener, options?: ListenOptions) => Effect.Effect<Effect.Effect<void>>
}

const source = "@cognito-effect/auth-events"

const SignInDetails = Schema.Struct({
  loginId: Schema.optionalWith(Schema.String, { exact: true }),
  authFlowType: Schema.optionalWith(Schema.String, { exact: true })
})

/** What may arrive from another tab: the events that describe the shared session, nothing else. */
const CrossTabMessage = Schema.Struct({
  source: Schema.Literal(source),
  event: Schema.Union(
    Schema.Struct({
      event: Schema.Literal("signedIn"),
      data: Schema.Struct({
        username: Schema.String,
        userId: Schema.String,
        signInDetails: Schema.optionalWith(SignInDetails, { exact: true })
      })
    }),
    Schema.Struct({ event: Schema.Literal("signedOut") }),
    Schema.Struct({ event: Schema.Literal("tokenRefresh") })
  )
})
const decodeCrossTab = Schema.decodeUnknownOption(CrossTabMessage)

/** The events that are posted to other tabs. @since 0.1.0 @category models */
export const crossTabEvents: ReadonlySet<AuthEvent["event"]> = new Set(["signedIn", "signedOut", "tokenRefresh"])

interface Entry {
  readonly listener: Listener
  readonly crossTab: boolean
}

const make = (channel: BroadcastChannel | undefined): Effect.Effect<AuthEventBusService> =>
  Effect.gen(function*() {
    const runtime = yield* Effect.runtime<never>()
    const entries = new Set<Entry>()

    /** Calls every listener in registration order; returns what they threw. */
    const deliver = (event: AuthEvent, crossTab: boolean): Array<unknown> => {
      const failures: Array<unknown> = []
      for (const entry of Array.from(entries)) {
        if (crossTab && !entry.crossTab) continue
        try {
          entry.listener(event, { crossTab })
        } catch (error) {
          failures.push(error)
        }
      }
      return failures
    }

    const report = (event: AuthEvent, failures: ReadonlyArray<unknown>) =>
      Effect.forEach(
        failures,
        (error) => Effect.logWarning(`An auth event listener failed on "${event.event}"`, Cause.die(error)),
        { discard: true }
      )

    const post = (event: AuthEvent) =>
      Effect.suspend(() => {
        if (channel === undefined || !crossTabEvents.has(event.event)) return Effect.void
        return Effect.try(() => channel.postMessage({ source, event })).pipe(
          Effect.catchAll((error) => Effect.logWarning("Could not post an auth event to other tabs", Cause.die(error)))
        )
      })

    if (channel !== undefined) {
      channel.onmessage = (message: MessageEvent) => {
        const received = decodeCrossTab(message.data)
        if (Option.isNone(received)) return
        const event = received.value.event
        const failures = deliver(event, true)
        if (failures.length > 0) Runtime.runFork(runtime)(report(event, failures))
      }
    }

    const subscribe = (listener: Listener, options?: ListenOptions) =>
      Effect.sync(() => {
        const entry: Entry = { listener, crossTab: options?.crossTab === true }
        entries.add(entry)
        return Effect.sync(() => {
          entries.delete(entry)
        })
      })

    return {
      publish: (event) => Effect.suspend(() => report(event, deliver(event, false))).pipe(Effect.zipRight(post(event))),
      listen: (listener) => subscribe((event) => listener(event)),
      subscribe
    }
  })

const toContext = (bus: AuthEventBusService) =>
  Context.make(AuthEventBus, bus).pipe(Context.add(AuthEvents, bus))

/**
 * The bus as its own tag (for listeners with options); its Layers also provide `AuthEvents`.
 * @since 0.1.0
 * @category tags
 */
export class AuthEventBus extends Context.Tag("@cognito-effect/adapters/AuthEventBus")<
  AuthEventBus,
  AuthEventBusService
>() {
  /** In-process listeners only. */
  static readonly layer: Layer.Layer<AuthEventBus | AuthEvents> = Layer.effectContext(
    Effect.map(make(undefined), toContext)
  )

  /**
   * In-process listeners plus cross-tab delivery over `BroadcastChannel(channelName)` where the
   * platform has one (browsers, Node ≥ 18); elsewhere the same as {@link AuthEventBus.layer}.
   */
  static readonly layerBroadcast = (channelName: string): Layer.Layer<AuthEventBus | AuthEvents> =>
    Layer.scopedContext(
      Effect.gen(function*() {
        const channel = typeof globalThis.BroadcastChannel === "function"
          ? yield* Effect.acquireRelease(
            Effect.sync(() => new globalThis.BroadcastChannel(channelName)),
            (channel) => Effect.sync(() => channel.close())
          )
          : undefined
        return toContext(yield* make(channel))
      })
    )
}
