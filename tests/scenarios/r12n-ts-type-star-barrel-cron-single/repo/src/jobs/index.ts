export type * from "./types";
export * from "./digest";
