// Install: the browser's own prompt behind our button where it offers one; instructions on iPhone and iPad.
export function initInstall() {
  const box = document.getElementById("install");
  const button = document.getElementById("install-button");
  const standalone = matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
  if (!box || standalone) return;
  let prompt = null;
  addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    prompt = event;
    box.hidden = false;
    button.hidden = false;
  });
  button.addEventListener("click", async () => {
    if (!prompt) return;
    prompt.prompt();
    await prompt.userChoice;
    prompt = null;
    button.hidden = true;
    box.hidden = true;
  });
  addEventListener("appinstalled", () => { box.hidden = true; });
  const ios = /iphone|ipad|ipod/i.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  if (ios) {
    box.hidden = false;
    document.getElementById("ios-install").hidden = false;
  }
}
