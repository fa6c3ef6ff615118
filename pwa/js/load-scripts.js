// Classic scripts (the UMD evaluator: json-logic.js, triage.js, …) added to the page in order, all at once.
export function loadScripts(urls) {
  return Promise.all(urls.map((url) => new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.async = false; // run in the given order: each needs the ones before it
    script.onload = resolve;
    script.onerror = () => reject(new Error(url));
    document.head.append(script);
  })));
}
