/**
 * The emulator seed the demo runs on: the emulator's default pool with device tracking switched
 * on, so the page can show remembered devices. A device is remembered when the user says so
 * (the page's "Remember this device"), and a remembered device then stands in for MFA. Users may
 * also sign in without a password (USER_AUTH): with an e-mail code or a passkey, whose relying
 * party is `localhost`. The pool also has one custom attribute, `custom:favorite_color`, that the
 * page's profile edits.
 */
import { defaultSeed, type Seed } from "@cognito-effect/emulator/Seed"

export const demoSeed: Seed = {
  ...defaultSeed,
  UserPools: defaultSeed.UserPools.map((pool) => ({
    ...pool,
    Schema: [...(pool.Schema ?? []), { Name: "favorite_color", AttributeDataType: "String", Mutable: true }],
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    Policies: { ...pool.Policies, SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] } },
    WebAuthnConfiguration: { RelyingPartyId: "localhost" }
  }))
}
