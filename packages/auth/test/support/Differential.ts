/**
 * Test support for differential tests against the published `aws-amplify`: each step of a scenario
 * is recorded with its output or its error (name, message, recovery suggestion), what differs by
 * nature (ids, tokens, secrets, functions, dates) reduced to its kind, and the Hub's auth events
 * among the steps; two recordings must then match step by step.
 */
import { expect } from "vitest"

/** Each library's Hub, as far as the scenario listens. */
export type HubLike = { listen: (channel: "auth", callback: (capsule: { payload: { event: string; data?: unknown } }) => void) => () => void }

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const jwt = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g

/** A value with what differs by nature (ids, tokens, secrets, functions) replaced by its kind. */
export const normalized = (value: unknown, secrets: ReadonlyArray<string>): unknown => {
  if (typeof value === "string") {
    let text = value.replace(jwt, "<jwt>").replace(uuid, "<uuid>")
    for (const secret of secrets) text = text.split(secret).join("<secret>")
    return text
  }
  if (typeof value === "function") return "<function>"
  if (value instanceof URL) return normalized(value.href, secrets)
  if (value instanceof Date) return "<date>"
  if (Array.isArray(value)) return value.map((item) => normalized(item, secrets))
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, normalized(member, secrets)]))
  }
  return value
}

export type Step = {
  readonly step: string
  readonly output?: unknown
  readonly error?: { readonly name: string; readonly message: string; readonly recoverySuggestion?: string; readonly metadata?: unknown }
}

/** Records each step's normalized answer; `secrets` met on the way are normalized too. */
export const recorder = () => {
  const steps: Array<Step> = []
  const secrets: Array<string> = []
  const run = async <A>(step: string, call: () => Promise<A>): Promise<A | undefined> => {
    try {
      const output = await call()
      steps.push({ step, output: normalized(output, secrets) })
      return output
    } catch (error) {
      const { name, message, recoverySuggestion, metadata } = error as Error & { recoverySuggestion?: string; metadata?: unknown }
      steps.push({
        step,
        error: {
          name,
          message: normalized(message, secrets) as string,
          ...(recoverySuggestion === undefined ? {} : { recoverySuggestion }),
          ...(metadata === undefined ? {} : { metadata: normalized(metadata, secrets) })
        }
      })
      return undefined
    }
  }
  return { steps, secrets, run }
}

/** Records the Hub's auth events among the steps, until the returned function is called. */
export const listen = (hub: HubLike, steps: Array<Step>, secrets: ReadonlyArray<string>) =>
  hub.listen("auth", ({ payload }) => steps.push({ step: `hub: ${payload.event}`, output: normalized(payload.data, secrets) }))

/**
 * Step by step, so a failure names the first step that differs. An error's `metadata` (status,
 * request ids) is compared where Amplify gives it; ours also gives it where Amplify drops it
 * (SignUp, DeleteUser, ForgetDevice, the identity pool), which is more, not different.
 */
export const expectSameSteps = (facade: ReadonlyArray<Step>, amplify: ReadonlyArray<Step>) => {
  for (const [index, expected] of amplify.entries()) {
    const step = facade[index]
    const { metadata: _ours, ...withoutMetadata } = step?.error ?? {}
    const comparable = step?.error !== undefined && expected.error !== undefined && expected.error.metadata === undefined
      ? { ...step, error: withoutMetadata }
      : step
    expect(comparable, expected.step).toEqual(expected)
  }
  expect(facade.length).toBe(amplify.length)
}
