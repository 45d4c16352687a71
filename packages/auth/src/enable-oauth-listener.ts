/**
 * `import "@cognito-effect/auth/enable-oauth-listener"`: Amplify's side-effect module. Importing
 * it switches on the automatic completion of redirect sign-ins (`OAuthListener`) for a page that
 * does not import `signInWithRedirect`. It exports nothing.
 *
 * @since 0.1.0
 */
import { enableOAuthListener } from "./OAuthListener.js"

enableOAuthListener()

export {}
