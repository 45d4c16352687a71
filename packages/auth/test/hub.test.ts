/**
 * The Hub's dispatch with Amplify's arguments `(channel, payload, source?, ampSymbol?, crossTab?)`:
 * an app's symbol in fourth place is not mistaken for "from another tab", dispatching on a
 * protected channel from outside the library warns but still delivers, and cross-tab events reach
 * only the listeners that asked for them.
 */
import { afterEach, describe, expect, it, vi } from "vitest"
import { amplifySymbol, type HubCapsule, HubClass } from "../src/Hub.js"

afterEach(() => vi.restoreAllMocks())

describe("Hub.dispatch", () => {
  it("delivers an app's dispatch with its own symbol to ordinary listeners, warning on a protected channel", () => {
    const hub = new HubClass()
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    const heard: Array<HubCapsule> = []
    hub.listen("auth", (capsule) => heard.push(capsule))
    hub.dispatch("auth", { event: "custom" }, "App", Symbol.for("amplify_default"))
    expect(heard).toEqual([{ channel: "auth", payload: { event: "custom" }, source: "App" }])
    expect(warn).toHaveBeenCalledWith("WARNING: auth is protected and dispatching on it can have unintended consequences")
  })

  it("stays quiet for the library's own dispatches and for unprotected channels", () => {
    const hub = new HubClass()
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    hub.dispatch("auth", { event: "signedIn" }, "Auth", amplifySymbol)
    hub.dispatch("myChannel", { event: "anything" })
    expect(warn).not.toHaveBeenCalled()
  })

  it("gives events from another tab only to listeners that enabled cross-tab events", () => {
    const hub = new HubClass()
    const local: Array<string> = []
    const crossTab: Array<string> = []
    hub.listen("auth", ({ payload }) => local.push(payload.event))
    hub.listen("auth", ({ payload }) => crossTab.push(payload.event), { enableCrossTabEvents: true })
    hub.dispatch("auth", { event: "signedOut" }, "Auth", amplifySymbol, true)
    hub.dispatch("auth", { event: "signedIn" }, "Auth", amplifySymbol)
    expect(local).toEqual(["signedIn"])
    expect(crossTab).toEqual(["signedOut", "signedIn"])
  })

  it("keeps a throwing listener away from the dispatcher and the other listeners", () => {
    const hub = new HubClass()
    vi.spyOn(console, "error").mockImplementation(() => undefined)
    const heard: Array<string> = []
    hub.listen("core", () => {
      throw new Error("listener bug")
    })
    hub.listen("core", ({ payload }) => heard.push(payload.event))
    expect(() => hub.dispatch("core", { event: "configure" }, "Core", amplifySymbol)).not.toThrow()
    expect(heard).toEqual(["configure"])
  })
})
