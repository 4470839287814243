// The route page: draws the route's legs (GeoJSON served by the portal) over the map, coloured by mode,
// and zooms to them. Loaded after map.js, whose "corridor:layers" event says the map is ready.
(function () {
  "use strict";
  var MODE_COLOURS = { road: "#c0392b", rail: "#8e5b2d", sea: "#0b3d91", waterway: "#16a085" };
  var ACCESS_COLOUR = "#7f8c8d";

  function lineColour() {
    var expression = ["match", ["get", "travel_mode"]];
    Object.keys(MODE_COLOURS).forEach(function (mode) { expression.push(mode, MODE_COLOURS[mode]); });
    expression.push("#333333");
    return ["case", ["==", ["get", "kind"], "access"], ACCESS_COLOUR, expression];
  }

  function bounds(collection) {
    var box = new maplibregl.LngLatBounds();
    collection.features.forEach(function (feature) {
      feature.geometry.coordinates.forEach(function (point) { box.extend(point); });
    });
    return box;
  }

  function drawRoute(container) {
    var map = container.corridorMap;
    fetch(container.getAttribute("data-route")).then(function (response) {
      return response.ok ? response.json() : { type: "FeatureCollection", features: [] };
    }).then(function (collection) {
      map.addSource("route", { type: "geojson", data: collection });
      map.addLayer({ id: "route", type: "line", source: "route",
        layout: { "line-cap": "round", "line-join": "round" },
        paint: { "line-color": lineColour(), "line-width": 5, "line-opacity": 0.9,
          "line-dasharray": ["case", ["==", ["get", "kind"], "access"], ["literal", [1, 1]], ["literal", [1, 0]]] } });
      if (collection.features.length) { map.fitBounds(bounds(collection), { padding: 40, maxZoom: 11, duration: 0 }); }
      container.setAttribute("data-route-legs", String(collection.features.length));
    });
  }

  document.querySelectorAll("[data-corridor-map][data-route]").forEach(function (container) {
    container.addEventListener("corridor:layers", function () { drawRoute(container); });
  });
})();
