/**
 * DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER (protocol.md §3.8, §4.9): a device the client named
 * with `DEVICE_KEY` proves it holds the random password behind the verifier stored by
 * ConfirmDevice. The math is the user SRP with `poolName := DeviceGroupKey` and
 * `userId := DeviceKey`; `SALT` is the hex of the salt bytes the client hashed.
 *
 * The stage runs after the first factor (and any new password or custom challenge) and before
 * MFA, so a remembered device can stand in for MFA (`Devices.replacesMfa`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Srp from "@cognito-effect/domain/Srp"
import * as CognitoException from "../CognitoException.js"
import * as Devices from "../Devices.js"
import * as Ids from "../Ids.js"
import * as SignIn from "../SignIn.js"
import * as PasswordVerifier from "./PasswordVerifier.js"

/** @since 0.1.0 */
export const name = Devices.authenticated

/** @since 0.1.0 */
export const verifierName = "DEVICE_PASSWORD_VERIFIER"

/** Due when the pool tracks devices and the client named one. @since 0.1.0 */
export const stage: SignIn.Stage = {
  name,
  required: (attempt) => attempt.deviceKey !== undefined && Devices.tracks(attempt.state.pool),
  challenge: (attempt) =>
    Effect.gen(function* () {
      yield* Devices.own(attempt.state, attempt.user, attempt.deviceKey!)
      const session = yield* SignIn.openSession(attempt, name)
      return { ChallengeName: name, Session: Redacted.make(session), ChallengeParameters: {} } satisfies SignIn.AuthResponse
    })
}

/** DEVICE_SRP_AUTH: `SRP_A` and `DEVICE_KEY` in, `SRP_B`, `SALT` and a `SECRET_BLOCK` out. @since 0.1.0 */
export const srpAuthResponder: SignIn.Responder = {
  respond: ({ attempt, responses }) =>
    Effect.gen(function* () {
      const deviceKey = yield* SignIn.requireParameter(responses, "DEVICE_KEY")
      const srpA = yield* SignIn.requireParameter(responses, "SRP_A")
      const device = yield* Devices.own(attempt.state, attempt.user, deviceKey)
      const config = yield* Either.match(Srp.decodeDeviceVerifierConfig(device.verifierConfig), {
        onLeft: () => Effect.fail(Devices.gone()),
        onRight: Effect.succeed
      })
      const A = yield* PasswordVerifier.parseA(srpA)
      const { b, B } = yield* PasswordVerifier.ephemeral(config.v)
      // As for PASSWORD_VERIFIER, the SECRET_BLOCK doubles as the session.
      const secretBlock = yield* Ids.base64(64)
      yield* SignIn.openSession({ ...attempt, deviceKey }, verifierName, { id: secretBlock, srp: { A, b, B } })
      const response: SignIn.AuthResponse = {
        ChallengeName: verifierName,
        Session: Redacted.make(secretBlock),
        ChallengeParameters: {
          SRP_B: Srp.bigIntToHex(B),
          SALT: config.salt,
          SECRET_BLOCK: secretBlock,
          USERNAME: attempt.user.username,
          DEVICE_KEY: deviceKey
        }
      }
      return { _tag: "Respond", response } as const
    })
}

/** DEVICE_PASSWORD_VERIFIER: the claim over the exact TIMESTAMP received, in constant time. @since 0.1.0 */
export const verifierResponder: SignIn.Responder = {
  sessionKey: (responses) => responses["PASSWORD_CLAIM_SECRET_BLOCK"],
  respond: ({ session, attempt, responses }) =>
    Effect.gen(function* () {
      const deviceKey = session.deviceKey
      const srp = session.srp
      if (deviceKey === undefined || srp === undefined) return yield* Effect.fail(CognitoException.invalidSession())
      if (responses["DEVICE_KEY"] !== undefined && responses["DEVICE_KEY"] !== deviceKey) {
        return yield* Effect.fail(CognitoException.incorrectCredentials())
      }
      const device = yield* Devices.own(attempt.state, attempt.user, deviceKey)
      const { signature, timestamp, secretBlock } = yield* PasswordVerifier.readClaim(responses)
      const config = Srp.decodeDeviceVerifierConfig(device.verifierConfig)
      if (Either.isLeft(config)) return yield* Effect.fail(Devices.gone())
      const v = config.right.v
      const valid = Srp.verifyDevicePasswordClaim(
        {
          deviceGroupKey: device.groupKey,
          deviceKey: device.key,
          verifierConfig: device.verifierConfig,
          A: srp.A,
          B: srp.B,
          b: srp.b,
          secretBlock,
          timestamp,
          signature
        },
        yield* PasswordVerifier.claimExponentiations(v, srp)
      )
      if (!valid) return yield* Effect.fail(CognitoException.incorrectCredentials())
      const passed = [
        ...attempt.passed,
        Devices.authenticated,
        ...(Devices.standsInForMfa(attempt.state.pool, device) ? [Devices.rememberedFactor] : [])
      ]
      return { _tag: "Continue", attempt: { ...attempt, deviceKey, passed } } as const
    })
}
