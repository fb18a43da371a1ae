/**
 * Parses an import file off the main thread: a 50,000-row file takes around a second to read and
 * check, and the page must keep answering (and showing progress) meanwhile.
 */
import { previewImport, summarisePreview } from '@causeway/core';
import type { PreviewRequest, WorkerMessage } from './workerProtocol.ts';

const post = (m: WorkerMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<PreviewRequest>) => {
  const { file, options, boardKeys } = e.data;
  try {
    post({ type: 'progress', stage: 'reading', done: 0, total: file.size });
    const text = await file.text();
    const started = performance.now();
    const preview = previewImport(text, {
      ...options,
      onProgress: (done, total) => post({ type: 'progress', stage: 'parsing', done, total }),
    });
    const summary = summarisePreview(preview, new Set(boardKeys));
    post({ type: 'done', summary, parseMs: Math.round(performance.now() - started) });
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
};
