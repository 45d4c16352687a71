/**
 * `updateUserAttribute`: `updateUserAttributes` for one attribute, answering that attribute's
 * outcome.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AwsJson from "../AwsJson.js"
import * as UpdateUserAttributes from "../wire/UpdateUserAttributes.js"
import type { UserAttributeKey } from "./fetchUserAttributes.js"
import { type UpdateUserAttributeOutput, updateUserAttributes } from "./updateUserAttributes.js"

/** @since 0.1.0 */
export interface UpdateUserAttributeInput {
  readonly userAttribute: { readonly attributeKey: UserAttributeKey; readonly value: string }
  readonly options?: { readonly clientMetadata?: Readonly<Record<string, string>> }
}

/** The outcome for the attribute (the same shape `updateUserAttributes` gives per attribute). @since 0.1.0 */
export type { UpdateUserAttributeOutput }

/** @since 0.1.0 */
export const updateUserAttribute = Effect.fn("updateUserAttribute")(function* (input: UpdateUserAttributeInput) {
  const attribute: unknown = input.userAttribute
  // Untyped callers: without an object naming the attribute there is nothing to send.
  if (typeof attribute !== "object" || attribute === null || typeof (attribute as { attributeKey?: unknown }).attributeKey !== "string") {
    return yield* AwsJson.invalidMember(UpdateUserAttributes.operation, "UserAttributes", attribute)
  }
  const { attributeKey, value } = input.userAttribute
  const output = yield* updateUserAttributes({
    userAttributes: { [attributeKey]: value },
    ...(input.options === undefined ? {} : { options: input.options })
  })
  // The attribute sent always has an entry: `DONE`, or the code delivery that replaced it.
  const outcome: UpdateUserAttributeOutput = output[attributeKey]!
  return outcome
})
