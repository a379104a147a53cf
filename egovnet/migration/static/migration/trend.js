/* Migration trend (第四条): applications migrated per month (bars) and cumulatively (line), on a time axis.
 * Data come from the element's data-points attribute: [["2026-03", migrated, cumulative], ...]. */
(function () {
  "use strict";
  var el = document.getElementById("migration-trend");
  if (!el || !window.echarts) { return; }
  var points = JSON.parse(el.dataset.points || "[]");
  var chart = echarts.init(el, null, { renderer: "canvas" });
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 32 },
    xAxis: { type: "time" },
    yAxis: [{ type: "value", name: el.dataset.labelMonth, minInterval: 1 },
            { type: "value", name: el.dataset.labelCumulative, minInterval: 1 }],
    series: [
      { name: el.dataset.labelMonth, type: "bar", barMaxWidth: 24, itemStyle: { color: "#7fb8e6" },
        data: points.map(function (p) { return [p[0] + "-01", p[1]]; }) },
      { name: el.dataset.labelCumulative, type: "line", yAxisIndex: 1, itemStyle: { color: "#2e7d32" },
        data: points.map(function (p) { return [p[0] + "-01", p[2]]; }) }
    ]
  });
  window.egovnetTrend = chart;
  window.addEventListener("resize", function () { chart.resize(); });
})();
