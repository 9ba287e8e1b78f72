/* Records what goes wrong on the page (uncaught errors, rejected promises, console errors and warnings) in the
   data-report-problems attribute of <html>, as a JSON list, so a headless browser's DOM dump shows it. */
(function () {
  'use strict';
  var problems = [];
  function note(kind, message) {
    problems.push(kind + ': ' + message);
    document.documentElement.setAttribute('data-report-problems', JSON.stringify(problems));
  }
  window.addEventListener('error', function (e) {
    note('error', (e.message || e.type) + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
  });
  window.addEventListener('unhandledrejection', function (e) {
    note('unhandled rejection', String(e.reason));
  });
  ['error', 'warn'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      note('console.' + level, Array.prototype.map.call(arguments, String).join(' '));
      return original.apply(console, arguments);
    };
  });
  window.dynasplitReportProblem = note;
})();
