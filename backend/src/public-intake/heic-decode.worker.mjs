// Decodes one HEIC/HEIF photo to RGBA pixels for heic-photo.ts, in a thread of its own: libheif's WebAssembly
// decoder blocks while it works, and the memory it grew to is given back when this thread ends.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import decode from 'heic-decode';

const { path, maxPixels } = workerData;
// libheif-js says why a picture failed with console.log: that goes into the answer, not the process's output.
const said = [];
console.log = (...args) =>
  said.push(
    args
      .map((arg) => (typeof arg === 'string' ? arg : (arg?.message ?? '')))
      .filter(Boolean)
      .join(': '),
  );

try {
  const images = await decode.all({ buffer: await readFile(path) });
  try {
    const image = images[0];
    if (!image) throw new Error('the file holds no image');
    // The size comes from the file's header: a small file claiming a huge picture is refused before decoding.
    if (image.width * image.height > maxPixels) {
      parentPort.postMessage({ tooLarge: true, width: image.width, height: image.height });
    } else {
      const { width, height, data } = await image.decode();
      parentPort.postMessage({ width, height, data }, [data.buffer]);
    }
  } finally {
    images.dispose();
  }
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  parentPort.postMessage({ error: [reason, ...said].join('; ').trim() });
}
