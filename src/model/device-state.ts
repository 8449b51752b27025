/**
 * Point-in-time state of the device as each source reports it, keyed by adapter id. Events say what
 * happened when; state says what is true now. Each adapter owns the shape of its own entry and derives
 * facts from it; nothing outside the adapter reads inside it.
 */
export type DeviceState = Readonly<Record<string, unknown>>;
