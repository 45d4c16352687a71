/**
 * The `UserContextData` port over AWS's advanced-security script: a page that loads
 * `amazon-cognito-advanced-security-data.js` gets `AmazonCognitoAdvancedSecurityData`, whose
 * `getData(username, userPoolId, clientId)` returns the `EncodedData` Cognito's threat protection
 * reads. The global is looked up on every request, so a script loaded after the auth Layer was
 * built still counts.
 *
 * @since 0.1.0
 */
import { UserContextData, type UserContextDataService } from "@cognito-effect/domain/services/UserContextData"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

/** What the script puts on the page. @since 0.1.0 */
export interface Collector {
  readonly getData: (username: string, userPoolId: string, clientId: string) => unknown
}

/** `globalThis.AmazonCognitoAdvancedSecurityData`, when it has a `getData`. @since 0.1.0 */
export const currentCollector = (): Collector | undefined => {
  const collector = (globalThis as { AmazonCognitoAdvancedSecurityData?: unknown }).AmazonCognitoAdvancedSecurityData
  return typeof collector === "object" && collector !== null && typeof (collector as Partial<Collector>).getData === "function"
    ? (collector as Collector)
    : undefined
}

/**
 * The port over the collector `lookup` finds at call time. Only a non-empty string is data: a
 * collector that throws or returns anything else gives none and the request goes out without it
 * (Amplify would fail the sign-in on a throw, and send an empty `UserContextData` on no answer).
 * @since 0.1.0
 * @category constructors
 */
export const make = (lookup: () => Collector | undefined = currentCollector): UserContextDataService => ({
  encodedData: (username, userPoolId, clientId) =>
    Effect.sync(() => {
      const collector = lookup()
      if (collector === undefined) return Option.none()
      try {
        const data = collector.getData(username, userPoolId, clientId)
        return typeof data === "string" && data !== "" ? Option.some(data) : Option.none()
      } catch {
        return Option.none()
      }
    })
})

/**
 * Reads `globalThis.AmazonCognitoAdvancedSecurityData`; without it, no data.
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<UserContextData> = Layer.succeed(UserContextData, make())
