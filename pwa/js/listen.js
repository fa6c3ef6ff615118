// "Listen": a section read aloud by the phone's own speech synthesis, in the page's language only. The buttons
// (from <template id="listen-template">) appear only when the phone has a voice for that language: Vietnamese is
// never read with an English voice. Works offline wherever the phone's voice does.
let voicePromise = null;

function voiceFor(lang) {
  if (!("speechSynthesis" in self)) return Promise.resolve(null);
  if (!voicePromise) {
    voicePromise = new Promise((resolve) => {
      const find = () => speechSynthesis.getVoices().filter((v) => v.lang.replace("_", "-").toLowerCase().split("-")[0] === lang);
      const pick = (voices) => voices.find((v) => v.localService) || voices[0] || null;
      if (find().length) return resolve(pick(find()));
      // Voices often arrive a moment after the page loads.
      speechSynthesis.addEventListener("voiceschanged", () => resolve(pick(find())), { once: true });
      setTimeout(() => resolve(pick(find())), 2000);
    });
  }
  return voicePromise;
}

// Puts the controls into each [data-listen] box under `root`; each reads the section (or card) it belongs to.
export async function initListen(root, lang) {
  const boxes = root.matches("[data-listen]") ? [root] : [...root.querySelectorAll("[data-listen]")];
  const template = document.getElementById("listen-template");
  if (!boxes.length || !template) return;
  const voice = await voiceFor(lang);
  if (!voice) return;
  for (const box of boxes) {
    box.replaceChildren(template.content.cloneNode(true));
    box.hidden = false;
    const button = (what) => box.querySelector(`[data-do="${what}"]`);
    const show = (state) => {
      button("play").hidden = state !== "idle";
      button("pause").hidden = state !== "speaking";
      button("resume").hidden = state !== "paused";
      button("stop").hidden = state === "idle";
      box.dataset.state = state;
    };
    show("idle");
    button("play").addEventListener("click", () => {
      speechSynthesis.cancel();
      for (const other of document.querySelectorAll("[data-listen][data-state]")) other.stopped?.();
      const parts = sentences(readable(box));
      parts.forEach((text, i) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = voice.lang;
        try { utterance.voice = voice; } catch (error) { /* lang alone picks it */ }
        if (i === parts.length - 1) utterance.addEventListener("end", () => show("idle"));
        speechSynthesis.speak(utterance);
      });
      show("speaking");
    });
    button("pause").addEventListener("click", () => { speechSynthesis.pause(); show("paused"); });
    button("resume").addEventListener("click", () => { speechSynthesis.resume(); show("speaking"); });
    button("stop").addEventListener("click", () => { speechSynthesis.cancel(); show("idle"); });
    box.stopped = () => show("idle");
  }
}

// The words of the box's section as shown (hidden parts and the buttons left out).
function readable(box) {
  const section = box.closest("[data-listen-scope]") || box.parentElement;
  box.hidden = true;
  const text = section.innerText;
  box.hidden = false;
  return text;
}

// Short utterances: some voices stop after about 15 seconds of one long one.
function sentences(text) {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
}
