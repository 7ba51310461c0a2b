/* aftersales-std glossary search: a worker for Material for MkDocs' search dialog.
 *
 * It speaks Material's worker protocol (0 SETUP, 1 READY, 2 QUERY, 3 RESULT) and searches the index
 * written by aftersales_std.sitegen.search_glossary (search/glossary.json), which it fetches on the
 * first query: pages that nobody searches from never download it.
 *
 * A concept scores by its best designation (preferred, admitted, deprecated, regional, abbreviation,
 * English, everyday word; each with its weight): exact text, toneless pinyin, pinyin initials, prefix,
 * the longest designation contained in a sentence, a homophone (same pinyin, another character) or an
 * English word one edit away. Character bigrams and English words of the definition, examples and
 * phrasing find concepts for questions that name no term, and break ties.
 * Two fields of their own, each with its boost: the concept's situations (when an agent needs it, in
 * the customer's words: a question scores by the situation it is closest to) and, for English
 * questions, English designations, situations and definition, matched stem to stem without stop words
 * (lunr's Porter stemmer and stop-word list, appended to this file when the site is built).
 */
"use strict";

/* The build names this file search.<version>.min.js, a hash of the worker and of the indexes, and the
   index is asked for with the same version: a browser never pairs a cached old index with a new worker. */
var VERSION = (/search\.([0-9a-z]+)\.min\.js$/.exec(self.location.pathname || "") || [])[1];
var INDEX_URL = new URL("../../../search/glossary.json" + (VERSION ? "?v=" + VERSION : ""), self.location.href).href;
var loading = null;
var T2S = new Map(), PY = new Map(), NAMES = [], DOCS = [], IDF = new Map();
var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
var HAN_ALL = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
var NOT_WORD = /[^\p{L}\p{N}]+/gu;

function fold(text) {
  var out = "";
  for (var ch of String(text).normalize("NFKC").toLowerCase()) out += T2S.get(ch) || ch;
  return out.replace(NOT_WORD, "");
}

/* An abbreviation spelled out the way it is said (ess el ay = SLA): every word a letter's name. */
var LETTER = { ay: "a", bee: "b", see: "c", cee: "c", dee: "d", ee: "e", ef: "f", eff: "f", gee: "g", aitch: "h",
  haitch: "h", eye: "i", jay: "j", kay: "k", el: "l", ell: "l", em: "m", en: "n", oh: "o", pee: "p", cue: "q",
  ar: "r", ess: "s", es: "s", tee: "t", you: "u", vee: "v", ex: "x", why: "y", wy: "y", zee: "z", zed: "z" };
function spelled(raw) {
  var ws = String(raw).toLowerCase().split(/[^a-z]+/).filter(Boolean);
  if (ws.length < 2 || !ws.some(function (w) { return w.length > 1 && LETTER[w]; })) return raw;
  if (!ws.every(function (w) { return w.length === 1 || LETTER[w]; })) return raw;
  return ws.map(function (w) { return w.length === 1 ? w : LETTER[w]; }).join("");
}

function words(text) {
  return String(text).normalize("NFKC").toLowerCase().split(NOT_WORD).filter(Boolean)
    .map(function (w) { return w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w; });
}

/* Character bigrams and English words; single characters too, marked "1" (a customer says 派个人 where
   the glossary says 派人, 摔了 where it says 摔坏): a rare character still tells which concept is meant. */
function grams(text) {
  var out = new Set(), spaced = "";
  for (var ch of String(text).normalize("NFKC").toLowerCase()) spaced += HAN.test(ch) ? (T2S.get(ch) || ch) : " ";
  for (var run of spaced.split(" ")) {
    var cs = Array.from(run);
    for (var i = 0; i < cs.length; i++) {
      out.add("1" + cs[i]);
      if (i + 1 < cs.length) out.add(cs[i] + cs[i + 1]);
    }
  }
  for (var w of words(String(text).replace(HAN_ALL, " "))) if (w.length >= 3) out.add(w);  // RMA in RMA流程 too
  return out;
}
var UNIGRAM = 0.4;  // a single character counts for less than a pair
/* Tuning of sentences (a query longer than the name found in it): how much a common name inside it is
   discounted (RARE), how much the rest of the sentence counts (INSIDE_COVER, against COVER for a query
   that is a name), how much a second, third... name of the same concept inside it adds (MORE), and how
   much of a name's score goes when the names found are only part of a Chinese question (SHARE: 工单 is
   2 of the 10 characters of 处理完了工单怎么关掉, whose other words point to ticket-closure; 0.8 since
   session 9, 0.9 since h16-g, with INSIDE_COVER 250, the weight of the rest of the sentence for a concept named in it,
   as for one that is not, 250 below: a broad term named in passing, 投诉 or 上门, no longer outranks the
   narrower concept the rest of the sentence describes), and what an
   everyday word (俗称) found inside a longer Chinese question is worth against a term (SYN_IN): it is one
   phrase of the question, as a situation is, not the name of what is asked (0.3 since h16-g, with SHARE 0.9: it is
   also a situation of its concept, and 派人, 打电话, 检查一下 said in passing pulled their concepts above
   the one the question describes). EN_SHARE is SHARE for an
   English question, by words: "complaint" is 1 of the 8 content words of a question that asks for the
   complaint rate, and the stems the rest of it shares with a concept's English fields should decide. */
var P = { RARE: 0.6, COVER: 60, INSIDE_COVER: 250, MORE: 0.25, SHARE: 0.9, EN_SHARE: 0.9, SYN_IN: 0.3, MESSAGE: 6, ASK: 0.5,
          ASK_LEN: 2, ASK_SYN: false, SHADOW: 0.3,
          NARROW: 0.85, SWAP: 0.9, SEP: 0.9, ABBR_SPAN: true, MOD: 0.3 };
/* h16-h: NARROW, a narrower concept fitted nearly as well as its broader one comes first (narrowFirst);
   SWAP, a four-character name said in the other order; SEP, a two-character name said apart, one of
   SEP_IN between (prepare); ABBR_SPAN, an abbreviation counts as the words it stands for in the share of
   an English question a name has. */
var SEP_IN = "了个过点次张";
var MOD_NOT = "话不没了吗呢啊吧呀哦嘛啦";
/* Field boosts: the situation closest to the question (SIT, its similarity 0..1), and the English fields
   (ENG: designations EN_NAME, situations EN_SIT, definition EN_DEF, each the share of the question's
   stems it holds, weighted by how rare a stem is). */
var F = { SIT: 150, SIT_MIN: 0.2, ENG: 400, EN_NAME: 1, EN_SIT: 0.8, EN_DEF: 0.5, LATIN_COVER: 0.3, ASKED: 1, EN_DEF_NAMING: 2.5 };
var STEM_IDF = new Map();
/* An English question asking for the name of what it describes (what do we call..., the term for...): a
   description of the concept, which its definition says best, so the definition field counts
   EN_DEF_NAMING instead of EN_DEF (h16-h; the same for Chinese 叫什么 questions by the definition's bigrams
   changed nothing and was left out). */
var NAMING = /\bwhat (do|would|should|did) (we|you|they|people) call\b|\b(is|are|was) (it |this |that )?called\b|\b(term|word|name) for\b|\bname of the\b/i;
/* English question words and the field of a concept they ask about, in the words the glossary's English
   definitions use for it (how long: a period of days or months; how much, who pays: a fee or charge;
   when: a time or appointment); those words join the question at F.ASKED. */
var ASKED = [
  [/\bhow long\b|\bhow many (days|weeks|months|years|hours)\b|\buntil when\b/i, "period length days months years limit"],
  [/\bhow much\b|\bwho (pays|covers|is paying)\b|\bwhat do (we|you|they) charge\b/i, "fee charge cost price pay paid"],
  [/^when\b|\bwhen (will|does|do|can|is|are|should)\b|\bwhat time\b/i, "time date appointment schedule visit arrive"]];

/* English stems of a text without stop words (lunr's stemmer and list; plain words when they are absent). */
var stemCache = new Map();
function stems(text) {
  var out = [];
  for (var w of String(text).normalize("NFKC").toLowerCase().split(NOT_WORD)) {
    if (!w || HAN.test(w)) continue;
    var s = stemCache.get(w);
    if (s === undefined) {
      s = w;
      if (typeof lunr !== "undefined" && lunr.stemmer) {
        var tok = { str: w, toString: function () { return this.str; },
                    update: function (fn) { this.str = fn(this.str); return this; } };
        s = lunr.stopWordFilter(tok) ? lunr.stemmer(tok).toString() : "";
      }
      stemCache.set(w, s);
    }
    if (s) out.push(s);
  }
  return out;
}
function gramWeight(g) { return (IDF.get(g) || Math.log(1 + DOCS.length)) * (g.length === 2 && g[0] === "1" ? UNIGRAM : 1); }

function prepare(index) {
  var pairs = Array.from(index.t2s);
  for (var i = 0; i + 1 < pairs.length; i += 2) T2S.set(pairs[i], pairs[i + 1]);
  for (var syllable in index.py)
    for (var ch of index.py[syllable]) {
      var list = PY.get(ch);
      if (list) list.push(syllable); else PY.set(ch, [syllable]);
    }
  // everyday words (俗称) are names and also situations: a question close to one finds its concept
  var own = index.docs.map(function () { return []; }), syn = index.docs.map(function () { return []; });
  for (var n0 of index.names) {
    own[n0[0]].push(n0[1]);
    if (n0[3] === "俗称") syn[n0[0]].push(n0[1]);
  }
  DOCS = index.docs.map(function (d, i) {
    var e = d.e || [[], ""], z = (d.z || []).concat(syn[i]);
    var english = own[i].filter(function (t) { return !HAN.test(t); }).join(" ");
    return Object.assign({ grams: grams(d.t + " " + d.x + " " + z.join(" ") + " " + e[1] + " " + own[i].join(" ")), named: grams(own[i].join(" ")),
                           sit: z.map(grams),
                           en: [new Set(stems(english)), new Set(stems(e[0].join(" "))), new Set(stems(e[1]))] }, d);
  });
  var df = new Map(), sdf = new Map();
  for (var d of DOCS) {
    for (var g of d.grams) df.set(g, (df.get(g) || 0) + 1);
    for (var t of new Set([...d.en[0], ...d.en[1], ...d.en[2]])) sdf.set(t, (sdf.get(t) || 0) + 1);
  }
  for (var [g2, n] of df) IDF.set(g2, Math.log(1 + DOCS.length / n));
  for (var [t2, n2] of sdf) STEM_IDF.set(t2, Math.log(1 + DOCS.length / n2));
  var texts = DOCS.map(function (d) { return fold(d.t + " " + d.x); }), common = new Map();
  NAMES = index.names.map(function (n) {
    var syl = n[4] ? n[4].split(" ") : [];
    var f = fold(n[1]);
    // how telling the name is inside a sentence: 保修 is in most texts, 进水 in one or two
    if (!common.has(f)) common.set(f, texts.filter(function (t) { return f && t.includes(f); }).length);
    var rare = Math.log(1 + DOCS.length / Math.max(1, common.get(f))) / Math.log(1 + DOCS.length);
    return { doc: n[0], text: n[1], w: n[2], label: n[3], f: f, syl: syl, full: syl.join(""), rare: rare,
             ini: syl.map(function (s) { return s[0]; }).join(""), latin: !HAN.test(f), words: words(n[1]) };
  });
  // an abbreviation (SLA) stands for as many words as the longest English name of its concept
  if (P.ABBR_SPAN) for (var na of NAMES) if (na.latin && na.label.indexOf("缩写") >= 0)
    na.span = Math.max.apply(null, NAMES.filter(function (o) { return o.doc === na.doc && o.latin; })
                                        .map(function (o) { return stems(o.text).length; }));
  /* A four-character name is two words, and people say them in either order (申请保修 for 保修申请,
     回访电话 for 电话回访): the swapped order is a name of the concept too, at SWAP of its weight. */
  if (P.SWAP) NAMES = NAMES.concat(NAMES.filter(function (n) {
    return !n.latin && n.f.length === 4 && n.syl.length === 4 && n.label !== "俗称" && n.label !== "页面";
  }).map(function (n) {
    var f = n.f.slice(2) + n.f.slice(0, 2), syl = n.syl.slice(2).concat(n.syl.slice(0, 2));
    if (!common.has(f)) common.set(f, texts.filter(function (t) { return t.includes(f); }).length);
    var rare = Math.log(1 + DOCS.length / Math.max(1, common.get(f))) / Math.log(1 + DOCS.length);
    return Object.assign({}, n, { shown: n, f: f, syl: syl, full: syl.join(""),
                                  ini: syl.map(function (s) { return s[0]; }).join(""), w: n.w * P.SWAP, rare: rare });
  }));
  /* A two-character verb and its object are said apart (加个急, 投个诉, 退了款, 过了保): the name with one of
     these characters between its two is a name of the concept too, at SEP of its weight. */
  if (P.SEP) NAMES = NAMES.concat([].concat.apply([], NAMES.filter(function (n) {
    return !n.latin && !n.shown && n.f.length === 2 && n.syl.length === 2 && n.label !== "页面";
  }).map(function (n) {
    return Array.from(SEP_IN).map(function (c) {
      var syl = [n.syl[0], PY.has(c) ? PY.get(c)[0] : c, n.syl[1]];
      return Object.assign({}, n, { shown: n, f: n.f[0] + c + n.f[1], syl: syl, full: syl.join(""),
                                    ini: syl.map(function (s) { return s[0]; }).join(""), w: n.w * P.SEP });
    });
  })));
}

function load() {
  if (!loading)
    loading = fetch(INDEX_URL)
      .then(function (r) { if (!r.ok) throw new Error(INDEX_URL + ": HTTP " + r.status); return r.json(); })
      .then(prepare)
      .catch(function (e) { loading = null; throw e; });
  return loading;
}

function oneEdit(a, b) {
  if (a === b) return true;
  var la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  var i = 0, j = 0, edits = 0;
  while (i < la && j < lb) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (++edits > 1) return false;
    if (la > lb) i++;
    else if (la < lb) j++;
    else if (i + 1 < la && a[i] === b[j + 1] && a[i + 1] === b[j]) { i += 2; j += 2; }  // swapped letters
    else { i++; j++; }
  }
  return edits + (la - i) + (lb - j) <= 1;
}

function sameSound(qsyl, at, syl) {
  for (var k = 0; k < syl.length; k++) if (qsyl[at + k].indexOf(syl[k]) < 0) return false;
  return true;
}

function wordsFound(qwords, nwords) {
  return nwords.every(function (w) {
    return qwords.some(function (q) { return q === w || (w.length >= 4 && oneEdit(q, w)); });
  });
}

function nameScore(n, q) {
  var f = q.f, s = 0;
  if (!n.f) return 0;
  if (f === n.f) return 1000 * n.w;
  if (q.latin) {
    if (n.full && f === n.full) s = Math.max(s, 950 * n.w);
    if (n.ini.length >= 2 && f === n.ini) s = Math.max(s, 900 * n.w);
    if (n.full && f.length >= 2 && n.full.startsWith(f)) s = Math.max(s, 520 * n.w + 150 * f.length / n.full.length);
    if (n.ini.length > 2 && f.length >= 2 && n.ini.startsWith(f)) s = Math.max(s, 480 * n.w + 150 * f.length / n.ini.length);
    if (n.latin && f.length >= 4 && oneEdit(f, n.f)) s = Math.max(s, 760 * n.w);
    // pinyin with one slip (fuwufie for fuwufei): long enough that one edit cannot reach another name
    if (n.full && f.length >= 6 && oneEdit(f, n.full)) s = Math.max(s, 740 * n.w);
    // pinyin inside an English question (what does san bao mean): the name's syllables as words, in a row
    if (n.syl.length >= 2 && q.words.length > 1) {
      for (var j = 0; j < q.words.length; j++) {
        var run = "";
        for (var k = j; k < q.words.length && run.length < n.full.length; k++) run += q.words[k];
        if (run === n.full && (k - j > 1 || run.length >= 5)) { s = Math.max(s, 700 * n.w); break; }
      }
    }
  }
  // characters, then pinyin for the rest of the name (客户zhisheng: the agent did not find 之声)
  var mixed = q.han && /^([^a-z0-9]+)([a-z]{2,})$/.exec(f);
  if (mixed && n.syl.length === n.f.length && n.syl.length > mixed[1].length && n.f.startsWith(mixed[1])) {
    var rest = n.syl.slice(mixed[1].length).join("");
    if (rest === mixed[2]) s = Math.max(s, 900 * n.w);
    else if (rest.startsWith(mixed[2])) s = Math.max(s, 480 * n.w + 150 * mixed[2].length / rest.length);
  }
  if (n.f.startsWith(f)) s = Math.max(s, 500 * n.w + 200 * f.length / n.f.length);
  else if (n.f.includes(f)) s = Math.max(s, 400 * n.w + 200 * f.length / n.f.length);
  if (f.length > n.f.length && n.f.length >= 2) {
    if (!n.latin && f.includes(n.f)) s = Math.max(s, (300 + 30 * Math.min(n.f.length, 8)) * n.w * (1 - P.RARE + P.RARE * n.rare));
    // a Latin designation written among Chinese words (RMA流程, DOA换新, 走macro回复): a whole Latin run of it
    else if (n.latin && q.han && q.runs.indexOf(n.f) >= 0)
      s = Math.max(s, (300 + 30 * Math.min(n.f.length, 8)) * n.w * (1 - P.RARE + P.RARE * n.rare));
  }
  if (n.latin && n.words.length && q.words.length && n.f.length >= 2 && wordsFound(q.words, n.words))
    s = Math.max(s, q.words.length === n.words.length ? 740 * n.w : (300 + 6 * Math.min(n.f.length, 30)) * n.w);
  if (q.han && n.syl.length >= 2 && q.syl.length >= n.syl.length) {
    if (q.syl.length === n.syl.length) {
      if (sameSound(q.syl, 0, n.syl)) s = Math.max(s, 800 * n.w);
    } else {
      for (var i = 0; i + n.syl.length <= q.syl.length; i++)
        if (sameSound(q.syl, i, n.syl)) { s = Math.max(s, (260 + 30 * Math.min(n.syl.length, 8)) * n.w * (1 - P.RARE + P.RARE * n.rare)); break; }
    }
  }
  return s;
}

/* Where a name shorter than the question is found in it, as [start, end) spans: exactly, else by sound. */
function spansOf(n, q) {
  var out = [], at = n.f ? q.f.indexOf(n.f) : -1;
  while (at >= 0) { out.push([at, at + n.f.length]); at = q.f.indexOf(n.f, at + 1); }
  if (!out.length && n.syl.length >= 2 && q.syl.length === q.f.length)
    for (var i = 0; i + n.syl.length <= q.syl.length; i++) if (sameSound(q.syl, i, n.syl)) out.push([i, i + n.syl.length]);
  return out;
}
function places(spans) {
  var out = [];
  for (var sp of spans) for (var k = sp[0]; k < sp[1]; k++) out.push(k);
  return out;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

/* A message pasted from chat: emoji, greetings, thanks and sentence-final particles say nothing about
   what is asked. They are taken out (they dilute the share a name has of the question), the message is
   cut into clauses, and the clauses that ask (吗, 怎么, 能不能, 多少, ?, how/when/can...) are scored again
   on their own and added at weight P.ASK: a concept named in the question beats one named in the story
   before it. */
var EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}]|\[[^\]\s]{1,4}\]/gu;
var FILLER = /(您好|你好|哈喽|嗨|在吗|在不在|亲爱的|亲们?|请问(一下)?|麻烦(你|您)?(了)?|打扰(一下|了)|谢谢(你|您|啦|了)?|多谢|感谢|辛苦(了|啦)?|哈哈+|呵呵+|嘿嘿+|嗯嗯*|额+|唉+)/g;
/* An agent's note about the customer (客人問…, 客户说…): who speaks says nothing about what is asked. */
var AGENT = /^\s*((客户|顾客|客戶|顧客|用户|用戶|买家|買家)(说|說|問|问|話|话|讲|講|反映|反馈|反饋|想|要)|(客人|老人家)(说|說|問|问|話|话|讲|講|反映|反馈|反饋|想|要)?)/;
var PARTICLE = /[哈啊呀呢吧哦噢喔嘛啦咯哟呗](?=[\s，,。.!！？?；;~～…]|$)/g;
var EN_FILLER = /\b(hi|hello|hey|thanks|thank you|please|pls|plz)\b/gi;
var ASKS = /[吗么？?]$|怎么|怎样|如何|咋|能不能|可不可以|可以吗|行不行|有没有|是不是|要不要|会不会|用不用|多少|多久|多长|几[天个次年月]|什么|啥|哪|为什么|还能|能否|^(how|when|what|who|where|why|which|can|could|will|would|is|are|do|does|should)\b/i;
function clauses(raw) {
  var text = String(raw).normalize("NFKC").replace(EMOJI, " ");
  var cut = text.split(/[，,。!！；;~～…\n]+|[？?]+|(?<=[\u3400-\u9fff])\s+|\s+(?=[\u3400-\u9fff])/);
  var marks = text.match(/[，,。!！；;~～…\n]+|[？?]+|(?<=[\u3400-\u9fff])\s+|\s+(?=[\u3400-\u9fff])/g) || [];
  var out = [];
  cut.forEach(function (c, i) {
    var asked = ASKS.test(c.trim()) || /[？?]/.test(marks[i] || "");
    var clean = c.replace(AGENT, "").replace(FILLER, " ").replace(EN_FILLER, " ").replace(PARTICLE, "").trim();
    if (fold(clean)) out.push({ text: clean, ask: asked });
  });
  return out;
}

/* A narrower concept (电话回访) that the question fits nearly as well as its broader one (回访) comes
   first: the narrower one's texts hold the broader one's words, so a question about the narrower case
   also fits the broader concept, while a question about the broad concept names it and fits it clearly
   better. NARROW is how close (a share of the broader one's score) counts as nearly as well. */
function narrowFirst(scored) {
  if (!P.NARROW) return scored;
  var at = new Map();
  scored.forEach(function (r, k) { at.set(r.i, k); });
  for (var k = 1; k < Math.min(scored.length, 10); k++) {
    var r = scored[k], up = DOCS[r.i].b;
    if (!up) continue;
    var top = Math.min.apply(null, up.map(function (b) { return at.has(b) ? at.get(b) : Infinity; }));
    if (top < k && r.score >= P.NARROW * scored[top].score) {
      scored.splice(k, 1);
      scored.splice(top, 0, r);
      scored.forEach(function (x, j) { at.set(x.i, j); });
    }
  }
  return scored;
}

function named(n) { return n && n.f.length >= P.ASK_LEN && (P.ASK_SYN || n.label !== "俗称"); }

function search(raw) {
  var whole = rank(raw);
  if (!whole.ok || fold(raw).length < P.MESSAGE) return format(narrowFirst(whole.scored));
  var parts = clauses(raw), clean = parts.map(function (c) { return c.text; }).join(" ");
  if (!parts.length) return format(narrowFirst(whole.scored));
  var ask = parts.filter(function (c) { return c.ask; }).map(function (c) { return c.text; }).join(" ");
  var base = rank(clean).scored;
  if (ask && ask !== clean) {
    var more = new Map();
    for (var r0 of rank(ask).scored) if (named(r0.name)) more.set(r0.i, r0);
    base.forEach(function (r1) { var m = more.get(r1.i); if (m) r1.score += P.ASK * m.score; more.delete(r1.i); });
    for (var [i2, m2] of more) base.push({ i: i2, score: P.ASK * m2.score, name: m2.name });
    base.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
  }
  return format(narrowFirst(base));
}

function rank(raw) {
  var letters = spelled(raw);
  if (letters !== raw && NAMES.some(function (n) { return n.f === letters; })) raw = letters;
  var q = { f: fold(raw), words: words(raw) };
  if (!q.f) return { ok: false, scored: [] };
  q.latin = !HAN.test(q.f);
  q.han = !q.latin;
  q.runs = q.han ? String(raw).normalize("NFKC").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean) : [];
  q.syl = Array.from(q.f).map(function (ch) { return PY.get(ch) || [ch]; });
  var qgrams = grams(raw), total = 0;
  // a Latin word of a Chinese question that no concept has (pinyin: 客户zhisheng) dilutes nothing
  for (var g of qgrams) if (!(q.han && !IDF.has(g) && !HAN.test(g))) total += gramWeight(g);
  var hits = [];
  for (var n of NAMES) {
    var s = nameScore(n, q);
    if (s > 0) hits.push({ n: n, s: s, at: q.han && n.f.length < q.f.length ? spansOf(n, q) : [] });
  }
  // the longest designation found wins: a name found only inside a longer name of another concept
  // (客服 inside 在线客服, 回访 inside 上门回访) is part of that name, not a second thing asked about
  for (var h of hits) if (h.at.length && h.at.every(function (sp) {
    return hits.some(function (o) {
      return o.n.doc !== h.n.doc && o.n.f.length > h.n.f.length &&
             o.at.some(function (x) { return x[0] <= sp[0] && x[1] >= sp[1]; });
    });
  })) h.s *= P.SHADOW;
  /* A name in the modifier of a noun (上门修东西的师傅, 寄过去修的电脑, 上门修的时候): the words before 的 say
     which one, the noun after it is what is asked about; such a name counts MOD of its score (h16-i: 0.3;
     0.5 and 0 measured too). Not before 的话, 的不..., 的了 and particles: there 的 ends the clause. */
  if (P.MOD < 1 && q.han) {
    var chunk = [], c0 = 0;
    for (var piece of String(raw).split(/[\s，,。.!！？?；;~～…、]+/)) { var pf = fold(piece); for (var ci = 0; ci < pf.length; ci++) chunk.push(c0); c0++; }
    var des = [];
    for (var di = 1; di + 1 < q.f.length; di++)
      if (q.f[di] === "的" && chunk[di] === chunk[di + 1] && MOD_NOT.indexOf(q.f[di + 1]) < 0) des.push(di);
    if (des.length) for (var hm of hits) if (hm.at.length && hm.at.every(function (sp) {
      return des.some(function (p) { return sp[1] <= p && chunk[sp[0]] === chunk[p]; });
    })) hm.s *= P.MOD;
  }
  var best = new Map();
  for (var h1 of hits) {
    var n1 = h1.n, s1 = h1.s, seen = best.get(n1.doc);
    if (!seen) best.set(n1.doc, { score: s1, name: n1, more: 0, names: [n1.f], cov: new Set(places(h1.at)) });
    else {
      // a second name of the concept adds only where it covers more of the question (not the same
      // words again as another designation or as a homophone of one: 回访 and 回防)
      var all1 = places(h1.at), fresh = h1.at.length
        ? all1.filter(function (k) { return !seen.cov.has(k); }).length / all1.length
        : seen.names.every(function (f) { return f.indexOf(n1.f) < 0 && n1.f.indexOf(f) < 0; }) ? 1 : 0;
      if (fresh) {
        seen.more += fresh * Math.min(s1, seen.score);
        seen.names.push(n1.f);
        for (var k1 of places(h1.at)) seen.cov.add(k1);
      }
      if (s1 > seen.score) { seen.score = s1; seen.name = n1; }
    }
  }
  var naming = q.latin && NAMING.test(raw);
  var qstems = q.latin ? Array.from(new Set(stems(raw))) : [], qstemTotal = 0, qw = new Map(), asked = qstems.length;
  for (var t0 of qstems) qw.set(t0, 1);
  // what an English question word asks for, as the words the concepts' definitions use for it
  if (q.latin && qstems.length) for (var a of ASKED) if (a[0].test(raw))
    for (var t1 of stems(a[1])) if (!qw.has(t1) && STEM_IDF.has(t1)) { qw.set(t1, F.ASKED); qstems.push(t1); }
  for (var t of qstems) qstemTotal += qw.get(t) * (STEM_IDF.get(t) || Math.log(1 + DOCS.length));
  var scored = [];
  DOCS.forEach(function (d, i) {
    // the situation closest to the question: shared grams over both sizes (cosine of weighted grams)
    var sit = 0;
    if (q.han) for (var sg of d.sit) {
      var both = 0, own = 0;
      for (var g1 of sg) { var w1 = gramWeight(g1); own += w1; if (qgrams.has(g1)) both += w1; }
      if (both) sit = Math.max(sit, both / Math.sqrt(own * total));
    }
    if (sit < F.SIT_MIN) sit = 0;
    // English: the share of the question's stems each English field holds
    var eng = 0;
    if (qstemTotal) {
      var boosts = [F.EN_NAME, F.EN_SIT, naming ? F.EN_DEF_NAMING : F.EN_DEF];
      for (var k = 0; k < 3; k++) {
        var have = 0;
        for (var t3 of qstems) if (d.en[k].has(t3)) have += qw.get(t3) * (STEM_IDF.get(t3) || 0);
        eng += boosts[k] * have / qstemTotal;
      }
    }
    var hit = 0;
    // a bigram of a designation or an everyday word counts double
    for (var g of qgrams) if (d.grams.has(g)) hit += gramWeight(g) * (d.named.has(g) ? 2 : 1);
    var cover = total ? Math.min(hit / total, 1.5) : 0;
    if (qstemTotal) cover *= F.LATIN_COVER;  // English questions: the stem fields below say it better
    var match = best.get(i);
    var within = match && match.name.f.length < q.f.length;
    // an everyday word (俗称) inside a longer question is a phrase of it like any other: worth less than a term
    if (within && q.han && match.name.label === "俗称") match = Object.assign({}, match, { score: match.score * P.SYN_IN });
    // a name inside a longer question says less the less of the question it is (工单 in 处理完了工单怎么关掉)
    var share = within && q.han ? 1 - P.SHARE * (1 - Math.min(1, (match.cov.size || match.names.join("").length) / q.f.length))
              : within && asked > 1 && match.name.latin ? 1 - P.EN_SHARE * (1 - Math.min(1, (match.name.span || stems(match.name.text).length) / asked)) : 1;
    var score = match ? match.score * share + (within ? P.MORE * Math.max(0, match.more) + P.INSIDE_COVER * cover : P.COVER * cover)
                      : (cover >= 0.12 ? 250 * cover : 0);
    score += F.SIT * sit + F.ENG * eng;
    if (d.k === "p") score *= 0.8;
    if (score > 0) scored.push({ i: i, score: score, name: match && match.name });
  });
  scored.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
  return { ok: true, scored: scored };
}

function format(scored) {
  return {
    items: scored.slice(0, 30).map(function (r) {
      var d = DOCS[r.i], title = escapeHtml(d.t), terms = {}, name = r.name && (r.name.shown || r.name);
      if (name && name.f !== fold(d.t))
        title += ' <span class="as-result-name">' + escapeHtml(name.text) + "（" + escapeHtml(name.label) + "）</span>";
      if (name) terms[name.text] = true;
      var text = (d.st ? "【" + escapeHtml(d.st) + "】" : "") + escapeHtml(d.s);
      return [{ location: d.u, title: title, text: text, score: r.score, terms: terms }];
    })
  };
}

addEventListener("message", function (ev) {
  var message = ev.data || {};
  if (message.type === 0) {
    postMessage({ type: 1 });
  } else if (message.type === 2) {
    var query = String(message.data || "").trim();
    if (!query) {
      postMessage({ type: 3, data: { items: [] } });
      return;
    }
    load().then(function () {
      postMessage({ type: 3, data: search(query) });
    }, function (error) {
      console.warn("glossary search: " + error);
      postMessage({ type: 3, data: { items: [] } });
    });
  }
});
