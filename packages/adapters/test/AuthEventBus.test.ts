import { assert, describe, it } from "@effect/vitest"
import { AuthEventBus, type Delivery } from "@cognito-effect/adapters/AuthEventBus"
import { type AuthEvent, AuthEvents } from "@cognito-effect/domain/services/AuthEvents"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Queue from "effect/Queue"

const signedIn: AuthEvent = {
  event: "signedIn",
  data: { username: "alice", userId: "0c1f7d2e-sub", signInDetails: { loginId: "alice@example.com", authFlowType: "USER_SRP_AUTH" } }
}

/** Collects log messages so a test can see what the bus reported. */
const captureLogs = () => {
  const messages: Array<string> = []
  const logger = Logger.make(({ message }) => {
    messages.push(Array.isArray(message) ? message.map(String).join(" ") : String(message))
  })
  return { messages, layer: Logger.replace(Logger.defaultLogger, logger) }
}

/** A receiver that records every delivery into a queue (listeners are plain callbacks). */
const recorder = Effect.map(Queue.unbounded<readonly [AuthEvent["event"], Delivery]>(), (queue) => ({
  queue,
  listener: (event: AuthEvent, delivery: Delivery) => {
    Queue.unsafeOffer(queue, [event.event, delivery] as const)
  }
}))

describe("AuthEventBus", () => {
  it.effect("delivers synchronously, in registration order, until unsubscribed", () =>
    Effect.gen(function*() {
      const events = yield* AuthEvents
      const seen: Array<string> = []
      const stopFirst = yield* events.listen((e) => seen.push(`first:${e.event}`))
      yield* events.listen((e) => seen.push(`second:${e.event}`))
      yield* events.publish(signedIn)
      assert.deepStrictEqual(seen, ["first:signedIn", "second:signedIn"])
      yield* stopFirst
      yield* events.publish({ event: "signedOut" })
      assert.deepStrictEqual(seen, ["first:signedIn", "second:signedIn", "second:signedOut"])
    }).pipe(Effect.provide(AuthEventBus.layer)))

  it.effect("passes the event data through and marks same-tab deliveries", () =>
    Effect.gen(function*() {
      const bus = yield* AuthEventBus
      const received: Array<[AuthEvent, Delivery]> = []
      yield* bus.subscribe((event, delivery) => received.push([event, delivery]), { crossTab: true })
      yield* bus.publish(signedIn)
      assert.deepStrictEqual(received, [[signedIn, { crossTab: false }]])
    }).pipe(Effect.provide(AuthEventBus.layer)))

  it.effect("isolates listeners: a throwing one reaches neither the publisher nor the others, and is logged", () => {
    const logs = captureLogs()
    return Effect.gen(function*() {
      const events = yield* AuthEvents
      const seen: Array<string> = []
      yield* events.listen(() => {
        throw new Error("listener bug")
      })
      yield* events.listen((e) => seen.push(e.event))
      yield* events.publish({ event: "tokenRefresh" })
      assert.deepStrictEqual(seen, ["tokenRefresh"])
      assert.strictEqual(logs.messages.length, 1)
      assert.include(logs.messages[0], "tokenRefresh")
    }).pipe(Effect.provide(Layer.merge(AuthEventBus.layer, logs.layer)))
  })

  it.effect("a listener may unsubscribe or subscribe others while an event is being delivered", () =>
    Effect.gen(function*() {
      const events = yield* AuthEvents
      const seen: Array<string> = []
      let stopSelf: Effect.Effect<void> = Effect.void
      stopSelf = yield* events.listen((e) => {
        seen.push(`once:${e.event}`)
        Effect.runSync(stopSelf)
        Effect.runSync(events.listen((later) => seen.push(`late:${later.event}`)))
      })
      yield* events.publish({ event: "signedOut" })
      yield* events.publish({ event: "tokenRefresh" })
      assert.deepStrictEqual(seen, ["once:signedOut", "late:tokenRefresh"])
    }).pipe(Effect.provide(AuthEventBus.layer)))

  describe("layerBroadcast", () => {
    const channelName = () => `cognito-effect-test-${Math.random().toString(36).slice(2)}`

    it.live("delivers session events to other tabs' opted-in listeners, marked crossTab", () =>
      Effect.gen(function*() {
        const name = channelName()
        const tabA = yield* Layer.build(AuthEventBus.layerBroadcast(name))
        const tabB = yield* Layer.build(AuthEventBus.layerBroadcast(name))
        const busA = Context.get(tabA, AuthEventBus)
        const busB = Context.get(tabB, AuthEventBus)

        const inA = yield* recorder
        const plainB = yield* recorder
        const crossB = yield* recorder
        yield* busA.subscribe(inA.listener, { crossTab: true })
        yield* busB.subscribe(plainB.listener)
        yield* busB.subscribe(crossB.listener, { crossTab: true })

        yield* busA.publish({ event: "tokenRefresh_failure", data: { error: { name: "NetworkError", message: "down" } } })
        yield* busA.publish(signedIn)
        yield* busA.publish({ event: "signedOut" })

        const first = yield* Queue.take(crossB.queue).pipe(Effect.timeout("2 seconds"))
        const second = yield* Queue.take(crossB.queue).pipe(Effect.timeout("2 seconds"))
        assert.deepStrictEqual([first, second], [["signedIn", { crossTab: true }], ["signedOut", { crossTab: true }]])
        assert.deepStrictEqual(yield* Queue.takeAll(inA.queue).pipe(Effect.map((c) => Array.from(c))), [
          ["tokenRefresh_failure", { crossTab: false }],
          ["signedIn", { crossTab: false }],
          ["signedOut", { crossTab: false }]
        ])
        yield* Effect.sleep("50 millis")
        assert.strictEqual(yield* Queue.size(plainB.queue), 0, "plain listeners hear their own tab only")
        assert.strictEqual(yield* Queue.size(inA.queue), 0, "a tab does not hear itself twice")
      }).pipe(Effect.scoped))

    it.live("ignores foreign or malformed messages on the channel", () =>
      Effect.gen(function*() {
        const name = channelName()
        const bus = Context.get(yield* Layer.build(AuthEventBus.layerBroadcast(name)), AuthEventBus)
        const received = yield* Deferred.make<ReadonlyArray<AuthEvent>>()
        const events: Array<AuthEvent> = []
        yield* bus.subscribe((event) => {
          events.push(event)
          if (event.event === "signedOut") Deferred.unsafeDone(received, Effect.succeed(events))
        }, { crossTab: true })

        const intruder = yield* Effect.acquireRelease(
          Effect.sync(() => new BroadcastChannel(name)),
          (channel) => Effect.sync(() => channel.close())
        )
        intruder.postMessage({ event: "signedIn", data: { username: "mallory", userId: "x" } })
        intruder.postMessage({ source: "@cognito-effect/auth-events", event: { event: "signedIn", data: { username: 1 } } })
        intruder.postMessage({ source: "@cognito-effect/auth-events", event: { event: "customOAuthState", data: "s" } })
        intruder.postMessage("signedOut")
        intruder.postMessage({ source: "@cognito-effect/auth-events", event: { event: "signedOut" } })

        const delivered = yield* Deferred.await(received).pipe(Effect.timeout("2 seconds"))
        assert.deepStrictEqual(delivered, [{ event: "signedOut" }])
      }).pipe(Effect.scoped))

    it.effect("works in-process where there is no BroadcastChannel", () =>
      Effect.acquireUseRelease(
        Effect.sync(() => {
          const original = globalThis.BroadcastChannel
          ;(globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = undefined
          return original
        }),
        () =>
          Effect.gen(function*() {
            const events = yield* AuthEvents
            const seen: Array<string> = []
            yield* events.listen((e) => seen.push(e.event))
            yield* events.publish({ event: "signedIn", data: { username: "alice", userId: "sub" } })
            assert.deepStrictEqual(seen, ["signedIn"])
          }).pipe(Effect.provide(AuthEventBus.layerBroadcast("unused"))),
        (original) => Effect.sync(() => (globalThis.BroadcastChannel = original))
      ))
  })
})
