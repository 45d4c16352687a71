/**
 * The auto sign-in armed by `signUp({ options: { autoSignIn } })`: kept in memory only (it holds the
 * password), for one instance, for Cognito's 3 minutes. `confirmSignUp` arms it; `autoSignIn` runs
 * it; any `signIn` resets it, as in Amplify.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type * as Redacted from "effect/Redacted"
import type { SignInOptions } from "../steps/signIn.js"

/** @since 0.1.0 */
export interface PendingAutoSignIn {
  readonly username: string
  readonly password?: Redacted.Redacted<string>
  readonly options?: SignInOptions
  /** `awaitingConfirmation` until `confirmSignUp`; `ready` after it; `polling` for link verification */
  readonly phase: "awaitingConfirmation" | "ready" | "polling"
  /** the `Session` from `SignUp` / `ConfirmSignUp` (used by `USER_AUTH`) */
  readonly session?: Redacted.Redacted<string>
  readonly expiresAt: number
}

/** @since 0.1.0 */
export interface AutoSignInStateService {
  readonly get: Effect.Effect<Option.Option<PendingAutoSignIn>>
  readonly set: (pending: PendingAutoSignIn) => Effect.Effect<void>
  readonly reset: Effect.Effect<void>
}

/** @since 0.1.0 @category tags */
export class AutoSignInState extends Context.Tag("@cognito-effect/domain/AutoSignInState")<AutoSignInState, AutoSignInStateService>() {
  static readonly layer: Layer.Layer<AutoSignInState> = Layer.effect(
    AutoSignInState,
    Effect.map(Ref.make(Option.none<PendingAutoSignIn>()), (ref) => ({
      get: Ref.get(ref),
      set: (pending) => Ref.set(ref, Option.some(pending)),
      reset: Ref.set(ref, Option.none())
    }))
  )
}
