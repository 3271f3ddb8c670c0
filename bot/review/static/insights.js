/* Insights charts. The data arrive as JSON in <script type="application/json" id="chart-data">
 * (serialised with Jinja's tojson, which escapes < > & '), are parsed, and are only ever handed to
 * Chart.js as data — never inserted as HTML. Chart.js is vendored in bot/static/vendor/. */
(function () {
  "use strict";
  var node = document.getElementById("chart-data");
  if (!node || typeof Chart === "undefined") return;
  var data = JSON.parse(node.textContent);
  var palette = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#14b8a6", "#f97316", "#64748b",
                 "#84cc16", "#ec4899", "#0ea5e9", "#a16207", "#6366f1", "#22c55e", "#e11d48"];
  Chart.defaults.font.family = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = false;

  function make(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }

  make("chart-daily", {
    data: {
      labels: data.daily.labels,
      datasets: [
        { type: "bar", label: "会话数", data: data.daily.conversations, backgroundColor: "#93b4f5", yAxisID: "y" },
        { type: "line", label: "兜底率（%）", data: data.daily.fallback_rate, borderColor: "#ef4444",
          backgroundColor: "#ef4444", yAxisID: "rate", tension: 0.2, pointRadius: 2 }
      ]
    },
    options: {
      interaction: { mode: "index", intersect: false },
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "会话数" } },
        rate: { position: "right", beginAtZero: true, suggestedMax: 100, grid: { drawOnChartArea: false },
                title: { display: true, text: "兜底率 %" } }
      }
    }
  });

  make("chart-intents", {
    type: "bar",
    data: { labels: data.intents.labels,
            datasets: [{ label: "提问数", data: data.intents.values, backgroundColor: "#2563eb" }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } },
               scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
  });

  make("chart-channels", {
    type: "doughnut",
    data: { labels: data.channels.labels,
            datasets: [{ data: data.channels.values, backgroundColor: palette }] },
    options: { plugins: { legend: { position: "right" } } }
  });

  make("chart-feedback", {
    type: "doughnut",
    data: { labels: data.feedback.labels,
            datasets: [{ data: data.feedback.values, backgroundColor: ["#10b981", "#ef4444"] }] },
    options: { plugins: { legend: { position: "right" } } }
  });
})();
