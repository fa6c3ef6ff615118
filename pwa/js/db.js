/* The phone's own database (IndexedDB through the vendored idb), shared by the pages and the service worker.
   Classic script: sets self.TchanDB. Stores: "history" (past results, kept only here) and "outbox"
   (consented answers waiting to be sent), both keyed by the record's UUID. */
(function (root) {
  "use strict";
  let opened = null;

  function db() {
    if (!opened) {
      opened = root.idb.openDB("te-chan", 1, {
        upgrade(database) {
          database.createObjectStore("history", { keyPath: "id" });
          database.createObjectStore("outbox", { keyPath: "id" });
        },
      });
    }
    return opened;
  }

  root.TchanDB = {
    put: (store, value) => db().then((d) => d.put(store, value)),
    add: (store, value) => db().then((d) => d.add(store, value)), // rejects when the key is there already
    get: (store, key) => db().then((d) => d.get(store, key)),
    all: (store) => db().then((d) => d.getAll(store)),
    remove: (store, key) => db().then((d) => d.delete(store, key)),
    clear: (store) => db().then((d) => d.clear(store)),
  };
})(self);
