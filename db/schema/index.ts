// One file per area; drizzle-kit reads this index to generate migrations.
export * from "./organisations";
export * from "./auth";
export * from "./audit";
export * from "./stock";
export * from "./persons";
export * from "./leases";
export * from "./mandates";
export * from "./documents";
export * from "./ledger";
export * from "./panels";
export * from "./keeping";
export * from "./programme";
export * from "./mail";
export * from "./charges";
