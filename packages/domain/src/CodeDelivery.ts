/**
 * Cognito's `CodeDeliveryDetails` as Amplify returns them (`destination`, `deliveryMedium`,
 * `attributeName`), members absent when Cognito leaves them out.
 *
 * @since 0.1.0
 */
import type { AuthDeliveryMedium, CodeDeliveryDetails } from "./NextStep.js"
import type * as Shapes from "./wire/Shapes.js"

/** @since 0.1.0 */
export const fromWire = <K extends string = string>(details: Shapes.CodeDeliveryDetails | undefined): CodeDeliveryDetails<K> => ({
  ...(details?.Destination === undefined ? {} : { destination: details.Destination }),
  ...(details?.DeliveryMedium === undefined ? {} : { deliveryMedium: details.DeliveryMedium as AuthDeliveryMedium }),
  ...(details?.AttributeName === undefined ? {} : { attributeName: details.AttributeName as K })
})
