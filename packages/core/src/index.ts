export * from './board/doc.ts';
export * from './board/ids.ts';
export * from './board/origin.ts';
export * from './board/types.ts';
