// Past results, kept only on this phone (IndexedDB): a list, one result at a time, and "delete all".
import { formatDate, initShare, renderResult } from "./result.js";

export async function start(root) {
  const $ = (id) => document.getElementById(id);
  const list = $("history-list"), empty = $("history-empty"), removeAll = $("delete-all"), status = $("history-status");
  const area = $("result-area"), actions = $("result-actions");
  const icons = $("result-template").content;
  let entries = [];

  root.hidden = false;
  initShare(() => area.querySelector(".result"));
  $("history-back").addEventListener("click", () => {
    if (history.state && history.state.entry) return history.back();
    history.replaceState(null, "", location.pathname);
    show("");
  });
  removeAll.addEventListener("click", async () => {
    if (!confirm(root.dataset.confirm)) return;
    await Promise.all([self.TchanDB.clear("history"), self.TchanDB.clear("outbox")]);
    try { localStorage.removeItem("te-chan.progress"); } catch (error) { /* nothing saved */ }
    status.textContent = root.dataset.deleted;
    await refresh();
  });
  addEventListener("popstate", () => show(location.hash));
  await refresh();
  show(location.hash);

  async function refresh() {
    entries = (await self.TchanDB.all("history").catch(() => [])).sort((a, b) => (a.saved_at < b.saved_at ? 1 : -1));
    list.replaceChildren(...entries.map(item));
    empty.hidden = entries.length > 0;
    removeAll.hidden = entries.length === 0;
  }

  function item(entry) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "history-item";
    button.dataset.level = entry.view.level;
    button.dataset.id = entry.id;
    button.lang = entry.lang;
    const icon = icons.querySelector(`[data-icon="${entry.view.level}"]`);
    if (icon) button.append(icon.cloneNode(true));
    const text = document.createElement("span");
    const title = document.createElement("strong");
    title.textContent = entry.view.title;
    text.append(title, formatDate(entry.saved_at, root.dataset.lang));
    button.append(text);
    button.addEventListener("click", () => {
      history.pushState({ entry: true }, "", "#entry=" + entry.id);
      show(location.hash);
    });
    li.append(button);
    return li;
  }

  function show(hash) {
    const entry = hash.startsWith("#entry=") && entries.find((e) => e.id === hash.slice(7));
    root.hidden = Boolean(entry);
    actions.hidden = !entry;
    if (!entry) {
      area.hidden = true;
      return;
    }
    const card = renderResult(area, { ...entry.view, date: formatDate(entry.saved_at, entry.lang) });
    card.lang = entry.lang;
    scrollTo(0, 0);
    $("result-title").focus({ preventScroll: true });
  }
}
