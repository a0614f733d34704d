// Maps: <div data-map-points='[{"lat":…,"lon":…,"name":"…","href":"…"}]'> or data-map-src="URL of GeoJSON".
// Leaflet and markercluster are served by this site; no tile host is needed (points on a plain background, with
// an optional tile layer when data-map-tiles names one the operator allowed). Text goes in as text, never as HTML.
(function () {
  "use strict";
  if (!window.L) return;

  function popup(p) {
    var box = document.createElement("div");
    var title = document.createElement(p.href ? "a" : "strong");
    title.textContent = p.name || "";
    if (p.href && /^\//.test(p.href)) title.setAttribute("href", p.href);
    box.appendChild(title);
    if (p.note) {
      var note = document.createElement("div");
      note.textContent = p.note;
      box.appendChild(note);
    }
    return box;
  }

  function show(el, points) {
    el.hidden = false;
    var map = L.map(el, { attributionControl: false, preferCanvas: true, minZoom: 4, maxZoom: 18 });
    var tiles = el.getAttribute("data-map-tiles");
    if (tiles) L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
    var group = L.markerClusterGroup ? L.markerClusterGroup({ chunkedLoading: true }) : L.layerGroup();
    var bounds = [];
    points.forEach(function (p) {
      if (typeof p.lat !== "number" || typeof p.lon !== "number") return;
      var marker = L.circleMarker([p.lat, p.lon], { radius: 7, color: p.color || "#0031d8", weight: 2, fillOpacity: 0.7 });
      marker.bindPopup(popup(p));
      group.addLayer(marker);
      bounds.push([p.lat, p.lon]);
    });
    var here = el.getAttribute("data-map-here");
    if (here) {
      var ll = here.split(",").map(Number);
      L.circleMarker(ll, { radius: 9, color: "#ec0000", weight: 3, fillOpacity: 0.3 }).addTo(map);
      bounds.push(ll);
    }
    group.addTo(map);
    if (bounds.length > 0) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    else map.setView([36.5, 138], 5);
    el.setAttribute("data-map-ready", String(points.length));
  }

  document.querySelectorAll("[data-map-points],[data-map-src]").forEach(function (el) {
    var inline = el.getAttribute("data-map-points");
    if (inline) { show(el, JSON.parse(inline)); return; }
    fetch(el.getAttribute("data-map-src"), { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (geo) {
        show(el, (geo.features || []).filter(function (f) { return f.geometry && f.geometry.type === "Point"; }).map(function (f) {
          var props = f.properties || {};
          return { lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], name: props["名称"] || props.name || "", note: props["所在地_連結表記"] || "" };
        }));
      });
  });

  // 「現在地を使う」: fills the form's lat/lon from the browser's location and submits it.
  document.querySelectorAll("button[data-locate]").forEach(function (button) {
    if (!navigator.geolocation) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var form = button.form;
      navigator.geolocation.getCurrentPosition(function (pos) {
        form.querySelector("[name=lat]").value = pos.coords.latitude.toFixed(6);
        form.querySelector("[name=lon]").value = pos.coords.longitude.toFixed(6);
        form.querySelector("[name=address]").value = "";
        form.submit();
      });
    });
  });
})();
