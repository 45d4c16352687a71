/**
 * `updateUserAttribute`: `updateUserAttributes` for one attribute, answering that attribute's
 * outcome.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
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
  const { attributeKey, value } = input.userAttribute
  const output = yield* updateUserAttributes({
    userAttributes: { [attributeKey]: value },
    ...(input.options === undefined ? {} : { options: input.options })
  })
  // The attribute sent always has an entry: `DONE`, or the code delivery that replaced it.
  const outcome: UpdateUserAttributeOutput = output[attributeKey]!
  return outcome
})
