// Entry module: what every page needs (offline worker, sending what waits, language switch, install), then the
// page's own module.
import { registerWorker } from "./update.js";
import { initInstall } from "./install.js";
import { initLangSwitch } from "./lang.js";
import { startSync } from "./sync.js";

const MODULES = {
  stepper: () => import("./stepper.js"),
  history: () => import("./history.js"),
  result: () => import("./result.js"),
  guide: () => import("./guide.js"),
};

document.documentElement.classList.add("js");
for (const el of document.querySelectorAll(".js-only")) el.hidden = false;
initLangSwitch();
initInstall();
registerWorker();
startSync();

const offlineNote = document.getElementById("offline-note");
const showOnline = () => { offlineNote.hidden = navigator.onLine; };
addEventListener("online", showOnline);
addEventListener("offline", showOnline);
showOnline();

for (const el of document.querySelectorAll("[data-module]")) {
  const load = MODULES[el.dataset.module];
  if (load) load().then((module) => module.start(el));
}
