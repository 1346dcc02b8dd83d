// Served only by `tandem serve`, never part of a built site: reloads the
// page when the site has been rebuilt. The server holds each request to
// /__tandem/version until the build counter differs from the page's (or
// about 20 s pass), so a save shows at once without polling hard.
(function () {
  "use strict";
  var script = document.currentScript;
  var seen = script && script.dataset.version ? script.dataset.version : "";
  function later() {
    window.setTimeout(wait, 1000);
  }
  function wait() {
    fetch("/__tandem/version?since=" + encodeURIComponent(seen), { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          // 503: too many pages are waiting already; else the server is in trouble.
          throw new Error("status " + response.status);
        }
        return response.text();
      })
      .then(function (text) {
        var version = text.trim();
        if (seen !== "" && version !== seen) {
          window.location.reload();
          return;
        }
        // Unchanged: the hold ran out, or the server answered at once
        // without holding. Either way, never ask again straight away.
        seen = version;
        later();
      })
      .catch(function () {
        // The server is restarting, gone or busy: try again in a second.
        later();
      });
  }
  wait();
})();
