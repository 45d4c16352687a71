/**
 * `updateUserAttributes`: changes attributes of the signed-in user (`UpdateUserAttributes`). Every
 * attribute sent is reported updated, except those Cognito sent a verification code for: they
 * wait for `confirmUserAttribute`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import * as AwsJson from "../AwsJson.js"
import * as CodeDelivery from "../CodeDelivery.js"
import type { CodeDeliveryDetails } from "../NextStep.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as Shapes from "../wire/Shapes.js"
import * as UpdateUserAttributes from "../wire/UpdateUserAttributes.js"
import type { UserAttributeKey } from "./fetchUserAttributes.js"

/** @since 0.1.0 */
export interface UpdateUserAttributesInput {
  /** An `undefined` value is sent as a name without a value, as Amplify does. */
  readonly userAttributes: { readonly [K in UserAttributeKey]?: string | undefined }
  readonly options?: { readonly clientMetadata?: Readonly<Record<string, string>> }
}

/** Amplify's `AuthNextUpdateAttributeStep`. @since 0.1.0 */
export type NextUpdateAttributeStep =
  | { readonly updateAttributeStep: "DONE" }
  | {
    readonly updateAttributeStep: "CONFIRM_ATTRIBUTE_WITH_CODE"
    readonly codeDeliveryDetails: CodeDeliveryDetails<UserAttributeKey>
  }

/** The outcome for one attribute. @since 0.1.0 */
export interface UpdateUserAttributeOutput {
  readonly isUpdated: boolean
  readonly nextStep: NextUpdateAttributeStep
}

/** One entry per attribute sent (and per attribute Cognito sent a code for). @since 0.1.0 */
export type UpdateUserAttributesOutput = Partial<Record<UserAttributeKey, UpdateUserAttributeOutput>>

/**
 * Amplify's result mapping: `DONE` for every attribute sent, then each code delivery turns its
 * attribute into `CONFIRM_ATTRIBUTE_WITH_CODE`.
 * @since 0.1.0
 */
export const outputFrom = (
  sent: ReadonlyArray<string>,
  deliveries: ReadonlyArray<Shapes.CodeDeliveryDetails>
): UpdateUserAttributesOutput => {
  const output: Record<string, UpdateUserAttributeOutput> = {}
  for (const name of sent) output[name] = { isUpdated: true, nextStep: { updateAttributeStep: "DONE" } }
  for (const delivery of deliveries) {
    if (delivery.AttributeName === undefined) continue
    output[delivery.AttributeName] = {
      isUpdated: false,
      nextStep: {
        updateAttributeStep: "CONFIRM_ATTRIBUTE_WITH_CODE",
        codeDeliveryDetails: CodeDelivery.fromWire<UserAttributeKey>(delivery)
      }
    }
  }
  return output
}

/** @since 0.1.0 */
export const updateUserAttributes = Effect.fn("updateUserAttributes")(function* (input: UpdateUserAttributesInput) {
  yield* AuthConfig.userPool
  const accessToken = yield* Authenticated.accessToken
  const attributes: unknown = input.userAttributes
  // Untyped callers: anything but a plain object is refused as Cognito refuses such a member.
  if (typeof attributes !== "object" || attributes === null || Array.isArray(attributes)) {
    return yield* AwsJson.invalidMember(UpdateUserAttributes.operation, "UserAttributes", attributes)
  }
  const response = yield* (yield* CognitoClient).call(UpdateUserAttributes.operation, {
    AccessToken: accessToken,
    UserAttributes: Shapes.recordToAttributes(input.userAttributes),
    ...(input.options?.clientMetadata === undefined ? {} : { ClientMetadata: input.options.clientMetadata })
  })
  return outputFrom(Object.keys(input.userAttributes), response.CodeDeliveryDetailsList ?? [])
})
