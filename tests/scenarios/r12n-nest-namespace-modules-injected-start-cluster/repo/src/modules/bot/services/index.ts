export * from "./relay.service";
export * from "./startup.service";
