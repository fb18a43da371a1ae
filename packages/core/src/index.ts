export * from './board/doc.ts';
export * from './board/ids.ts';
export * from './board/origin.ts';
export * from './board/time.ts';
export * from './board/types.ts';
export * from './export/rca.ts';
export * from './import/timeline.ts';
export * from './metrics/metrics.ts';
