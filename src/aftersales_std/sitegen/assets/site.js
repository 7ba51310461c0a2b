/* aftersales-std glossary site: small additions to Material for MkDocs (no dependencies).
 * - search starts on paste (mouse, long-press) and when an IME commits, not only on a key press;
 * - the search index is fetched when search is opened, never before;
 * - read from the file system (file://): links open index.html and the search box says it needs a server;
 * - copy buttons on terms;
 * - the 简体 / 繁體（台灣）/ 繁體（香港）choice of the whole page (see sitegen.regional);
 * - Material's own script (search dialog, 114 KB) is loaded when search is opened, not with the page;
 *   until then this script does what a page needs of it: remembering the chosen tab (content.tabs.link)
 *   and the back-to-top button.
 */
var __asPage = {};
/* The search files' version: the hash in the worker's name (search.<version>.min.js, set by the build),
   added to the index and edition URLs so that a cached old index is never used with a new site. */
function __asVersion(configText) {
  var m = /search\.([0-9a-z]+)\.min\.js$/.exec((JSON.parse(configText || "{}") || {}).search || "");
  return m ? "?v=" + m[1] : "";
}
try { __asPage = JSON.parse(document.getElementById("__as_page").textContent); } catch (e) { /* not built by us */ }
(function () {
  "use strict";
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* no Material */ }
  var base = new URL(config.base || ".", location.href);
  var offline = location.protocol === "file:";
  var input = document.querySelector("input.md-search__input");
  var toggle = document.getElementById("__search");

  /* Material's script, once: search opened (focus, the search button, a shortcut key) loads it. It
     waits for DOMContentLoaded, which has passed: tell it again once it has run. */
  var theme = __asPage.theme, themeState = theme ? 0 : 2;
  if (theme) document.documentElement.classList.add("as-lite");  // glossary.css: show the search box
  function loadTheme() {
    if (themeState) return;
    themeState = 1;
    if (window.__asBeforeTheme) window.__asBeforeTheme();
    var script = document.createElement("script");
    script.src = theme;
    script.onload = function () {
      themeState = 2;
      document.dispatchEvent(new Event("DOMContentLoaded"));
      if (input && input.value) setTimeout(queryChanged, 0);
    };
    document.body.appendChild(script);
  }
  window.__asLoadTheme = loadTheme;
  if (input) input.addEventListener("focus", function () {
    if (themeState < 2 && toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    loadTheme();
  });
  if (toggle) toggle.addEventListener("change", function () {
    if (!toggle.checked) return;
    loadTheme();
    if (themeState < 2 && input && document.activeElement !== input) setTimeout(function () { input.focus(); }, 0);
  });
  document.addEventListener("keydown", function (ev) {
    if (themeState === 2 || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target, editing = t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.nodeName));
    if (!editing && (ev.key === "/" || ev.key === "s" || ev.key === "f")) {
      ev.preventDefault();
      if (input) input.focus();
    }
  });

  /* Until Material's script runs: the chosen tab follows the reader (Material's inline script restores
     it from "__tabs" on the next page; this stores it), and a back-to-top button when scrolling up. */
  document.addEventListener("change", function (ev) {
    var radio = ev.target;
    if (themeState === 2 || !radio.matches || !radio.matches(".tabbed-set > input") || !window.__md_set) return;
    var label = document.querySelector('label[for="' + radio.id + '"]');
    if (!label) return;
    var text = label.innerText.trim(), tabs = [text];
    try { tabs = tabs.concat((__md_get("__tabs") || []).filter(function (t) { return t !== text; })); } catch (e) { /* none */ }
    __md_set("__tabs", tabs.slice(0, 10));
    document.querySelectorAll(".tabbed-set").forEach(function (set) {
      set.querySelectorAll(".tabbed-labels > label").forEach(function (other) {
        if (other.innerText.trim() === text) document.getElementById(other.htmlFor).checked = true;
      });
    });
  });
  var top = document.querySelector(".md-top"), lastY = window.scrollY;
  if (top) {
    window.addEventListener("scroll", function () {
      if (themeState === 2) return;
      var y = window.scrollY;
      top.hidden = !(y < lastY && y > 400);
      lastY = y;
    }, { passive: true });
    top.addEventListener("click", function () { if (themeState < 2) window.scrollTo({ top: 0 }); });
  }

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
    fetch(new URL("search/glossary.json" + __asVersion(JSON.stringify(config)), base)).catch(function () { warmed = false; });
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
      var box = document.createElement("div"), note = document.createElement("p");
      box.className = "md-typeset";
      box.appendChild(note);
      note.className = "as-offline-note admonition note";
      note.setAttribute("role", "note");
      note.textContent = "正在离线浏览（本地文件）：搜索需要网页服务器。可在站点文件夹运行 python3 -m http.server 后用浏览器打开，或改用“按拼音”（收录全部叫法）和“按领域”索引查找。";
      article.parentNode.insertBefore(box, article);
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
  /* Before Material's script wraps them, a wide table scrolls by itself: it takes the focus then. */
  function scrolling() {
    document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      if (table.closest(".md-typeset__scrollwrap")) return;
      if (table.scrollWidth > table.clientWidth + 1) {
        if (!table.hasAttribute("tabindex")) {
          table.setAttribute("tabindex", "0");
          table.setAttribute("aria-label", "表格 " + (++tables) + "（可左右滚动）");
        }
      } else if (table.getAttribute("tabindex") === "0") {
        table.removeAttribute("tabindex");
        table.removeAttribute("aria-label");
      }
    });
  }
  focusable(document);
  scrolling();
  window.addEventListener("resize", scrolling);
  new MutationObserver(function () { focusable(document); scrolling(); })
    .observe(document.body, { childList: true, subtree: true });
})();

/* 简体 / 繁體（台灣）/ 繁體（香港）for the whole page: the build wrote each page's regional editions beside
   it (index.zh-Hant-TW.js: the article, and every other text of the page, phrase-level OpenCC plus the
   glossary's regional terms); the chosen one is loaded, applied, and remembered for the next page. */
(function () {
  "use strict";
  var article = document.querySelector("article.md-content__inner");
  var editions = __asPage.editions;
  if (!article || !editions) return;
  var KEY = "aftersales.script";
  var choices = [["zh-Hans", "简体"], ["zh-Hant-TW", "繁體（台灣）"], ["zh-Hant-HK", "繁體（香港）"]];
  var CJK = /[\u3400-\u9fff]/, ATTRS = ["placeholder", "aria-label", "title", "alt"];
  var original = article.innerHTML, title = document.title, current = "zh-Hans", loaded = {}, wanted = null;
  var ownLang = article.getAttribute("lang");  // a page in English says so on its article
  var slots = null, config = document.getElementById("__config"), configText = config ? config.textContent : "";
  var nav = document.createElement("div");

  /* Every Chinese text and name outside the article, with the value the page was built with. */
  function collect() {
    slots = [];
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        if (n.nodeType === 3) return CJK.test(n.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
        if (n === article || n === nav || /^(script|style|template|svg)$/i.test(n.nodeName)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === 3) { slots.push([n, null, n.nodeValue]); continue; }
      ATTRS.forEach(function (a) {
        var v = n.getAttribute(a);
        if (v && CJK.test(v)) slots.push([n, a, v]);
      });
    }
  }
  function translate(map, value) {
    var t = value.trim(), r = map[t];
    return r ? value.replace(t, r) : value;
  }
  /* Material's interface texts (the search dialog) are read when its script starts: set them first. */
  window.__asBeforeTheme = function () {
    var edition = loaded[current];
    if (!config || !edition) return;
    try {
      var data = JSON.parse(configText);
      Object.keys(edition.translations || {}).forEach(function (k) { data.translations[k] = edition.translations[k]; });
      config.textContent = JSON.stringify(data);
    } catch (e) { /* leave Material's own */ }
  };
  function apply(lang) {
    var edition = lang === "zh-Hans" ? null : loaded[lang];
    if (lang !== "zh-Hans" && !edition) { load(lang); return; }
    wanted = null;
    if (!slots) collect();
    var map = edition ? edition.text : {};
    slots.forEach(function (s) {
      var value = translate(map, s[2]);
      if (s[1]) s[0].setAttribute(s[1], value); else s[0].nodeValue = value;
    });
    document.title = translate(map, title);
    document.documentElement.setAttribute("lang", lang);
    if (lang !== current) {
      // keep the chosen tab of each tab set (Material's content.tabs.link restored it on load)
      var checked = Array.prototype.map.call(article.querySelectorAll(".tabbed-set"), function (set) {
        return Array.prototype.findIndex.call(set.querySelectorAll(":scope > input"), function (i) { return i.checked; });
      });
      var kept = document.createElement("div");
      kept.innerHTML = original;
      var panels = kept.querySelectorAll(".tabbed-block[lang]");
      if (edition && edition.article) article.innerHTML = edition.article;
      else if (article.innerHTML !== original) article.innerHTML = original;
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
    if (edition && edition.article) article.setAttribute("lang", lang);
    else if (ownLang) article.setAttribute("lang", ownLang);
    else article.removeAttribute("lang");
    nav.querySelectorAll("button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === lang));
    });
    article.insertBefore(nav, article.firstChild);
    document.documentElement.setAttribute("data-as-edition", lang);  // for tests and styles: applied
    document.documentElement.classList.remove("as-edition-loading");
  }
  function load(lang) {
    wanted = lang;
    if (!editions[lang]) return;
    var script = document.createElement("script");
    script.src = editions[lang];
    script.onerror = function () { if (wanted === lang) apply("zh-Hans"); };
    document.body.appendChild(script);
  }
  window.__asEdition = function (edition) {
    loaded[edition.lang] = edition;
    if (wanted === edition.lang) apply(edition.lang);
  };
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
      apply(c[0]);
    });
    nav.appendChild(b);
  });
  /* Search results in the chosen edition: titles (the region's own term) and definitions from
     search/glossary.<lang>.js, loaded when search opens; results are rewritten as Material shows them. */
  var found = {}, base = new URL(JSON.parse(configText || "{}").base || ".", location.href);
  var list = document.querySelector(".md-search-result__list");
  var labelWords = {};
  window.__asSearchEdition = function (lang, entries, labels) {
    var byPath = {};
    labelWords[lang] = labels || {};
    Object.keys(entries).forEach(function (u) { byPath[new URL(u, base).pathname] = entries[u]; });
    found[lang] = byPath;
    results();
  };
  function results() {
    var byPath = found[current];
    if (!list || !byPath) return;
    list.querySelectorAll(".md-search-result__item > a:not([data-as-edition])").forEach(function (a) {
      var entry = byPath[new URL(a.href, location.href).pathname], article = a.querySelector("article");
      if (!entry || !article) return;
      a.setAttribute("data-as-edition", current);
      article.setAttribute("lang", current);
      var h1 = article.querySelector("h1");
      if (h1) {  // the matched name (as typed, in its own script) stays beside the region's term
        var name = h1.querySelector(".as-result-name"), words = labelWords[current] || {};
        if (name)  // its label (简体·许用) in the edition's script: the last （…） only, the name stays as typed
          name.textContent = name.textContent.replace(/（([^（）]*)）$/, function (all, label) {
            return "（" + label.split("·").map(function (w) { return words[w] || w; }).join("·") + "）";
          });
        h1.textContent = entry[0] + (name ? " " : "");
        if (name) h1.appendChild(name);
      }
      if (h1) {  // the definition follows the title as text (Material writes no element around it)
        while (h1.nextSibling) article.removeChild(h1.nextSibling);
        article.appendChild(document.createTextNode(entry[1]));
      }
    });
  }
  if (list) new MutationObserver(results).observe(list, { childList: true, subtree: true });
  var searchLoaded = {};
  function searchEdition() {
    if (current === "zh-Hans" || searchLoaded[current]) return;
    searchLoaded[current] = true;
    var script = document.createElement("script");
    script.src = new URL("search/glossary." + current + ".js" + __asVersion(configText), base).href;
    document.body.appendChild(script);
  }
  var before = window.__asBeforeTheme;
  window.__asBeforeTheme = function () { before(); searchEdition(); };
  var box = document.querySelector("input.md-search__input");
  if (box) box.addEventListener("focus", searchEdition);

  var saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) { /* private mode */ }
  if (saved && saved !== "zh-Hans" && editions[saved]) {
    // a reader of 繁體 should not see the page flash in 简体 while the edition loads (at most 1.5 s)
    document.documentElement.classList.add("as-edition-loading");
    setTimeout(function () { document.documentElement.classList.remove("as-edition-loading"); }, 1500);
  }
  apply(saved && editions[saved] ? saved : "zh-Hans");
})();
