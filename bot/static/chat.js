/* talentbot chat widget — hand-written, no dependencies.
 * Every piece of text (user's or bot's) is inserted with textContent, never innerHTML.
 * The sender id lives in localStorage so the conversation survives reloads; history is redrawn from
 * GET api/history. Button payloads travel in `payload` (the gateway checks them against what the bot
 * offered); typed text never does. URLs are relative so the page also works under a path prefix. */
(function () {
  "use strict";

  var SENDER_KEY = "talentbot.sender";
  var HANDOFF_TEXT = "转人工";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("input");
  var sendBtn = document.getElementById("send");
  var typing = document.getElementById("typing");
  var status = document.getElementById("status");
  var busy = false;
  var lastButtons = null; // the quick replies on show, so a refused quick reply can offer them again

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function senderId() {
    var id = null;
    try { id = window.localStorage.getItem(SENDER_KEY); } catch (e) { /* storage blocked: per-page id */ }
    if (!id || !/^web-[A-Za-z0-9-]{8,100}$/.test(id)) {
      id = "web-" + randomId();
      try { window.localStorage.setItem(SENDER_KEY, id); } catch (e) { /* keep in memory only */ }
    }
    return id;
  }
  var sender = senderId();

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function announce(text) { status.textContent = ""; window.setTimeout(function () { status.textContent = text; }, 50); }

  function renderUser(text) {
    var msg = el("div", "msg user");
    msg.appendChild(el("p", "text", text));
    log.appendChild(msg);
    scrollDown();
    return msg;
  }

  function renderCitations(citations) {
    var details = el("details", "cites");
    details.appendChild(el("summary", null, "依据（" + citations.length + "）"));
    var list = el("ul");
    citations.forEach(function (c) {
      var item = el("li");
      item.appendChild(el("span", "cite-ref", (c.doc || "") + " " + (c.clause || "")));
      if (c.quote) item.appendChild(el("q", null, c.quote));
      list.appendChild(item);
    });
    details.appendChild(list);
    return details;
  }

  function renderFeedback(messageId, current) {
    var bar = el("div", "feedback");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "这条回答有帮助吗？");
    // The visible text is the accessible name (no aria-label), so what is read is what is shown.
    [["up", "有帮助"], ["down", "没帮助"]].forEach(function (spec) {
      var btn = el("button", "fb-btn", spec[1]);
      btn.type = "button";
      btn.setAttribute("aria-pressed", current === spec[0] ? "true" : "false");
      btn.dataset.value = spec[0];
      btn.addEventListener("click", function () { sendFeedback(messageId, spec[0], bar); });
      bar.appendChild(btn);
    });
    return bar;
  }

  function renderBot(reply, feedback) {
    var msg = el("div", "msg bot");
    msg.appendChild(el("p", "text", reply.text));
    if (reply.citations && reply.citations.length) msg.appendChild(renderCitations(reply.citations));
    if (reply.message_id) msg.appendChild(renderFeedback(reply.message_id, feedback));
    log.appendChild(msg);
    scrollDown();
  }

  function renderSystem(text, retry, className) {
    var msg = el("div", "msg system" + (className ? " " + className : ""));
    msg.appendChild(el("p", "text", text));
    if (retry) {
      var btn = el("button", "quick-btn retry", "重新发送");
      btn.type = "button";
      btn.addEventListener("click", function () { msg.parentNode.removeChild(msg); retry(); });
      msg.appendChild(btn);
    }
    log.appendChild(msg);
    scrollDown();
  }

  function clearQuickReplies() {
    Array.prototype.forEach.call(log.querySelectorAll(".quick"), function (q) { q.parentNode.removeChild(q); });
  }

  function renderQuickReplies(buttons) {
    clearQuickReplies();
    lastButtons = buttons || null;
    if (!buttons || !buttons.length) return;
    var group = el("div", "quick");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "快捷回复");
    buttons.forEach(function (b) {
      var btn = el("button", "quick-btn", b.title);
      btn.type = "button";
      btn.addEventListener("click", function () { send(b.title, { payload: b.payload }); });
      group.appendChild(btn);
    });
    log.appendChild(group);
    scrollDown();
  }

  function setBusy(on) {
    busy = on;
    typing.hidden = !on;
    sendBtn.disabled = on;
    if (on) announce("助手正在输入");
  }

  function postJson(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin"
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        return { ok: res.ok, status: res.status, retryAfter: res.headers.get("Retry-After"), data: data };
      });
    });
  }

  function send(text, options) {
    options = options || {};
    if (busy) return;
    var offered = lastButtons;
    clearQuickReplies();
    options.offered = offered;
    options.bubble = renderUser(text);
    deliver(text, options, randomId().replace(/[^A-Za-z0-9-]/g, ""));
  }

  /* 429: the gateway did not take the message. Say so in its own (Chinese) words, take the bubble
   * back out of the conversation and give the words back: typed text returns to the input box
   * (ahead of anything typed since) and the quick replies that were on show are offered again. */
  function refused(text, options, res) {
    var seconds = parseInt(res.retryAfter, 10);
    var message = (res.data && res.data.message) ||
      ("您发送消息过于频繁，请" + (seconds > 0 ? " " + seconds + " 秒后" : "稍后") + "再试。");
    if (options.bubble && options.bubble.parentNode) options.bubble.parentNode.removeChild(options.bubble);
    renderSystem(message, null, "limited");
    renderQuickReplies(options.offered);
    if (!options.payload && !options.handoff) {
      input.value = input.value ? text + "\n" + input.value : text;
      autoGrow();
    }
    announce(message);
  }

  function deliver(text, options, clientId) {
    var metadata = { channel: "web", client_message_id: clientId };
    if (options.handoff) metadata.handoff = true;
    var body = { sender: sender, message: text, metadata: metadata };
    if (options.payload) body.payload = options.payload;
    setBusy(true);
    postJson("api/chat", body).then(function (res) {
      setBusy(false);
      if (res.status === 429) {
        refused(text, options, res);
        return;
      }
      if (!res.ok) {
        renderSystem((res.data && res.data.message) || "发送失败，请稍后再试。");
        return;
      }
      var replies = res.data.replies || [];
      replies.forEach(function (r) { renderBot(r, null); });
      var last = replies.length ? replies[replies.length - 1] : null;
      renderQuickReplies(last && last.buttons);
      announce("助手已回复");
    }).catch(function () {
      setBusy(false);
      renderSystem("网络异常，消息未能送达。", function () { deliver(text, options, clientId); });
    }).then(function () { input.focus(); });
  }

  function sendFeedback(messageId, value, bar) {
    postJson("api/feedback", { message_id: messageId, value: value, sender: sender }).then(function (res) {
      if (!res.ok) { announce((res.data && res.data.message) || "评价未能提交"); return; }
      Array.prototype.forEach.call(bar.querySelectorAll(".fb-btn"), function (b) {
        b.setAttribute("aria-pressed", b.dataset.value === value ? "true" : "false");
      });
      announce("感谢您的反馈");
    }).catch(function () { announce("网络异常，评价未能提交"); });
  }

  function loadHistory() {
    return fetch("api/history?sender=" + encodeURIComponent(sender), { credentials: "same-origin" })
      .then(function (res) { return res.ok ? res.json() : { messages: [] }; })
      .then(function (data) {
        var messages = data.messages || [];
        if (!messages.length) return;
        clearQuickReplies();
        messages.forEach(function (m) {
          if (m.direction === "in") renderUser(m.text);
          else renderBot({ text: m.text, citations: m.citations, message_id: m.id }, m.feedback);
        });
        var last = messages[messages.length - 1];
        if (last.direction === "out") renderQuickReplies(last.buttons);
      })
      .catch(function () { /* history is a convenience; the chat still works */ });
  }

  function autoGrow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 120) + "px";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    autoGrow();
    send(text);
  });

  input.addEventListener("keydown", function (event) {
    // Enter sends, Shift+Enter breaks the line; never while a Chinese IME is composing.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  input.addEventListener("input", autoGrow);

  document.getElementById("handoff").addEventListener("click", function () {
    send(HANDOFF_TEXT, { handoff: true });
  });

  var closeBtn = document.getElementById("close");
  if (closeBtn) {
    closeBtn.addEventListener("click", function () {
      if (window.parent !== window) window.parent.postMessage({ type: "talentbot:close" }, "*");
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("#suggestions .quick-btn"), function (btn) {
    btn.addEventListener("click", function () { send(btn.dataset.text); });
  });

  loadHistory();
})();
