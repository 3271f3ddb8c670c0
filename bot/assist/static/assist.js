/* Hotline answer assistant: results as you type, keyboard first, copy the script, calculators.
 * Hand-written, no framework. Every piece of text from the server or the user goes in through
 * textContent (never innerHTML), so a query or a quote can never become markup. */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;
  var REGION_KEY = "talentbot.assist.region";
  var KIND_LABEL = { calc: "计算", passage: "条文", service: "服务" };

  var box = document.getElementById("q");
  var regionSel = document.getElementById("region");
  var list = document.getElementById("results");
  var statusLine = document.getElementById("status");
  var toast = document.getElementById("toast");
  var calcRegion = document.getElementById("calc-region");
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  var timer = null;
  var inflight = null; // AbortController of the request still wanted
  var seq = 0; // answers to older requests are dropped even if they arrive late

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function say(text) {
    statusLine.textContent = text;
  }

  function flash(text) {
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(flash.t);
    flash.t = setTimeout(function () { toast.hidden = true; }, 1600);
  }

  // ---- region --------------------------------------------------------------------------------------
  function restoreRegion() {
    var saved = "";
    try { saved = localStorage.getItem(REGION_KEY) || ""; } catch (e) { saved = ""; }
    if (Array.prototype.some.call(regionSel.options, function (o) { return o.value === saved; })) {
      regionSel.value = saved;
    }
    showCalcRegion();
  }

  function showCalcRegion() {
    calcRegion.textContent = "（按" + (regionSel.value || "永嘉县") + "政策）";
  }

  regionSel.addEventListener("change", function () {
    try { localStorage.setItem(REGION_KEY, regionSel.value); } catch (e) { /* private mode */ }
    showCalcRegion();
    search();
  });

  // ---- copying -------------------------------------------------------------------------------------
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () {
        return fallbackCopy(text);
      });
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function fallbackCopy(text) {
    // Older browsers and plain-http intranets: a selected off-screen textarea and execCommand.
    var area = el("textarea", "copy-buffer");
    area.value = text;
    area.setAttribute("readonly", "");
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.blur();
    document.body.removeChild(area);
    return ok;
  }

  function copyAnswer(item) {
    if (!item || !item.dataset.answer) return;
    var back = document.activeElement;
    copyText(item.dataset.answer).then(function (ok) {
      flash(ok ? "已复制话术" : "复制失败，请手动选择文字");
      item.classList.add("copied");
      setTimeout(function () { item.classList.remove("copied"); }, 1200);
      if (back && back !== document.activeElement && document.body.contains(back)) back.focus();
    });
  }

  // ---- rendering -----------------------------------------------------------------------------------
  function citationLabel(c) {
    return c.doc + " " + c.clause;
  }

  function renderCitations(citations, into) {
    var ul = el("ul", "cites");
    citations.forEach(function (c) {
      var li = el("li");
      li.appendChild(el("span", "cite-label", citationLabel(c)));
      if (c.source_link) {
        var a = el("a", "src", "原文");
        a.href = c.source_link + "#hit";
        a.target = "_blank";
        a.rel = "noopener";
        li.appendChild(a);
      }
      li.appendChild(el("q", "cite-quote", c.quote));
      ul.appendChild(li);
    });
    into.appendChild(ul);
  }

  // `heading`: h4 under an answer's h3, h3 in a calculator (under the h2 计算器) — no skipped levels.
  function renderTrace(s, into, heading) {
    if (s.steps && s.steps.length) {
      into.appendChild(el(heading, null, "计算过程"));
      var ol = el("ol", "steps");
      s.steps.forEach(function (t) { ol.appendChild(el("li", null, t)); });
      into.appendChild(ol);
    }
    if (s.missing && s.missing.length) {
      into.appendChild(el(heading, null, "还需要了解"));
      var ul = el("ul", "missing");
      s.missing.forEach(function (m) {
        ul.appendChild(el("li", null, m.question + (m.options && m.options.length ? "（" + m.options.join(" / ") + "）" : "")));
      });
      into.appendChild(ul);
    }
  }

  function renderSuggestion(s, index) {
    var item = el("li", "result kind-" + (s.kind || "passage"));
    item.tabIndex = 0;
    item.dataset.answer = s.answer;
    item.setAttribute("aria-label", "第" + (index + 1) + "条：" + s.title);

    var head = el("div", "head");
    head.appendChild(el("span", "badge", KIND_LABEL[s.kind] || "条文"));
    head.appendChild(el("h3", "title", s.title));
    if (s.region) head.appendChild(el("span", "where", s.region));
    item.appendChild(head);

    item.appendChild(el("p", "answer", s.answer));

    var first = (s.citations || [])[0];
    if (first) {
      item.appendChild(el("blockquote", "quote", first.quote));
      var cite = el("p", "cite");
      cite.appendChild(el("span", null, "依据：" + citationLabel(first)));
      item.appendChild(cite);
    }

    var actions = el("div", "actions");
    var copy = el("button", "copy", "复制话术");
    copy.type = "button";
    copy.addEventListener("click", function () { copyAnswer(item); });
    actions.appendChild(copy);
    if (s.source_link) {
      var src = el("a", "source", "查看原文");
      src.href = s.source_link + "#hit";
      src.target = "_blank";
      src.rel = "noopener";
      actions.appendChild(src);
    }
    var more = el("div", "more");
    more.hidden = true;
    renderTrace(s, more, "h4");
    if ((s.citations || []).length) {
      more.appendChild(el("h4", null, "全部依据"));
      renderCitations(s.citations, more);
    }
    var toggle = el("button", "expand", "展开");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function () { expand(item); });
    actions.appendChild(toggle);
    item.appendChild(actions);
    item.appendChild(more);
    return item;
  }

  function expand(item) {
    var more = item.querySelector(".more");
    var toggle = item.querySelector(".expand");
    more.hidden = !more.hidden;
    toggle.textContent = more.hidden ? "展开" : "收起";
    toggle.setAttribute("aria-expanded", String(!more.hidden));
  }

  function render(data, ms) {
    list.replaceChildren();
    var items = data.suggestions || [];
    items.forEach(function (s, i) { list.appendChild(renderSuggestion(s, i)); });
    if (!box.value.trim()) { say(""); return; }
    var where = data.region ? "检索范围：" + data.region + " · " : "检索范围：全部地区 · ";
    say(items.length ? where + items.length + " 条答案 · " + ms + " 毫秒" : where + "没有找到相关答案，换个关键词试试");
  }

  // ---- searching -----------------------------------------------------------------------------------
  function search() {
    clearTimeout(timer);
    var text = box.value.trim();
    if (inflight) inflight.abort();
    inflight = null;
    var mine = ++seq;
    if (!text) { render({ suggestions: [] }, 0); return; }
    var ctrl = new AbortController();
    inflight = ctrl;
    var started = performance.now();
    var url = "/api/assist?k=3&q=" + encodeURIComponent(text) + "&region=" + encodeURIComponent(regionSel.value);
    fetch(url, { signal: ctrl.signal, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (r.status === 401) { location.href = "/login?next=%2Fassist"; return null; }
        return r.json().then(function (body) { return { ok: r.ok, body: body }; });
      })
      .then(function (res) {
        if (!res || mine !== seq) return;
        inflight = null;
        if (!res.ok) { list.replaceChildren(); say(res.body.message || "检索失败"); return; }
        render(res.body, Math.round(performance.now() - started));
      })
      .catch(function (err) {
        if (err.name === "AbortError" || mine !== seq) return;
        say("检索失败，请检查网络后重试");
      });
  }

  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE_MS);
  });

  // ---- keyboard ------------------------------------------------------------------------------------
  function results() {
    return Array.prototype.slice.call(list.querySelectorAll("li.result"));
  }

  function clearAll() {
    box.value = "";
    search();
    box.focus();
  }

  box.addEventListener("keydown", function (e) {
    var items = results();
    if ((e.key === "ArrowDown" || e.key === "Enter") && items.length) {
      e.preventDefault();
      items[0].focus();
    }
  });

  list.addEventListener("keydown", function (e) {
    var item = e.target.closest && e.target.closest("li.result");
    if (!item || e.target !== item) return; // buttons and links inside keep their own keys
    var items = results();
    var at = items.indexOf(item);
    var noSelection = !String(window.getSelection ? window.getSelection() : "");
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (at < items.length - 1) items[at + 1].focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (at > 0) items[at - 1].focus(); else box.focus();
    } else if (e.key === "Enter") {
      e.preventDefault();
      expand(item);
    } else if ((e.key === "c" || e.key === "C") && !e.altKey && !e.metaKey && (!e.ctrlKey || noSelection)) {
      e.preventDefault();
      copyAnswer(item);
    }
  });

  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    var typing = tag === "input" || tag === "textarea" || tag === "select";
    if (e.key === "/" && !typing) {
      e.preventDefault();
      box.focus();
      box.select();
    } else if (e.key === "Escape" && (!typing || e.target === box)) {
      e.preventDefault();
      clearAll();
    }
  });

  // ---- calculators ---------------------------------------------------------------------------------
  function renderCalc(out, data) {
    out.replaceChildren();
    out.hidden = false;
    out.className = "calc-out status-" + (data.status || "error");
    var answer = el("p", "answer", data.answer || data.message || "");
    out.appendChild(answer);
    if (data.region) out.appendChild(el("p", "muted small", "按" + data.region + "政策"));
    renderTrace(data, out, "h3");
    if (data.citations && data.citations.length) {
      out.appendChild(el("h3", null, "依据"));
      renderCitations(data.citations, out);
    }
    if (data.answer) {
      var copy = el("button", "copy", "复制结论");
      copy.type = "button";
      copy.addEventListener("click", function () {
        copyText(data.answer).then(function (ok) { flash(ok ? "已复制结论" : "复制失败"); });
      });
      out.appendChild(copy);
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.calc-form"), function (form) {
    var out = form.parentNode.querySelector(".calc-out");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var inputs = {};
      new FormData(form).forEach(function (value, key) {
        if (String(value).trim()) inputs[key] = String(value).trim();
      });
      var body = JSON.stringify({ region: regionSel.value || null, inputs: inputs });
      fetch("/api/assist/calc/" + encodeURIComponent(form.dataset.calc), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
        body: body
      })
        .then(function (r) {
          if (r.status === 401) { location.href = "/login?next=%2Fassist"; return null; }
          return r.json();
        })
        .then(function (data) { if (data) renderCalc(out, data); })
        .catch(function () { renderCalc(out, { status: "error", message: "计算失败，请检查网络后重试" }); });
    });
  });

  restoreRegion();
  box.focus();
  if (box.value.trim()) search();
})();
