/* The leaders' dashboard: draws each chart from its json_script data and opens the list
   behind a bar when it is clicked. The tables under the charts carry the same figures and
   links, for screen readers and when JavaScript is off. */
(function () {
  "use strict";

  var COLOURS = ["#1f5fa8", "#2e9e5b", "#d98c1f", "#b03a48"];
  // Stacked charts are met / behind: green, then amber.
  var STACKED = ["#2e9e5b", "#d98c1f"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var box = canvas.parentElement;
    var axis = data.horizontal ? "y" : "x";
    if (data.horizontal) {
      box.style.height = Math.max(12, 2.2 * data.labels.length + 5) + "rem";
    }
    new window.Chart(canvas, {
      type: data.kind === "line" ? "line" : "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, i) {
          var palette = data.stacked ? STACKED : COLOURS;
          return {
            label: series.label,
            data: series.data,
            backgroundColor: palette[i % palette.length],
            borderColor: palette[i % palette.length],
            tension: 0.2
          };
        })
      },
      options: {
        indexAxis: data.horizontal ? "y" : "x",
        maintainAspectRatio: false,
        responsive: true,
        animation: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? false : undefined,
        interaction: { mode: "index", intersect: false, axis: axis },
        scales: {
          x: { stacked: data.stacked, beginAtZero: true, ticks: { precision: 0 } },
          y: {
            stacked: data.stacked,
            beginAtZero: true,
            ticks: {
              precision: 0,
              callback: function (value) {
                var label = this.getLabelForValue(value);
                return data.horizontal && label.length > 28 ? label.slice(0, 27) + "…" : label;
              }
            }
          }
        },
        // A bar (or a point) opens the list of exactly what it counts: its series' URL.
        // A click beside the bars of a group opens the group's whole list.
        onClick: function (event, elements, chart) {
          var url = "";
          var hit = chart.getElementsAtEventForMode(
            event, "nearest", { intersect: data.kind !== "line", axis: "xy" }, false
          );
          if (hit.length) {
            url = data.series[hit[0].datasetIndex].urls[hit[0].index];
          } else {
            var points = chart.getElementsAtEventForMode(
              event, "index", { intersect: false, axis: axis }, false
            );
            url = points.length ? data.urls[points[0].index] : "";
          }
          if (url) {
            window.location.assign(url);
          }
        },
        onHover: function (event, elements, chart) {
          var hit = chart.getElementsAtEventForMode(
            event, "nearest", { intersect: data.kind !== "line", axis: "xy" }, false
          );
          chart.canvas.style.cursor = hit.length ? "pointer" : "default";
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
    document.querySelectorAll("[data-dashboard-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  });
})();
