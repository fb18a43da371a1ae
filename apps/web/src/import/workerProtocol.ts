/** Messages between the import dialog and its parsing worker. */
import type { PreviewOptions, PreviewSummary } from '@causeway/core';

export type WorkerOptions = Omit<PreviewOptions, 'onProgress'>;

export interface PreviewRequest {
  readonly file: File;
  readonly options: WorkerOptions;
  /** Keys of the events already on the board (boardEventKey), to count duplicates. */
  readonly boardKeys: readonly string[];
}

export type WorkerMessage =
  | {
      readonly type: 'progress';
      readonly stage: 'reading' | 'parsing';
      readonly done: number;
      readonly total: number;
    }
  | { readonly type: 'done'; readonly summary: PreviewSummary; readonly parseMs: number }
  | { readonly type: 'failed'; readonly message: string };
