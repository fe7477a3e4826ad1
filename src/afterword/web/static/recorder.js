// Microphone recording with MediaRecorder, in slices of about a second, keeping the screen
// awake meanwhile.
import * as wake from './wake.js';

// Safari 18.4+ claims WebM, but its WebM recordings are broken; its MP4 ones are sound.
const WEBKIT_TYPES = ['audio/mp4', 'audio/webm;codecs=opus'];
const OTHER_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'];
const SLICE_MS = 1000;
const HTTPS_NOTE = 'Phone browsers only allow the microphone on https:// pages.';

// Every browser on iOS is WebKit, and says so in navigator.vendor; Chromium says "AppleWebKit"
// in its user agent too, so that is no test.
export const isWebKit = (nav = navigator) => nav.vendor === 'Apple Computer, Inc.';

export function chooseType(webkit, isTypeSupported) {
  return (webkit ? WEBKIT_TYPES : OTHER_TYPES).find((type) => isTypeSupported(type)) || '';
}

export function pickMimeType() {
  if (!window.MediaRecorder || !MediaRecorder.isTypeSupported) return '';
  return chooseType(isWebKit(), (type) => MediaRecorder.isTypeSupported(type));
}

// Starts recording. Resolves to {startedAt, type, stop(), done}. `onSlice(blob)` gets each
// slice as it arrives; `done` resolves to {blob, stoppedByPerson} once the recording ends,
// whether stopped by the person or by the browser (a locked screen, a call).
export async function record({ onSlice = () => {} } = {}) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
    throw new Error(`This browser can't use the microphone here. ${HTTPS_NOTE}`);
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (error) {
    throw new Error(micMessage(error));
  }
  const type = pickMimeType();
  let recorder;
  try {
    recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
  } catch {
    stream.getTracks().forEach((track) => track.stop());
    throw new Error("This browser can't record audio. You can still choose an audio file below.");
  }
  const chunks = [];
  let stoppedByPerson = false;
  recorder.ondataavailable = (event) => {
    if (!event.data.size) return;
    chunks.push(event.data);
    onSlice(event.data);
  };
  // The page may be frozen or killed once hidden: hand over what the current slice holds.
  const flushSlice = () => {
    if (recorder.state === 'recording') recorder.requestData();
  };
  const done = new Promise((resolve, reject) => {
    recorder.onstop = () => {
      const mime = recorder.mimeType || type || (chunks[0] && chunks[0].type) || 'audio/webm';
      resolve({ blob: new Blob(chunks, { type: mime }), stoppedByPerson });
    };
    recorder.onerror = (event) => reject(new Error(`Recording stopped: ${(event.error && event.error.message) || 'unknown error'}.`));
  }).finally(() => {
    stream.getTracks().forEach((track) => track.stop()); // turns the mic indicator off
    document.removeEventListener('visibilitychange', flushSlice);
    window.removeEventListener('pagehide', flushSlice);
    wake.release();
  });

  const startedAt = new Date();
  recorder.start(SLICE_MS);
  document.addEventListener('visibilitychange', flushSlice);
  window.addEventListener('pagehide', flushSlice);
  wake.hold(); // a screen that dims and locks mid-sentence can end the recording
  return {
    startedAt,
    type: recorder.mimeType || type || 'audio/webm',
    done,
    stop() {
      stoppedByPerson = true;
      if (recorder.state !== 'inactive') recorder.stop();
    },
  };
}

function micMessage(error) {
  if (error.name === 'NotAllowedError' || error.name === 'SecurityError') {
    return `Microphone access was blocked. Allow it for this site in the browser settings, then try again. ${HTTPS_NOTE}`;
  }
  if (error.name === 'NotFoundError') return `No microphone was found. ${HTTPS_NOTE}`;
  return `The microphone isn't available right now. ${HTTPS_NOTE}`;
}
