// Microphone recording with MediaRecorder, keeping the screen awake meanwhile.

// In order of preference; Safari only offers audio/mp4.
const TYPES = ['audio/webm;codecs=opus', 'audio/mp4', 'audio/ogg;codecs=opus'];
const HTTPS_NOTE = 'Phone browsers only allow the microphone on https:// pages.';

export function pickMimeType() {
  if (!window.MediaRecorder || !MediaRecorder.isTypeSupported) return '';
  return TYPES.find((type) => MediaRecorder.isTypeSupported(type)) || '';
}

// Starts recording. Resolves to {startedAt, stop(), done}; `done` resolves to the
// audio Blob once the recording ends, whether stopped by us or by the browser.
export async function record() {
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
  recorder.ondataavailable = (event) => {
    if (event.data.size) chunks.push(event.data);
  };
  const done = new Promise((resolve, reject) => {
    recorder.onstop = () => {
      const mime = recorder.mimeType || type || (chunks[0] && chunks[0].type) || 'audio/webm';
      resolve(new Blob(chunks, { type: mime }));
    };
    recorder.onerror = (event) => reject(new Error(`Recording stopped: ${(event.error && event.error.message) || 'unknown error'}.`));
  }).finally(() => {
    stream.getTracks().forEach((track) => track.stop()); // turns the mic indicator off
    wakeLock.release();
  });

  const startedAt = new Date();
  recorder.start();
  wakeLock.hold();
  return {
    startedAt,
    done,
    stop() {
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

// A screen that dims and locks mid-sentence can end the recording on phones.
const wakeLock = {
  wanted: false,
  sentinel: null,
  async hold() {
    this.wanted = true;
    try {
      const sentinel = await navigator.wakeLock.request('screen'); // throws where unsupported
      if (this.wanted) this.sentinel = sentinel;
      else sentinel.release();
    } catch {
      this.sentinel = null; // no wake lock: record anyway
    }
  },
  release() {
    this.wanted = false;
    if (this.sentinel) this.sentinel.release().catch(() => {});
    this.sentinel = null;
  },
};

// The browser drops the wake lock whenever the page is hidden.
document.addEventListener('visibilitychange', () => {
  if (wakeLock.wanted && document.visibilityState === 'visible') wakeLock.hold();
});
