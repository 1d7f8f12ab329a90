/* Keep Open: the "Copy citation" button of the cite box. Local script, no third party. */
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function setup(root) {
    var button = root.querySelector("[data-ko-cite-copy]");
    var source = root.querySelector("[data-ko-cite-text]");
    if (!button || !source || button.dataset.koReady) { return; }
    button.dataset.koReady = "1";
    var label = button.textContent;
    button.addEventListener("click", function () {
      copy(source.textContent.trim()).then(function () {
        button.textContent = "Copied";
        button.dataset.copied = "true";
      }, function () {
        button.textContent = "Select the text to copy it";
        button.dataset.copied = "false";
      }).then(function () {
        window.setTimeout(function () { button.textContent = label; }, 4000);
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-ko-cite]").forEach(setup);
  }

  // Material's instant navigation swaps pages without a reload; `document$` reports each one.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
