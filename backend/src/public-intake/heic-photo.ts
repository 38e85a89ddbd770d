// HEIC/HEIF photos, what iPhones send by default: decoded to pixels with heic-decode (libheif as WebAssembly) in a
// worker thread, a few at a time, so a big photo neither blocks the API nor leaves its memory behind.
import { Worker } from 'node:worker_threads';
import type { DecodedImage } from 'heic-decode';

const WORKER = new URL('./heic-decode.worker.mjs', import.meta.url);
/** A photo decodes in about a second; one taking this long is not a photo anyone should wait for. */
const DECODE_TIMEOUT_MS = 60_000;
/** Each decode holds its RGBA pixels (4 bytes a pixel) twice at its peak: two at a time bound the memory. */
const MAX_PARALLEL = 2;

/** The file is not a HEIC/HEIF picture libheif can read (damaged, or AV1-coded: AVIF). */
export class HeicUnreadable extends Error {}

/** The file claims more pixels than allowed; nothing was decoded. */
export class HeicTooLarge extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`${width}×${height} pixels`);
  }
}

type WorkerAnswer = DecodedImage | { tooLarge: true; width: number; height: number } | { error: string };

let running = 0;
const waiting: (() => void)[] = [];

function acquire(): Promise<void> {
  if (running < MAX_PARALLEL) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

/** A finished decode hands its place straight to the next one waiting. */
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function decodeInWorker(file: string, maxPixels: number): Promise<DecodedImage> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { path: file, maxPixels } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(new HeicUnreadable(`decoding took over ${DECODE_TIMEOUT_MS / 1000} s`))),
      DECODE_TIMEOUT_MS,
    );
    worker.once('message', (answer: WorkerAnswer) =>
      settle(() => {
        if ('error' in answer) reject(new HeicUnreadable(answer.error));
        else if ('tooLarge' in answer) reject(new HeicTooLarge(answer.width, answer.height));
        else resolve(answer);
      }),
    );
    // The thread itself failed (not the photo): an error of ours, not the resident's.
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the HEIC decoder stopped (exit code ${code})`))));
  });
}

/** The photo's pixels (RGBA, turned as the file says), or HeicUnreadable / HeicTooLarge. */
export async function decodeHeic(file: string, maxPixels: number): Promise<DecodedImage> {
  await acquire();
  try {
    return await decodeInWorker(file, maxPixels);
  } finally {
    release();
  }
}
