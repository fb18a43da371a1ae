/**
 * Runs the import preview in a Web Worker and follows its progress. A new run replaces (and
 * terminates) the previous one, so changing the format or zone mid-parse cannot show stale rows.
 */
import {
  boardEventKey,
  fileTooLargeMessage,
  type PreviewSummary,
  readTimeline,
} from '@causeway/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { WorkerMessage, WorkerOptions } from '../import/workerProtocol.ts';
import { useUploadLimit } from './useUploadLimit.ts';

export type PreviewState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'working';
      readonly stage: 'reading' | 'parsing';
      readonly done: number;
      readonly total: number;
    }
  | { readonly status: 'ready'; readonly summary: PreviewSummary; readonly parseMs: number }
  | { readonly status: 'failed'; readonly message: string };

/** The preview state and `run(file, options)` to (re)start it against the board's events. */
export function useImportPreview(doc: Y.Doc) {
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  const worker = useRef<Worker | null>(null);
  // Until the relay answers this is core's default; a relay set differently restarts the preview
  // (run changes), one on the default does not.
  const limit = useUploadLimit();

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const run = useCallback(
    (file: File, options: WorkerOptions) => {
      stop();
      // Refused before reading: the relay would refuse the upload after a full preview.
      if (file.size > limit) {
        setState({ status: 'failed', message: fileTooLargeMessage(file.size, limit) });
        return;
      }
      const w = new Worker(new URL('../import/previewWorker.ts', import.meta.url), {
        type: 'module',
      });
      worker.current = w;
      setState({ status: 'working', stage: 'reading', done: 0, total: file.size });
      w.onmessage = (e: MessageEvent<WorkerMessage>) => {
        if (worker.current !== w) return;
        const m = e.data;
        if (m.type === 'progress')
          setState({ status: 'working', stage: m.stage, done: m.done, total: m.total });
        else {
          setState(
            m.type === 'done'
              ? { status: 'ready', summary: m.summary, parseMs: m.parseMs }
              : { status: 'failed', message: m.message },
          );
          stop();
        }
      };
      w.onerror = (e) => {
        if (worker.current !== w) return;
        setState({ status: 'failed', message: e.message || 'the file could not be read' });
        stop();
      };
      w.postMessage({ file, options, boardKeys: readTimeline(doc).map(boardEventKey) });
    },
    [doc, stop, limit],
  );

  const reset = useCallback(() => {
    stop();
    setState({ status: 'idle' });
  }, [stop]);
  return { state, run, reset };
}
