/* The outbox: memos saved on this phone that the server has not accepted yet.
 * A plain script on purpose: the page imports it, the service worker loads it
 * with importScripts (share target), and both see the same IndexedDB store.
 * Record shape: {id, data: ArrayBuffer, type, captured_at, filename, endpoint, charge, added_at,
 * error}; endpoint is null for a plain memo, or where a moment or a mark's answer goes. */
(function (root) {
  'use strict';

  var DB_NAME = 'afterword';
  var STORE = 'outbox';

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
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, operation) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = operation(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(request && request.result); };
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
        endpoint: meta.endpoint || null,
        charge: meta.charge === undefined ? null : meta.charge,
        added_at: new Date().toISOString(),
        error: null
      };
    });
  }

  function add(blob, meta) {
    return record(blob, meta).then(function (item) {
      return run('readwrite', function (store) { return store.add(item); });
    });
  }

  function all() {
    return run('readonly', function (store) { return store.getAll(); });
  }

  function update(id, changes) {
    return run('readwrite', function (store) {
      var request = store.get(id);
      request.onsuccess = function () {
        if (request.result) store.put(Object.assign(request.result, changes));
      };
    });
  }

  function remove(id) {
    return run('readwrite', function (store) { store.delete(id); });
  }

  root.AfterwordOutbox = { add: add, all: all, update: update, remove: remove, record: record };
})(self);
