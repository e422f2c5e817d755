export * from "./TableClient.js";
