// A destination refused or could not be reached: the message says why in one line, and is what
// the delivery row records (never a secret, never the receiver's response body).
export class DeliveryError extends Error {
  override name = "DeliveryError";
}
