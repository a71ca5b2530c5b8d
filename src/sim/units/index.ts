export * from './size';
export * from './duration';
