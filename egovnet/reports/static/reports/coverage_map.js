/* Extranet coverage choropleth (province level) with drill-down to prefectures.
 * Data: /api/reports/coverage/ (computed from the registry); boundaries: /reports/geo/… (ECharts 4.9.0 map data,
 * Apache-2.0). Exposes window.egovnetMap = {chart, coverage, drill(code), back()} for tests and other scripts. */
(function () {
  "use strict";
  var el = document.getElementById("coverage-map");
  if (!el || !window.echarts) { return; }
  var chart = echarts.init(el, null, { renderer: "canvas" });
  var back = document.getElementById("map-back");
  var state = { coverage: null, provinces: {}, level: "china" };
  var EXCLUDED_COLOUR = "#cccccc";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + " → HTTP " + r.status); }
      return r.json();
    });
  }

  function pct(v) { return v === null || v === undefined ? "—" : v.toFixed(1) + "%"; }

  function tooltip(p) {
    var d = p.data || {};
    if (d.inset) { return d.label; }
    if (d.excluded) { return (d.label || p.name) + "<br>" + el.dataset.labelExcluded; }
    return (d.label || p.name) + "<br>" + el.dataset.labelCovered + ": " + pct(d.value) +
      (d.units !== undefined ? " (" + d.covered + "/" + d.units + ")" : "") +
      "<br>" + el.dataset.labelPlatform + ": " + (d.platform ? "✓" : "✗");
  }

  function render(mapName, seriesName, data) {
    chart.setOption({
      tooltip: { trigger: "item", formatter: tooltip },
      visualMap: { min: 0, max: 100, left: "left", bottom: 10, calculable: true,
                   formatter: function (v) { return Math.round(v) + "%"; },
                   inRange: { color: ["#fdecea", "#f9a825", "#2e7d32"] } },
      series: [{ id: "coverage", name: seriesName, type: "map", map: mapName, nameProperty: "code", roam: true,
                 label: { show: false }, emphasis: { label: { show: true } }, data: data }]
    }, { replaceMerge: ["series"] });
  }

  function provinceData(coverage, geo) {
    var byCode = {};
    coverage.provinces.forEach(function (p) { byCode[p.code] = p; });
    var excluded = coverage.excluded_map_codes;
    return geo.features.map(function (f) {
      var code = f.properties.code, p = byCode[code];
      if (f.properties.level === "inset") {
        return { name: code, label: f.properties.name, value: null, inset: true,
                 itemStyle: { areaColor: "#7f8c9a", borderColor: "#7f8c9a", borderWidth: 0.6 },
                 emphasis: { disabled: true }, select: { disabled: true } };
      }
      if (excluded.indexOf(code) >= 0 || !p) {
        return { name: code, label: f.properties.name, value: null, excluded: true,
                 itemStyle: { areaColor: EXCLUDED_COLOUR }, emphasis: { disabled: true }, select: { disabled: true } };
      }
      return { name: code, label: p.name, value: p.county_coverage, units: p.counties_total,
               covered: p.counties_covered, platform: p.platform_present };
    });
  }

  function regionData(p) {
    if (p.is_municipality) {
      return [{ name: p.code, label: p.name, value: p.county_coverage, units: p.counties_total,
                covered: p.counties_covered, platform: p.platform_present }];
    }
    return p.regions.map(function (r) {
      return { name: r.code, label: r.name, value: r.county_coverage, units: r.counties_total,
               covered: r.counties_covered, platform: r.platform_present };
    });
  }

  function drill(code) {
    var p = state.provinces[code];
    if (!p) { return Promise.resolve(false); }
    var url = el.dataset.prefecturesUrl.replace("000000", code);
    return getJSON(url).then(function (geo) {
      echarts.registerMap("egovnet-" + code, geo);
      render("egovnet-" + code, "prefectures", regionData(p));
      state.level = code;
      if (back) { back.hidden = false; }
      return true;
    });
  }

  function showChina() {
    render("egovnet-china", "provinces", state.chinaData);
    state.level = "china";
    if (back) { back.hidden = true; }
  }

  function renderHistory(history) {
    var box = document.getElementById("coverage-history");
    if (!box) { return; }
    if (!history.length) { box.textContent = box.dataset.labelEmpty; return; }
    function share(a, b) { return b ? Math.round(1000 * a / b) / 10 : null; }
    var h = echarts.init(box, null, { renderer: "canvas" });
    h.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      xAxis: { type: "time" },  // snapshots are spaced by their dates, not one slot per snapshot
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: box.dataset.labelPrefectures, type: "line",
          data: history.map(function (r) { return [r.date, share(r.prefectures_covered, r.prefectures_total)]; }) },
        { name: box.dataset.labelCounties, type: "line",
          data: history.map(function (r) { return [r.date, share(r.counties_covered, r.counties_total)]; }) },
        { name: box.dataset.labelDepartments, type: "line",
          data: history.map(function (r) { return [r.date, share(r.departments_connected, r.departments_total)]; }) }
      ]
    });
    window.egovnetMap.history = h;
    window.addEventListener("resize", function () { h.resize(); });
  }

  chart.on("click", function (params) {
    if (state.level !== "china" || !params.data || params.data.excluded || params.data.inset) { return; }
    drill(params.data.name);
  });
  if (back) { back.addEventListener("click", showChina); }
  window.addEventListener("resize", function () { chart.resize(); });

  window.egovnetMap = { chart: chart, state: state, drill: drill, back: showChina, ready: false };
  Promise.all([getJSON(el.dataset.coverageUrl), getJSON(el.dataset.provincesUrl)]).then(function (res) {
    state.coverage = res[0];
    res[0].provinces.forEach(function (p) { state.provinces[p.code] = p; });
    echarts.registerMap("egovnet-china", res[1]);
    state.chinaData = provinceData(res[0], res[1]);
    showChina();
    renderHistory(res[0].history);
    window.egovnetMap.ready = true;
  }).catch(function (err) {
    el.textContent = (el.dataset.labelFailed || "the map could not be loaded") + ": " + err.message;
    window.egovnetMap.error = String(err);
  });
})();
