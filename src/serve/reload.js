// Served only by `tandem serve`, never part of a built site: reloads the
// page when the site has been rebuilt. The server holds each request to
// /__tandem/version until the build counter differs from the page's (or
// about 20 s pass), so a save shows at once without polling hard.
(function () {
  "use strict";
  var script = document.currentScript;
  var seen = script && script.dataset.version ? script.dataset.version : "";
  function wait() {
    fetch("/__tandem/version?since=" + encodeURIComponent(seen), { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
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
        seen = version;
        wait();
      })
      .catch(function () {
        // The server is restarting or gone: try again in a second.
        window.setTimeout(wait, 1000);
      });
  }
  wait();
})();
