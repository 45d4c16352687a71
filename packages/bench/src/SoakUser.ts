/**
 * One simulated user of the soak: signs up (the code from the emulator's inbox), then runs its
 * sessions — sign in (SRP or password; the e-mail code when it turned MFA on), a random mix of
 * session reads, forced and natural refreshes, attribute updates and MFA toggles, sign out — through
 * the Promise facade, retrying each step as an app would until it succeeds.
 *
 * Every facade call is classified: a value, a documented error (counted by name), or a defect (an
 * error that is not a documented `AmplifyError`, `Unknown` caused by a defect, or a call that
 * hangs). A session that reads as signed out while the user is signed in is checked against the
 * emulator: lost when its refresh token was still valid there.
 *
 * @since 0.1.0
 */
import { AmplifyError, type AuthClient, type AuthOptions, createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { validationMessages } from "@cognito-effect/domain/AuthError"
import * as Ids from "@cognito-effect/emulator/Ids"
import type { Running } from "@cognito-effect/emulator/Server"
import { Tally } from "./SoakReport.js"

/** Amplify's runtime and configuration names (api.md §6.3–6.4) and this library's transport names. */
const runtimeNames = [
  "UserUnAuthenticatedException",
  "UserAlreadyAuthenticatedException",
  "DeviceMetadataNotFoundException",
  "AutoSignInException",
  "SignInException",
  "UnexpectedSignInInterruptionException",
  "InvalidTokens",
  "EmptyUserIdForSRPException",
  "AuthUserPoolException",
  "NetworkError",
  "TimeoutError",
  "StorageError"
]
const documented = new Set<string>([...Object.keys(validationMessages), ...runtimeNames])

const tagOf = (value: unknown) => (typeof value === "object" && value !== null && "_tag" in value ? String(value._tag) : undefined)

/** Why a rejection is a defect, or `undefined` when it is a documented, typed error. @since 0.1.0 */
export const defectIn = (error: unknown): string | undefined => {
  if (!(error instanceof AmplifyError)) return `not an AmplifyError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
  const underlying = tagOf(error.underlyingError)
  if (error.name === "Unknown") return underlying === "TransportError" ? undefined : `Unknown from a defect: ${String(error.underlyingError)}`
  if (documented.has(error.name)) return undefined
  if (underlying === "CognitoServiceError" && /^[A-Z][A-Za-z]+Exception$/.test(error.name)) return undefined
  return `undocumented name ${error.name}: ${error.message}`
}

/** What the whole run counts. @since 0.1.0 */
export class Counters {
  readonly calls = new Tally()
  readonly failedCalls = new Tally()
  readonly errorsByName = new Tally()
  readonly attempts = new Tally()
  defects = 0
  readonly defectSamples: Array<string> = []
  sessionsCompleted = 0
  sessionsLost = 0
  sessionsEndedByServer = 0
  usersSucceeded = 0

  defect(what: string): void {
    this.defects++
    if (this.defectSamples.length < 20) this.defectSamples.push(what)
  }
}

/** A call's outcome. @since 0.1.0 */
export type Outcome<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: string }

/** What one user needs. @since 0.1.0 */
export interface UserContext {
  readonly emulator: Running
  readonly counters: Counters
  readonly random: () => number
  /** no new session starts after this (epoch ms) */
  readonly softDeadline: number
  /** a user still busy at this moment has failed */
  readonly hardDeadline: number
  readonly maxWaitMillis: number
  /** a call that takes longer hangs */
  readonly callTimeoutMillis: number
}

const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis))

class TimedOut extends Error {}

const withTimeout = <A>(promise: Promise<A>, millis: number): Promise<A> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimedOut(`no answer within ${millis} ms`)), millis)
    })
  ]).finally(() => clearTimeout(timer))
}

/** A `fetch` that counts each Cognito attempt by operation. @since 0.1.0 */
export const countingFetch = (attempts: Tally): typeof globalThis.fetch => (input, init) => {
  const headers = (init?.headers ?? {}) as Record<string, string>
  const target = headers["x-amz-target"]
  if (target !== undefined) attempts.add(target.slice(target.indexOf(".") + 1))
  return globalThis.fetch(input, init)
}

const password = "Soak-passw0rd!"

class GaveUp extends Error {}

/** Runs one user to the end of its sessions; `true` when it finished them all in time. @since 0.1.0 */
export const simulate = async (context: UserContext, index: number, sessions: number): Promise<boolean> => {
  const { counters, emulator, random } = context
  const username = `soak-${index}-${Math.floor(random() * 1e9).toString(36)}@example.com`
  const storage = new InMemoryStorage()
  const options: AuthOptions = {
    storage,
    signInStorage: new InMemoryStorage(),
    crossTabEvents: false,
    fetch: countingFetch(counters.attempts)
  }
  const auth: AuthClient = createAuth(
    { Auth: { Cognito: { userPoolId: emulator.userPoolId, userPoolClientId: emulator.userPoolClientId, userPoolEndpoint: emulator.endpoint } } },
    options
  )

  const call = async <A>(name: string, run: () => Promise<A>): Promise<Outcome<A>> => {
    counters.calls.add(name)
    try {
      return { ok: true, value: await withTimeout(run(), context.callTimeoutMillis) }
    } catch (error) {
      counters.failedCalls.add(name)
      const defect = error instanceof TimedOut ? `${name} hung: ${error.message}` : defectIn(error)
      if (defect !== undefined) {
        counters.defect(`${name}: ${defect}`)
        return { ok: false, error: "(defect)" }
      }
      const errorName = (error as AmplifyError).name
      counters.errorsByName.add(errorName)
      return { ok: false, error: errorName }
    }
  }

  /** Retries `step` (an app's retry loop, short jittered pauses) until it says it is done. */
  const until = async (what: string, step: () => Promise<boolean>) => {
    for (;;) {
      if (Date.now() > context.hardDeadline) throw new GaveUp(`${username}: still at ${what} at the deadline`)
      if (await step()) return
      await sleep(20 + random() * 150)
    }
  }

  /** The refresh token the user holds now (read back from its own storage). */
  const refreshToken = async () => {
    const prefix = `CognitoIdentityServiceProvider.${emulator.userPoolClientId}`
    const user = await storage.getItem(`${prefix}.LastAuthUser`)
    return user === null ? null : storage.getItem(`${prefix}.${user}.refreshToken`)
  }

  /** Whether the emulator would still honour `token`. */
  const stillValid = (token: string | null) => {
    if (token === null) return false
    const store = emulator.emulator.store
    const stored = store.refreshTokens.get(Ids.digest(token))
    const family = stored === undefined ? undefined : store.origins.get(stored.originJti)
    const now = emulator.clock.unsafeCurrentTimeMillis()
    return stored !== undefined && family !== undefined && !family.revoked && stored.expiresAt > now && family.expiresAt > now
  }

  const signUp = async () => {
    await until("signUp", async () => {
      const result = await call("signUp", () => auth.signUp({ username, password, options: { userAttributes: { email: username } } }))
      // A retried sign-up whose first attempt went through finds the user there.
      return result.ok || result.error === "UsernameExistsException"
    })
    await confirm()
  }

  const confirm = () =>
    until("confirmSignUp", async () => {
      const code = emulator.latestCode(username, "SIGN_UP")
      if (code === undefined) {
        await call("resendSignUpCode", () => auth.resendSignUpCode({ username }))
        return false
      }
      const result = await call("confirmSignUp", () => auth.confirmSignUp({ username, confirmationCode: code }))
      if (result.ok) return true
      // Already confirmed by an earlier attempt whose answer was lost.
      if (result.error === "NotAuthorizedException") return true
      if (result.error === "CodeMismatchException" || result.error === "ExpiredCodeException") {
        await call("resendSignUpCode", () => auth.resendSignUpCode({ username }))
      }
      return false
    })

  const signIn = () =>
    until("signIn", async () => {
      const authFlowType = random() < 0.3 ? "USER_PASSWORD_AUTH" : "USER_SRP_AUTH"
      const result = await call("signIn", () => auth.signIn({ username, password, options: { authFlowType } }))
      if (!result.ok) return result.error === "UserAlreadyAuthenticatedException"
      const step = result.value.nextStep.signInStep
      if (step === "DONE") return true
      if (step === "CONFIRM_SIGN_UP") {
        await confirm()
        return false
      }
      if (step !== "CONFIRM_SIGN_IN_WITH_EMAIL_CODE") {
        counters.defect(`signIn stopped at an unexpected step ${step}`)
        return false
      }
      // The MFA path: the e-mail code, until it is accepted or the session is gone.
      for (let tries = 0; tries < 5; tries++) {
        const code = emulator.latestCode(username, "EMAIL_OTP")
        if (code === undefined) return false
        const answer = await call("confirmSignIn", () => auth.confirmSignIn({ challengeResponse: code }))
        if (answer.ok) return answer.value.nextStep.signInStep === "DONE"
        if (answer.error === "NotAuthorizedException" || answer.error === "SignInException") return false
        await sleep(20 + random() * 100)
      }
      return false
    })

  /** Checks a read that found no session: lost, if the emulator still honours its refresh token. */
  const noSession = async (held: string | null) => {
    if (stillValid(held)) counters.sessionsLost++
    else counters.sessionsEndedByServer++
    await signIn()
  }

  const session = async () => {
    await signIn()
    let held = await refreshToken()
    const actions = 3 + Math.floor(random() * 5)
    for (let action = 0; action < actions; action++) {
      const pick = random()
      if (pick < 0.2) {
        await sleep(random() * context.maxWaitMillis)
      } else if (pick < 0.45) {
        const result = await call("fetchAuthSession", () => auth.fetchAuthSession({ forceRefresh: random() < 0.4 }))
        if (result.ok && result.value.tokens === undefined) await noSession(held)
      } else if (pick < 0.6) {
        const result = await call("getCurrentUser", () => auth.getCurrentUser())
        if (!result.ok && result.error === "UserUnAuthenticatedException") await noSession(held)
      } else if (pick < 0.75) {
        const result = await call("updateUserAttributes", () =>
          auth.updateUserAttributes({ userAttributes: { name: `Soak ${Math.floor(random() * 1e6)}` } })
        )
        if (!result.ok && result.error === "UserUnAuthenticatedException") await noSession(held)
      } else if (pick < 0.88) {
        const result = await call("fetchUserAttributes", () => auth.fetchUserAttributes())
        if (!result.ok && result.error === "UserUnAuthenticatedException") await noSession(held)
      } else {
        const result = await call("updateMFAPreference", () => auth.updateMFAPreference({ email: random() < 0.5 ? "PREFERRED" : "DISABLED" }))
        if (!result.ok && result.error === "UserUnAuthenticatedException") await noSession(held)
      }
      held = (await refreshToken()) ?? held
    }
    await until("signOut", async () => (await call("signOut", () => auth.signOut({ global: random() < 0.2 }))).ok)
    const after = await call("fetchAuthSession", () => auth.fetchAuthSession())
    if (after.ok && after.value.tokens !== undefined) counters.defect(`${username}: still signed in after signOut`)
    counters.sessionsCompleted++
  }

  try {
    await signUp()
    for (let done = 0; done < sessions; done++) {
      if (Date.now() > context.softDeadline) return false
      await session()
    }
    counters.usersSucceeded++
    return true
  } catch (error) {
    if (error instanceof GaveUp) return false
    throw error
  } finally {
    await auth.dispose()
  }
}
