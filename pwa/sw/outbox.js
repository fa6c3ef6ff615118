/* Service worker, part 4: the consented records waiting in IndexedDB ("outbox"), sent to the server. The UUID makes
   a repeat harmless: the server stores each id once. One sending at a time (start, `online`, Background Sync and
   activation can ask together); asked again meanwhile, it goes round once more, for a record queued after it
   began. Rejects when something could not be sent yet, so Background Sync tries again later. */
"use strict";
let flushing = null;
let again = false;

function flushOutbox() {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    try {
      do {
        again = false;
        await sendOutbox();
      } while (again);
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

async function sendOutbox() {
  const waiting = await self.TchanDB.all("outbox");
  let failed = 0;
  for (const item of waiting) {
    try {
      const response = await fetch("/api/v1/triage", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({
          answers: item.answers, lang: item.lang, consent: true, id: item.id, offline: item.offline === true,
        }),
      });
      // Stored (2xx), or refused for good (4xx other than 408/429: the same body would fail again): done with it.
      // A 2xx whose record is "unavailable" (the server's database failed) was not stored: it waits again.
      const unstored = response.ok && await response.json().then(
        (result) => result.record && result.record.reason === "unavailable", () => false);
      const done = (response.ok && !unstored) ||
        (response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status));
      if (done) await self.TchanDB.remove("outbox", item.id);
      else await notSent(item, unstored);
    } catch (error) {
      await notSent(item, false);
    }
  }
  if (failed) throw new Error(failed + " record(s) not sent yet");

  // A record the page queued says nothing of `offline` until its first try: made offline unless the server
  // answered it (and only could not store it).
  async function notSent(item, answered) {
    failed += 1;
    const still = await self.TchanDB.get("outbox", item.id); // unless consent was withdrawn meanwhile
    if (still && still.offline === undefined) {
      await self.TchanDB.put("outbox", Object.assign({}, still, { offline: !answered }));
    }
  }
}
