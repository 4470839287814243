// Corridor map: province boundaries (2025 or pre-2025), zones by type and location precision, and
// infrastructure nodes. Everything is served by this portal; nothing is fetched from the internet.
(function () {
  "use strict";
  var ZONE_COLOURS = { KCN: "#1d6fa5", KKT: "#7b3fa0", CCN: "#d9822b" };
  var NODE_COLOURS = {
    seaport: "#0b3d91", seaport_terminal: "#0b3d91", berth: "#4a78c2", airport: "#c0392b",
    border_gate: "#111111", rail_station: "#8e5b2d", city: "#7f8c8d", logistics_center: "#16a085", bridge: "#555555"
  };
  var COARSE = ["district", "province", "unknown"];

  function colourMatch(property, colours, fallback) {
    var expression = ["match", ["get", property]];
    Object.keys(colours).forEach(function (key) { expression.push(key, colours[key]); });
    expression.push(fallback);
    return expression;
  }

  function baseStyle() {
    return {
      version: 8,
      sources: {},
      layers: [{ id: "background", type: "background", paint: { "background-color": "#dcecf5" } }]
    };
  }

  function escapeHtml(text) {
    return String(text === null || text === undefined ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function addBoundaries(map, edition) {
    var url = "/data/boundaries/" + edition + ".geojson";
    if (map.getSource("boundaries")) {
      map.getSource("boundaries").setData(url);
      return;
    }
    map.addSource("boundaries", { type: "geojson", data: url });
    map.addLayer({ id: "provinces-fill", type: "fill", source: "boundaries",
      paint: { "fill-color": "#f7f4ea", "fill-opacity": 1 } });
    map.addLayer({ id: "provinces-line", type: "line", source: "boundaries",
      paint: { "line-color": "#9a8f7a", "line-width": 0.8 } });
  }

  function addZones(map, url) {
    map.addSource("zones", { type: "geojson", data: url });
    var coarse = ["in", ["get", "precision"], ["literal", COARSE]];
    map.addLayer({ id: "zones", type: "circle", source: "zones", paint: {
      "circle-radius": ["case", coarse, 9, 6],
      "circle-color": colourMatch("type", ZONE_COLOURS, "#444"),
      "circle-opacity": ["case", coarse, 0.15, ["==", ["get", "precision"], "site"], 0.95, 0.6],
      "circle-stroke-color": colourMatch("type", ZONE_COLOURS, "#444"),
      "circle-stroke-width": ["case", coarse, 2, 1]
    } });
  }

  function addNodes(map, url) {
    map.addSource("nodes", { type: "geojson", data: url });
    map.addLayer({ id: "nodes", type: "circle", source: "nodes", paint: {
      "circle-radius": ["match", ["get", "type"], "berth", 2.5, "city", 3, 5],
      "circle-color": colourMatch("type", NODE_COLOURS, "#333"),
      "circle-stroke-color": "#ffffff", "circle-stroke-width": 1
    } }, "zones");
  }

  function addNetwork(map, url) {
    map.addSource("network", { type: "geojson", data: url });
    var open = ["==", ["get", "status"], "open"];
    map.addLayer({ id: "network", type: "line", source: "network", paint: {
      "line-color": ["match", ["get", "mode"], "rail", "#8e5b2d", ["match", ["get", "class"], "expressway", "#c0392b", "#7f8c8d"]],
      "line-width": ["match", ["get", "class"], "expressway", 3, 2],
      "line-opacity": ["case", open, 0.9, 0.5],
      "line-dasharray": ["case", open, ["literal", [1, 0]], ["literal", [2, 2]]]
    } }, "zones");
  }

  function popupHtml(feature, labels) {
    var p = feature.properties;
    var link = p.kind === "zones" ? "/zones/" + encodeURIComponent(feature.id || p.id) : null;
    // Codes (status, type, precision) are shown through the labels of the page's language.
    var codes = labels.codes || {};
    function shown(field, code) { return (codes[field] || {})[code] || code; }
    var rows = [[labels.type, shown("type", p.type)], [labels.status, shown("status", p.status)],
      [labels.province, p.province]];
    if (p.kind === "zones") {
      rows.push([labels.area, p.area_ha === null || p.area_ha === undefined ? labels.unknown : p.area_ha + " ha"]);
    }
    rows.push([labels.precision, shown("precision", p.precision)]);
    var body = rows.map(function (r) {
      return "<tr><th>" + escapeHtml(r[0]) + "</th><td>" + escapeHtml(r[1] || labels.unknown) + "</td></tr>";
    }).join("");
    return "<strong>" + escapeHtml(p.name) + "</strong><table>" + body + "</table>" +
      (link ? '<a href="' + link + '">' + escapeHtml(labels.open) + "</a>" : "");
  }

  function filterZones(map, root) {
    var types = Array.prototype.slice.call(root.querySelectorAll("input[name=zone-type]:checked"))
      .map(function (input) { return input.value; });
    map.setFilter("zones", ["in", ["get", "type"], ["literal", types]]);
  }

  function filterNodes(map, root) {
    var types = Array.prototype.slice.call(root.querySelectorAll("input[name=node-type]:checked"))
      .map(function (input) { return input.value; });
    map.setFilter("nodes", ["in", ["get", "type"], ["literal", types]]);
  }

  function init(container) {
    var labels = JSON.parse(container.getAttribute("data-labels"));
    var center = JSON.parse(container.getAttribute("data-center") || "[106.6, 21.1]");
    var map = new maplibregl.Map({
      container: container, style: baseStyle(), center: center,
      zoom: Number(container.getAttribute("data-zoom") || 7.2), attributionControl: false
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    map.addControl(new maplibregl.AttributionControl({ compact: true,
      customAttribution: "© Open Development Vietnam / TaliaCao Vietnam-Shape-Map; GSO; Corridor" }));
    container.corridorMap = map;
    map.on("load", function () {
      addBoundaries(map, container.getAttribute("data-boundaries") || "2025");
      addZones(map, container.getAttribute("data-zones"));
      if (container.getAttribute("data-nodes")) { addNodes(map, container.getAttribute("data-nodes")); }
      if (container.getAttribute("data-network")) { addNetwork(map, container.getAttribute("data-network")); }
      ["zones", "nodes"].forEach(function (layer) {
        if (!map.getLayer(layer)) { return; }
        map.on("click", layer, function (event) {
          new maplibregl.Popup({ maxWidth: "320px" }).setLngLat(event.lngLat)
            .setHTML(popupHtml(event.features[0], labels)).addTo(map);
        });
        map.on("mouseenter", layer, function () { map.getCanvas().style.cursor = "pointer"; });
        map.on("mouseleave", layer, function () { map.getCanvas().style.cursor = ""; });
      });
      // "loaded" once the sources have been fetched and drawn, so tests and people see a finished map.
      map.once("idle", function () { container.setAttribute("data-loaded", "true"); });
    });
    var controls = document.getElementById(container.getAttribute("data-controls") || "");
    if (controls) {
      controls.addEventListener("change", function (event) {
        if (event.target.name === "boundaries") { addBoundaries(map, event.target.value); }
        if (event.target.name === "zone-type") { filterZones(map, controls); }
        if (event.target.name === "node-type") { filterNodes(map, controls); }
        if (event.target.name === "network") {
          map.setLayoutProperty("network", "visibility", event.target.checked ? "visible" : "none");
        }
      });
    }
  }

  document.querySelectorAll("[data-corridor-map]").forEach(init);
})();
