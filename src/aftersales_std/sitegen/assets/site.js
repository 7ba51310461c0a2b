/* aftersales-std glossary site: small additions to Material for MkDocs (no dependencies).
 * - search starts on paste (mouse, long-press) and when an IME commits, not only on a key press;
 * - the search index is fetched when search is opened, never before;
 * - read from the file system (file://): links open index.html and the search box says it needs a server;
 * - copy buttons on terms;
 * - the 简体 / 繁體（台灣）/ 繁體（香港）choice of the page (see the plugin: regional pages).
 */
(function () {
  "use strict";
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* no Material */ }
  var base = new URL(config.base || ".", location.href);
  var offline = location.protocol === "file:";
  var input = document.querySelector("input.md-search__input");
  var toggle = document.getElementById("__search");

  /* Material reads the query on keyup: text that arrives without a key (paste, IME commit, drag and
     drop, a phone's long-press menu) would wait for the next key. Tell it. */
  function queryChanged() {
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Unidentified" }));
  }
  if (input) {
    input.addEventListener("input", function (ev) { if (!ev.isComposing) queryChanged(); });
    input.addEventListener("compositionend", function () { setTimeout(queryChanged, 0); });
    input.addEventListener("paste", function () { setTimeout(queryChanged, 0); });
  }

  /* Fetch the index when search opens, so that the first result comes without waiting. */
  var warmed = false;
  function warm() {
    if (warmed || offline) return;
    warmed = true;
    fetch(new URL("search/glossary.json", base)).catch(function () { warmed = false; });
  }
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) warm(); });
  if (input) input.addEventListener("focus", warm);

  /* Offline: folders have no index page of their own in a browser; point links at index.html. */
  function fileHref(a) {
    var href = a.getAttribute("href");
    if (!href || /^[a-z]+:/i.test(href) || href.charAt(0) === "#") return;
    var cut = href.search(/[?#]/), path = cut < 0 ? href : href.slice(0, cut), rest = cut < 0 ? "" : href.slice(cut);
    if (path === "" || path.slice(-1) === "/" || path === "." || path === "..")
      a.setAttribute("href", (path === "" ? "" : path.replace(/\/?$/, "/")) + "index.html" + rest.replace(/^\?[^#]*/, ""));
  }
  if (offline) {
    document.querySelectorAll("a[href]").forEach(fileHref);
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[href]");
      if (a) fileHref(a);
    }, true);
    var form = document.querySelector(".md-search__output");
    if (form) {
      var note = document.createElement("p");
      note.className = "as-offline-note";
      note.textContent = "从本地文件打开时无法搜索：请用网页服务器打开本站（例如在站点文件夹运行 python3 -m http.server），" +
        "或改用“按拼音”和“按领域”索引查找。";
      form.insertBefore(note, form.firstChild);
    }
  }

  /* Copy buttons: <button class="as-copy" data-copy="退货">. */
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("button.as-copy");
    if (!button) return;
    var text = button.getAttribute("data-copy");
    var done = function () {
      var label = button.textContent;
      button.textContent = "已复制";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else {
      fallback(text);
      done();
    }
  });
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }
})();
