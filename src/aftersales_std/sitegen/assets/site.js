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
    /* Browsers run no workers for file:// pages, so Material hides its search: say why and what to do. */
    var article = document.querySelector(".md-content__inner");
    if (article) {
      var note = document.createElement("p");
      note.className = "as-offline-note admonition note";
      note.setAttribute("role", "note");
      note.textContent = "正在离线浏览（本地文件）：搜索需要网页服务器。可在站点文件夹运行 python3 -m http.server 后用浏览器打开，" +
        "或改用“按拼音”（收录全部叫法）和“按领域”索引查找。";
      article.insertBefore(note, article.firstChild);
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

/* Accessibility details Material leaves out: a name for the search dialog and its result list. */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search");
  if (dialog) {
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", "搜索术语");
  }
  var input = document.querySelector("input.md-search__input");
  if (input && !input.getAttribute("aria-label")) input.setAttribute("aria-label", "搜索术语、拼音或客户原话");

  /* Wide tables scroll sideways on a phone: the scrolling box must take keyboard focus (WCAG 2.1.1). */
  var tables = 0;
  function focusable(root) {
    root.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "表格 " + (++tables) + "（可左右滚动）");
    });
  }
  focusable(document);
  new MutationObserver(function () { focusable(document); })
    .observe(document.body, { childList: true, subtree: true });
})();

/* 简体 / 繁體（台灣）/ 繁體（香港）: swaps the article for the edition the build put in <template>s
   (phrase-level OpenCC plus the regional terms), sets its lang, and remembers the choice. */
(function () {
  "use strict";
  var article = document.querySelector("article.md-content__inner");
  var editions = document.querySelectorAll("template.as-edition");
  if (!article || !editions.length) return;
  var original = article.innerHTML, title = document.title, h1 = article.querySelector("h1");
  var KEY = "aftersales.script";
  var choices = [["zh-Hans", "简体"], ["zh-Hant-TW", "繁體（台灣）"], ["zh-Hant-HK", "繁體（香港）"]];
  var current = "zh-Hans";
  function show(lang) {
    var template = document.querySelector('template.as-edition[data-lang="' + lang + '"]');
    if (lang !== current) {
      // keep the chosen tab of each tab set (Material's content.tabs.link restored it on load)
      var checked = Array.prototype.map.call(article.querySelectorAll(".tabbed-set"), function (set) {
        return Array.prototype.findIndex.call(set.querySelectorAll(":scope > input"), function (i) { return i.checked; });
      });
      var kept = document.createElement("div");
      kept.innerHTML = original;
      var panels = kept.querySelectorAll('.tabbed-block[lang="zh-Hans"], .tabbed-block[lang="en"]');
      article.innerHTML = template ? template.innerHTML : original;
      article.querySelectorAll("[data-as-keep]").forEach(function (slot) {
        var panel = panels[Number(slot.getAttribute("data-as-keep"))];
        if (panel) slot.replaceWith(panel);
      });
      article.querySelectorAll(".tabbed-set").forEach(function (set, n) {
        var inputs = set.querySelectorAll(":scope > input");
        if (checked[n] >= 0 && inputs[checked[n]]) inputs[checked[n]].checked = true;
      });
      current = lang;
    }
    if (template) article.setAttribute("lang", lang); else article.removeAttribute("lang");
    var heading = article.querySelector("h1");
    document.title = heading && h1 && template ? title.replace(h1.textContent, heading.textContent) : title;
    nav.querySelectorAll("button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === lang));
    });
    place();
  }
  var nav = document.createElement("div");
  nav.className = "as-script-choice";
  nav.setAttribute("role", "group");
  nav.setAttribute("aria-label", "文字版本");
  choices.forEach(function (c) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.setAttribute("data-lang", c[0]);
    b.setAttribute("lang", c[0]);
    b.textContent = c[1];
    b.addEventListener("click", function () {
      try { localStorage.setItem(KEY, c[0]); } catch (e) { /* private mode */ }
      show(c[0]);
    });
    nav.appendChild(b);
  });
  function place() { article.insertBefore(nav, article.firstChild); }
  var saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) { /* private mode */ }
  show(saved && saved !== "zh-Hans" ? saved : "zh-Hans");
})();
