/* Source viewer: bring the highlighted clause to the middle of the screen and give it focus,
 * so a screen reader starts there too (the #hit fragment alone puts it at the very top). */
(function () {
  "use strict";
  var hit = document.getElementById("hit");
  if (!hit) return;
  hit.scrollIntoView({ block: "center" });
  hit.focus({ preventScroll: true });
})();
