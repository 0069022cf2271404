// Factories per area: each takes (db, overrides) and creates fresh, uniquely named records.
export * from "./organisations";
export * from "./users";
export * from "./stock";
export * from "./persons";
export * from "./leases";
export * from "./ledger-fixtures";
export * from "./panels";
export * from "./keeping";
export * from "./charges";
