/* Review transcript: pick entity spans by selecting text in a user message (vanilla JS, no library).
 * Offsets sent to the server are Unicode code points (Python string indices), not the browser's
 * UTF-16 units, so an emoji before an entity does not shift it. Without JS the form still works
 * through the "手动填写" fields. */
(function () {
  "use strict";

  function codePoints(text, units) {
    return Array.from(text.slice(0, units)).length;
  }

  function setupForm(form) {
    var pick = form.querySelector(".span-pick");
    var list = form.querySelector(".ent-list");
    var hidden = form.querySelector('input[name="entities_json"]');
    if (!pick || !list || !hidden) return;
    var types = (pick.dataset.entityTypes || "").split(",").filter(Boolean);
    var chars = Array.from(pick.textContent);
    var spans = [];
    try {
      spans = JSON.parse(pick.dataset.spans || "[]");
    } catch (e) {
      spans = [];
    }

    function sync() {
      hidden.value = JSON.stringify(spans.map(function (s) {
        return { start: s.start, end: s.end, entity: s.entity, value: chars.slice(s.start, s.end).join("") };
      }));
    }

    function render() {
      list.textContent = "";
      spans.forEach(function (span, index) {
        var row = document.createElement("div");
        row.className = "ent-row";
        var value = document.createElement("code");
        value.textContent = chars.slice(span.start, span.end).join("");
        var select = document.createElement("select");
        select.setAttribute("aria-label", "实体类型");
        types.forEach(function (t) {
          var option = document.createElement("option");
          option.value = t;
          option.textContent = t;
          option.selected = t === span.entity;
          select.appendChild(option);
        });
        select.addEventListener("change", function () {
          span.entity = select.value;
          sync();
        });
        var remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "移除";
        remove.addEventListener("click", function () {
          spans.splice(index, 1);
          render();
        });
        row.append(value, select, remove);
        list.appendChild(row);
      });
      sync();
    }

    function pickSelection() {
      var selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed || types.length === 0) return;
      var range = selection.getRangeAt(0);
      if (!pick.contains(range.startContainer) || !pick.contains(range.endContainer)) return;
      var before = document.createRange();
      before.selectNodeContents(pick);
      before.setEnd(range.startContainer, range.startOffset);
      var raw = range.toString();
      var trimmed = raw.trim();
      if (!trimmed) return;
      var lead = raw.length - raw.replace(/^\s+/, "").length;
      var start = codePoints(pick.textContent, before.toString().length + lead);
      var end = start + Array.from(trimmed).length;
      spans = spans.filter(function (s) { return s.end <= start || s.start >= end; });
      spans.push({ start: start, end: end, entity: types[0] });
      spans.sort(function (a, b) { return a.start - b.start; });
      selection.removeAllRanges();
      render();
    }

    pick.addEventListener("mouseup", pickSelection);
    pick.addEventListener("keyup", pickSelection);
    render();
  }

  document.querySelectorAll("form.annotate-form").forEach(setupForm);
})();
