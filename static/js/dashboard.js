// The leader dashboard's charts (reports/dashboard.html). The data arrives as json_script blocks
// (data, not code: allowed by the CSP); each chart has its table on the page for reading.
(function () {
  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var COLOURS = ["#198754", "#fd7e14", "#dc3545", "#6c757d", "#0d6efd", "#6f42c1", "#20c997", "#d63384"];
  var STATUS = { on_time: "#198754", late: "#fd7e14", missing: "#dc3545", excused: "#6c757d" };

  function drillOnClick(urls) {
    return function (event, elements) {
      if (!urls || !elements.length) { return; }
      var url = urls[elements[0].index];
      if (url) { window.location.assign(url); }
    };
  }

  function bar(canvasId, labels, datasets, options) {
    var canvas = document.getElementById(canvasId);
    if (!canvas || typeof Chart !== "function") { return; }
    options = options || {};
    new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: options.horizontal ? "y" : "x",
        onClick: drillOnClick(options.urls),
        scales: { x: { stacked: !!options.stacked }, y: { stacked: !!options.stacked, beginAtZero: true } },
        plugins: { legend: { display: !options.noLegend, position: "bottom" } },
      },
    });
  }

  function start() {
    var data = read("dashboard-charts");
    if (!data) { return; }
    var d = data.deadlines;
    bar("chart-deadlines", d.labels, d.datasets.map(function (set) {
      return { label: set.label, data: set.data, backgroundColor: STATUS[set.key] || "#adb5bd" };
    }), { stacked: true, horizontal: true, urls: d.urls });
    var c = data.coverage;
    bar("chart-coverage", c.labels, c.datasets.map(function (set, i) {
      return { label: set.label, data: set.data, backgroundColor: COLOURS[(i + 4) % COLOURS.length] };
    }), { horizontal: true, urls: c.urls });
    var a = data.awards;
    bar("chart-awards", a.labels, a.datasets.map(function (set, i) {
      return { label: set.label, data: set.data, backgroundColor: COLOURS[i % COLOURS.length] };
    }), { stacked: true });
    var p = data.pipeline;
    bar("chart-pipeline", p.labels, [{ label: "", data: p.data, backgroundColor: "#0d6efd" }], { horizontal: true, noLegend: true });
    var k = data.clocks;
    var CLOCK = { overdue: "#dc3545", short: "#fd7e14", ok: "#198754" };
    bar("chart-clocks", k.labels, k.datasets.map(function (set) {
      return { label: set.label, data: set.data, backgroundColor: CLOCK[set.key] };
    }), { stacked: true, horizontal: true, urls: k.urls });
    var t = data.targets;
    if (t && t.labels.length) {
      bar("chart-targets", t.labels, [{
        label: t.label,
        data: t.data,
        backgroundColor: t.data.map(function (v) { return v !== null && v >= 100 ? "#198754" : "#fd7e14"; }),
      }], { horizontal: true, noLegend: true });
    }
    var q = data.quotas;
    if (q) {
      bar("chart-quotas", q.labels, q.datasets.map(function (set, i) {
        return { label: set.label, data: set.data, backgroundColor: i === 0 ? "#0d6efd" : "#adb5bd" };
      }), { horizontal: true, urls: q.urls });
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
