// The client/server contract: custom messages and settings.
export * from './requests.js';
export * from './settings.js';
