export * from './schema';
export * from './load';
export * from './build';
export { ACTIONS } from './actions';
