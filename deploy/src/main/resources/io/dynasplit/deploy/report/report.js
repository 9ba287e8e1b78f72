/* Draws every chart of the report with the inlined Apache ECharts (SVG renderer). Each
   <div class="chart" data-chart="ID"> takes its option from <script type="application/json" id="ID">, where a
   formatter is written {"fn": "name"} and replaced here by the function of that name. */
(function () {
  'use strict';

  function escapeHtml(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  /* 1,024 / 512 / 0.25 / 0.0625: axis ticks as plain numbers, no exponent, thousands separated. */
  function number(value) {
    var v = Number(value);
    if (!isFinite(v)) {
      return '';
    }
    if (Math.abs(v) >= 1000) {
      return Math.round(v).toLocaleString('en-US');
    }
    return String(Number(v.toPrecision(4)));
  }

  /* A data item's tip: {"title": ..., "rows": [[label, text], ...]}, written by the report's Java side. */
  function tip(params) {
    var t = params.data && params.data.tip;
    if (!t) {
      return escapeHtml(params.seriesName) + ': ' + escapeHtml(number(params.value));
    }
    var html = '<div class="tip"><b>' + escapeHtml(t.title) + '</b><table>';
    t.rows.forEach(function (row) {
      html += '<tr><td>' + escapeHtml(row[0]) + '</td><td>' + escapeHtml(row[1]) + '</td></tr>';
    });
    return html + '</table></div>';
  }

  var functions = {number: number, tip: tip};

  function resolve(node) {
    if (Array.isArray(node)) {
      return node.map(resolve);
    }
    if (node !== null && typeof node === 'object') {
      var keys = Object.keys(node);
      if (keys.length === 1 && keys[0] === 'fn') {
        if (!functions[node.fn]) {
          throw new Error('report.js has no function ' + node.fn);
        }
        return functions[node.fn];
      }
      var out = {};
      keys.forEach(function (k) { out[k] = resolve(node[k]); });
      return out;
    }
    return node;
  }

  var charts = [];
  Array.prototype.forEach.call(document.querySelectorAll('div[data-chart]'), function (el) {
    var id = el.getAttribute('data-chart');
    try {
      var option = resolve(JSON.parse(document.getElementById(id).textContent));
      var chart = echarts.init(el, null, {renderer: 'svg'});
      chart.setOption(option);
      charts.push(chart);
      el.setAttribute('data-drawn', 'true');
    } catch (e) {
      window.dynasplitReportProblem('chart ' + id, e && e.stack ? e.stack : String(e));
    }
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });

  /* #selfcheck: hover each chart's first data item and copy the tooltip's text into the container's data-tip. */
  if (location.hash === '#selfcheck') {
    charts.forEach(function (chart) {
      var first = chart.getOption().series.findIndex(function (s) {
        return s.type !== 'line' && s.data && s.data.length > 0;
      });
      chart.dispatchAction({type: 'showTip', seriesIndex: Math.max(0, first), dataIndex: 0});
    });
    setTimeout(function () {
      charts.forEach(function (chart) {
        var el = chart.getDom();
        var text = Array.prototype.map.call(el.querySelectorAll('.tip'), function (t) { return t.textContent; });
        el.setAttribute('data-tip', text.join(' | '));
      });
      document.documentElement.setAttribute('data-selfcheck', 'done');
    }, 100);
  }
})();
