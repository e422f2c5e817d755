export * from './telegram.mjs';
export { default as cities } from './cities.mjs';
