export * from './util';
export * from './bot';
