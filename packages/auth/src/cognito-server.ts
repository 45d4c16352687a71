/**
 * `@cognito-effect/auth/cognito/server`, Amplify's `aws-amplify/auth/cognito/server`: the
 * user-pool functions of `/server` (`getCurrentUser`, `fetchUserAttributes`) without
 * `fetchAuthSession`, which Amplify serves from core.
 *
 * @since 0.1.0
 */
export { fetchUserAttributes, getCurrentUser } from "./server.js"
