export * from './BaseClient.js';
