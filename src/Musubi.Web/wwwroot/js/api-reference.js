// Starts Scalar's API reference (its bundle is loaded just before this file) on the OpenAPI document this server
// generates. No fonts, proxy or other host: the Content-Security-Policy allows this site only.
(function () {
  "use strict";
  var app = document.getElementById("app");
  if (!app || !window.Scalar) return;
  window.Scalar.createApiReference(app, {
    url: app.getAttribute("data-openapi"),
    withDefaultFonts: false,
    hideClientButton: true,
    showDeveloperTools: "never",
    agent: { disabled: true },
    telemetry: false,
    _integration: "dotnet"
  });
})();
