// Re-readings, queued: each one and its answer (helped, didn't help, how charged) waits in the
// outbox like a memo and is sent when the server can be reached, by this page or the service
// worker. Every send carries the phone's own id and the time of the re-reading, so however
// often one arrives the server logs it once, at the time it happened.
import './outbox.js';
import * as queue from './queue.js';

// A re-reading begins when a card opens; what is sent for it later adds to it. Returned at
// once, so an answer tapped before the outbox has it still belongs to it (the server takes the
// sends in any order).
export function begin(card) {
  const review = {
    id: crypto.randomUUID(),
    summary_id: card.summary_id,
    trigger_id: card.trigger_id || null,
    reviewed_at: new Date().toISOString(),
  };
  send(review);
  return review;
}

export function send(review, extra = {}) {
  const body = new Blob([JSON.stringify({ ...review, ...extra })], { type: 'application/json' });
  return queue.enqueue(body, { endpoint: self.AfterwordOutbox.REVIEWS });
}
