/* talentbot embed: <script src="https://HOST/widget.js" data-title="人才政策咨询"></script>
 * Adds a floating chat button to any page; clicking it opens the chat page of the same HOST in an
 * iframe (full screen on phones). Hand-written, no dependencies; styles are set through the DOM so the
 * host page's stylesheets cannot break it and no extra CSS file is needed. */
(function () {
  "use strict";
  if (window.__talentbotWidget) return;
  window.__talentbotWidget = true;

  var scripts = document.getElementsByTagName("script");
  var script = document.currentScript || scripts[scripts.length - 1];
  var base = script.src.replace(/widget\.js(?:[?#].*)?$/, "");
  var title = (script.getAttribute("data-title") || "人才政策咨询").slice(0, 30);
  var open = false;
  var panel = null;
  var frame = null;

  function css(node, styles) {
    for (var key in styles) if (Object.prototype.hasOwnProperty.call(styles, key)) node.style[key] = styles[key];
  }

  var button = document.createElement("button");
  button.type = "button";
  button.textContent = title;
  button.setAttribute("aria-label", "打开" + title);
  button.setAttribute("aria-expanded", "false");
  css(button, {
    position: "fixed", right: "16px", bottom: "16px", zIndex: "2147483646", border: "0",
    borderRadius: "999px", padding: "12px 18px", background: "#1f5fae", color: "#fff", fontSize: "15px",
    boxShadow: "0 4px 14px rgba(0,0,0,.25)", cursor: "pointer", maxWidth: "70vw",
    fontFamily: "-apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif"
  });

  function layout() {
    if (!panel) return;
    var small = window.innerWidth < 600;
    css(panel, small
      ? { right: "0", bottom: "0", width: "100%", height: "100%", borderRadius: "0" }
      : { right: "16px", bottom: "76px", width: "380px", height: "min(640px, calc(100vh - 100px))", borderRadius: "14px" });
    button.style.display = open && small ? "none" : "block";
  }

  function build() {
    panel = document.createElement("div");
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", title);
    css(panel, {
      position: "fixed", zIndex: "2147483647", overflow: "hidden", background: "#fff",
      boxShadow: "0 8px 30px rgba(0,0,0,.3)", display: "none"
    });
    frame = document.createElement("iframe");
    frame.title = title;
    frame.src = base + "?embed=1&title=" + encodeURIComponent(title);
    css(frame, { border: "0", width: "100%", height: "100%", display: "block" });
    panel.appendChild(frame);
    document.body.appendChild(panel);
  }

  function toggle(show) {
    open = show;
    if (!panel) build();
    panel.style.display = open ? "block" : "none";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.setAttribute("aria-label", (open ? "关闭" : "打开") + title);
    layout();
    if (open) frame.focus(); else button.focus();
  }

  button.addEventListener("click", function () { toggle(!open); });
  window.addEventListener("resize", layout);
  window.addEventListener("keydown", function (e) { if (open && e.key === "Escape") toggle(false); });
  window.addEventListener("message", function (e) {
    if (frame && e.source === frame.contentWindow && e.data && e.data.type === "talentbot:close") toggle(false);
  });

  function mount() { document.body.appendChild(button); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
