/* The outbox: memos saved on this phone that the server has not accepted yet.
 * A plain script on purpose: the page imports it, the service worker loads it
 * with importScripts (share target, Background Sync), and both see the same IndexedDB.
 * Item shape: {id, data: ArrayBuffer, type, captured_at, filename, note, endpoint, charge,
 * added_at, error, recording, take, cut_short, token}; endpoint is null for a plain memo, or where
 * a moment or a mark's answer goes; token is the pairing of the person who recorded it, so that
 * it uploads as them even after someone else signs in on this phone. A recording in progress is an item with `recording: true`
 * and no data yet; its slices wait in their own store until it ends (or is found cut short).
 * A re-reading on the Review screen (and its answer) is an item too: JSON for /api/reviews,
 * under the phone's own review id, so the server logs it once however often it arrives. */
(function (root) {
  'use strict';

  var DB_NAME = 'afterword';
  var VERSION = 2;
  var STORE = 'outbox';
  var SLICES = 'slices'; // {recording: item id, seq, data}
  var KEYS = 'keys'; // {name, value}: the token, for the service worker, which has no localStorage
  var CUT_SHORT_NOTE = 'Cut short: the recording ended before Stop was tapped.';
  var SEND_TIMEOUT_MS = 120000;
  // 4xx answers that may succeed later; every other 4xx is final for that memo.
  var RETRYABLE = [401, 408, 425, 429];
  var REVIEWS = '/api/reviews';

  var TYPES_BY_EXTENSION = {
    m4a: 'audio/mp4', mp4: 'audio/mp4', aac: 'audio/aac', mp3: 'audio/mpeg',
    wav: 'audio/wav', ogg: 'audio/ogg', opus: 'audio/ogg', oga: 'audio/ogg',
    webm: 'audio/webm', amr: 'audio/amr', '3gp': 'audio/3gpp', flac: 'audio/flac'
  };

  // Some phones hand over files without a useful MIME type; the extension is the best hint left.
  function typeOf(blob, filename) {
    if (blob.type && blob.type !== 'application/octet-stream') return blob.type;
    var match = /\.([a-z0-9]+)$/i.exec(filename || '');
    return (match && TYPES_BY_EXTENSION[match[1].toLowerCase()]) || 'application/octet-stream';
  }

  // A fresh connection per operation: iOS Safari drops long-lived IndexedDB
  // connections when the page sits in the background.
  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, VERSION);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
        if (!db.objectStoreNames.contains(SLICES)) db.createObjectStore(SLICES, { keyPath: ['recording', 'seq'] });
        if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS, { keyPath: 'name' });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  // `operation(tx)` returns a request (resolves to its result) or a function (called once the
  // transaction has committed, for a result built inside it).
  function run(stores, mode, operation) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(stores, mode);
        var outcome = operation(tx);
        tx.oncomplete = function () {
          db.close();
          resolve(typeof outcome === 'function' ? outcome() : outcome && outcome.result);
        };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  // Bytes rather than a Blob: older iOS versions fail to store Blobs in IndexedDB.
  function record(blob, meta) {
    return blob.arrayBuffer().then(function (data) {
      return {
        data: data,
        type: typeOf(blob, meta.filename),
        captured_at: meta.captured_at || null,
        filename: meta.filename || null,
        note: null,
        endpoint: meta.endpoint || null,
        charge: meta.charge === undefined ? null : meta.charge,
        added_at: new Date().toISOString(),
        error: null,
        token: meta.token || null
      };
    });
  }

  function add(blob, meta) {
    return record(blob, meta).then(function (item) {
      return run([STORE], 'readwrite', function (tx) { return tx.objectStore(STORE).add(item); });
    });
  }

  function all() {
    return run([STORE], 'readonly', function (tx) { return tx.objectStore(STORE).getAll(); });
  }

  function get(id) {
    return run([STORE], 'readonly', function (tx) { return tx.objectStore(STORE).get(id); });
  }

  function update(id, changes) {
    return run([STORE], 'readwrite', function (tx) {
      var store = tx.objectStore(STORE);
      var request = store.get(id);
      request.onsuccess = function () {
        if (request.result) store.put(Object.assign(request.result, changes));
      };
    });
  }

  function remove(id) {
    return run([STORE], 'readwrite', function (tx) { tx.objectStore(STORE).delete(id); });
  }

  // A recording starts as an item without data, so a page that dies mid-sentence leaves a trace.
  function begin(type, meta) {
    var item = {
      data: null, type: type, captured_at: meta.captured_at || null, filename: null, note: null,
      endpoint: meta.endpoint || null, charge: meta.charge === undefined ? null : meta.charge,
      added_at: new Date().toISOString(), error: null, recording: true, take: meta.take,
      token: meta.token || null
    };
    return run([STORE], 'readwrite', function (tx) { return tx.objectStore(STORE).add(item); });
  }

  function addSlice(id, seq, blob) {
    return blob.arrayBuffer().then(function (data) {
      return run([SLICES], 'readwrite', function (tx) {
        tx.objectStore(SLICES).put({ recording: id, seq: seq, data: data });
      });
    });
  }

  function slicesOf(id) {
    return IDBKeyRange.bound([id, 0], [id, Infinity]);
  }

  // Joins the slices into the item's audio, in one transaction; resolves to the item, or null
  // when nothing was recorded (the empty item is dropped).
  function finish(id, cutShort) {
    return run([STORE, SLICES], 'readwrite', function (tx) {
      var store = tx.objectStore(STORE);
      var slices = tx.objectStore(SLICES);
      var finished = null;
      var itemRequest = store.get(id);
      var slicesRequest = slices.getAll(slicesOf(id));
      slicesRequest.onsuccess = function () {
        var item = itemRequest.result;
        var parts = slicesRequest.result.map(function (slice) { return new Uint8Array(slice.data); });
        var size = parts.reduce(function (total, part) { return total + part.byteLength; }, 0);
        slices.delete(slicesOf(id));
        if (!item) return;
        if (!size) {
          store.delete(id);
          return;
        }
        var data = new Uint8Array(size);
        var offset = 0;
        parts.forEach(function (part) { data.set(part, offset); offset += part.byteLength; });
        finished = Object.assign(item, {
          data: data.buffer, recording: false, cut_short: !!cutShort, note: cutShort ? CUT_SHORT_NOTE : null
        });
        store.put(finished);
      };
      return function () { return finished; };
    });
  }

  function discard(id) {
    return run([STORE, SLICES], 'readwrite', function (tx) {
      tx.objectStore(STORE).delete(id);
      tx.objectStore(SLICES).delete(slicesOf(id));
    });
  }

  function setToken(token) {
    return run([KEYS], 'readwrite', function (tx) {
      if (token) tx.objectStore(KEYS).put({ name: 'token', value: token });
      else tx.objectStore(KEYS).delete('token');
    });
  }

  function getToken() {
    return run([KEYS], 'readonly', function (tx) {
      var request = tx.objectStore(KEYS).get('token');
      return function () { return request.result ? request.result.value : null; };
    });
  }

  // Signing out: the outbox, its slices and the token go with the whole database.
  function forget() {
    return new Promise(function (resolve) {
      var request = indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
    });
  }

  // The same request from the page (with progress) and from the service worker.
  function uploadPath(item) {
    var query = new URLSearchParams();
    if (item.captured_at) query.set('captured_at', item.captured_at);
    if (item.filename) query.set('filename', item.filename);
    if (item.note) query.set('note', item.note);
    if (item.charge !== null && item.charge !== undefined) query.set('charge', String(item.charge));
    var text = query.toString();
    return (item.endpoint || '/api/memos') + (text ? '?' + text : '');
  }

  function sendable(item) {
    return !item.recording && !item.error && item.data;
  }

  // One uploader at a time across the page and the service worker: a memo already on its
  // way is not sent twice (the server would give back the same memo, but why send it twice).
  function exclusive(work) {
    var locks = root.navigator && root.navigator.locks;
    return locks ? locks.request('afterword-upload', work) : work();
  }

  // The service worker's upload (Background Sync): resolves when nothing is left to send,
  // rejects on a network failure so that the browser tries again later. `tell` gets
  // {type: 'uploaded', id, memo, endpoint} or {type: 'rejected', id, error} for each memo, so an open
  // page shows what happened as if it had sent the memo itself.
  function drain(tell) {
    return exclusive(function () {
      return Promise.all([getToken(), all()]).then(function (found) {
        var token = found[0];
        var items = found[1].filter(function (item) { return sendable(item) && (item.token || token); });
        return items.reduce(function (previous, item) {
          return previous.then(function () { return sendFromWorker(item, item.token || token, tell); });
        }, Promise.resolve());
      });
    });
  }

  function sendFromWorker(item, token, tell) {
    return get(item.id).then(function (current) {
      if (!current || !sendable(current)) return null; // the page sent it meanwhile
      var abort = new AbortController();
      var timer = setTimeout(function () { abort.abort(); }, SEND_TIMEOUT_MS);
      return fetch(uploadPath(current), {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + token, 'Content-Type': current.type },
        body: new Blob([current.data], { type: current.type }),
        signal: abort.signal
      }).finally(function () { clearTimeout(timer); }).then(function (response) {
        var final = response.status >= 400 && response.status < 500 && RETRYABLE.indexOf(response.status) < 0;
        if (!response.ok && !final) throw new Error('The server answered ' + response.status + '; trying again later.');
        return response.json().catch(function () { return null; }).then(function (body) {
          if (response.ok) {
            return remove(current.id).then(function () { tell({ type: 'uploaded', id: current.id, memo: body, endpoint: current.endpoint || null }); });
          }
          var detail = body && typeof body.detail === 'string' ? body.detail : 'The server answered ' + response.status + '.';
          // A refused re-reading (its summary deleted since) is nobody's only copy of anything.
          var kept = current.endpoint === REVIEWS ? remove(current.id) : update(current.id, { error: detail });
          return kept.then(function () {
            tell({ type: 'rejected', id: current.id, error: detail, endpoint: current.endpoint || null });
          });
        });
      });
    });
  }

  root.AfterwordOutbox = {
    add: add, all: all, get: get, update: update, remove: remove, record: record,
    begin: begin, addSlice: addSlice, finish: finish, discard: discard, setToken: setToken, getToken: getToken,
    uploadPath: uploadPath, sendable: sendable, exclusive: exclusive, drain: drain, forget: forget,
    RETRYABLE: RETRYABLE, REVIEWS: REVIEWS, SYNC_TAG: 'afterword-outbox'
  };
})(self);
