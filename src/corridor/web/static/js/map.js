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
  var DOUBTFUL_COLOUR = "#b3261e";
  var LABEL_MIN_ZOOM = 7;
  var CLICK_TOLERANCE_PX = 6;

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

  // Points the maintainers' check found off the land: drawn as hollow red rings, never as facts.
  function notDoubtful(doubtful) { return ["!", ["in", ["get", "id"], ["literal", doubtful]]]; }

  function addDoubtful(map, source, doubtful) {
    map.addLayer({ id: source + "-doubtful", type: "circle", source: source,
      filter: ["in", ["get", "id"], ["literal", doubtful]], paint: {
        "circle-radius": 7, "circle-color": "#ffffff", "circle-opacity": 0.6,
        "circle-stroke-color": DOUBTFUL_COLOUR, "circle-stroke-width": 2
      } });
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

  function featureKey(feature) { return feature.properties.kind + ":" + feature.properties.id; }

  // Every point under the click (several may overlap), each once, in drawing order.
  function pointsAt(map, point, layers) {
    var box = [[point.x - CLICK_TOLERANCE_PX, point.y - CLICK_TOLERANCE_PX],
      [point.x + CLICK_TOLERANCE_PX, point.y + CLICK_TOLERANCE_PX]];
    var seen = {};
    return map.queryRenderedFeatures(box, { layers: layers }).filter(function (feature) {
      var key = featureKey(feature);
      if (seen[key]) { return false; }
      seen[key] = true;
      return true;
    });
  }

  // Popups are built as DOM nodes with textContent: a name from the data is never parsed as HTML.
  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== null && text !== undefined) { node.textContent = String(text); }
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function nameNode(p, id) {
    return p.kind === "zones" ? element("a", p.name, { href: "/zones/" + encodeURIComponent(id) }) : element("span", p.name);
  }

  function listContent(features, labels) {
    var root = document.createDocumentFragment();
    root.appendChild(element("strong", labels.several.replace("{n}", features.length)));
    var list = root.appendChild(element("ul", null, { "class": "popup-list" }));
    features.forEach(function (feature) {
      var p = feature.properties;
      var item = list.appendChild(element("li"));
      item.appendChild(nameNode(p, p.id));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(element("small", "(" + p.type + ")"));
      if (labels.doubtfulIds.indexOf(p.id) >= 0) { item.appendChild(document.createTextNode(" — " + labels.doubtful)); }
    });
    return root;
  }

  function popupContent(feature, labels) {
    var p = feature.properties;
    // Codes (status, type, precision) are shown through the labels of the page's language.
    var codes = labels.codes || {};
    function shown(field, code) { return (codes[field] || {})[code] || code; }
    var rows = [[labels.type, shown("type", p.type)], [labels.status, shown("status", p.status)],
      [labels.province, p.province]];
    if (p.kind === "zones") {
      rows.push([labels.area, p.area_ha === null || p.area_ha === undefined ? labels.unknown : p.area_ha + " ha"]);
    }
    rows.push([labels.precision, labels.doubtfulIds.indexOf(p.id) >= 0 ? labels.doubtful : shown("precision", p.precision)]);
    var root = document.createDocumentFragment();
    root.appendChild(element("strong", p.name));
    var table = root.appendChild(element("table"));
    rows.forEach(function (r) {
      var row = table.appendChild(element("tr"));
      row.appendChild(element("th", r[0]));
      row.appendChild(element("td", r[1] || labels.unknown));
    });
    if (p.kind === "zones") {
      root.appendChild(element("a", labels.open, { href: "/zones/" + encodeURIComponent(feature.id || p.id) }));
    }
    return root;
  }

  function checkedTypes(root, name) {
    return Array.prototype.slice.call(root.querySelectorAll("input[name=" + name + "]:checked"))
      .map(function (input) { return input.value; });
  }

  // The layer shows the checked types; its doubtful points stay in their own layer.
  function filterByType(map, layer, types, doubtful) {
    var byType = ["in", ["get", "type"], ["literal", types]];
    map.setFilter(layer, ["all", byType, notDoubtful(doubtful)]);
    if (map.getLayer(layer + "-doubtful")) {
      map.setFilter(layer + "-doubtful", ["all", byType, ["in", ["get", "id"], ["literal", doubtful]]]);
    }
  }

  // Place names as HTML markers: no glyph server is needed, and text uses the page's own font.
  function addPlaceLabels(map, url) {
    fetch(url).then(function (response) { return response.json(); }).then(function (collection) {
      collection.features.forEach(function (feature) {
        if (!feature.geometry) { return; }
        var element = document.createElement("div");
        element.className = "map-label map-label-city";
        element.textContent = feature.properties.name;
        element.setAttribute("aria-hidden", "true");
        new maplibregl.Marker({ element: element, anchor: "left", offset: [5, 0] })
          .setLngLat(feature.geometry.coordinates).addTo(map);
      });
    });
    var container = map.getContainer();
    function toggle() { container.classList.toggle("labels-hidden", map.getZoom() < LABEL_MIN_ZOOM); }
    map.on("zoom", toggle);
    toggle();
  }

  // The page's own zone: a ring and its name, so the mini-map says which point this page is about.
  function markZone(map, marker) {
    var ring = document.createElement("div");
    ring.className = "zone-marker";
    ring.setAttribute("role", "img");
    ring.setAttribute("aria-label", marker.name);
    new maplibregl.Marker({ element: ring }).setLngLat([marker.lon, marker.lat]).addTo(map);
    var label = document.createElement("div");
    label.className = "map-label";
    label.textContent = marker.name;
    label.setAttribute("aria-hidden", "true");
    new maplibregl.Marker({ element: label, anchor: "left", offset: [14, 0] }).setLngLat([marker.lon, marker.lat]).addTo(map);
  }

  function showPopup(map, event, layers, labels) {
    var features = pointsAt(map, event.point, layers);
    if (!features.length) { return; }
    var content = features.length === 1 ? popupContent(features[0], labels) : listContent(features, labels);
    new maplibregl.Popup({ maxWidth: "320px" }).setLngLat(event.lngLat).setDOMContent(content).addTo(map);
  }

  function paintSwatches(root) {
    root.querySelectorAll("[data-node-swatch]").forEach(function (swatch) {
      swatch.style.background = NODE_COLOURS[swatch.getAttribute("data-node-swatch")] || "#333333";
    });
  }

  // On a narrow screen the map comes first and the controls start folded.
  function foldNarrowPanels() {
    document.querySelectorAll("details[data-close-below]").forEach(function (details) {
      if (window.innerWidth < Number(details.getAttribute("data-close-below"))) { details.open = false; }
    });
  }

  function init(container) {
    container.style.height = container.getAttribute("data-height") || "60vh";  // CSSOM, allowed by the CSP
    var labels = JSON.parse(container.getAttribute("data-labels"));
    var doubtful = [];
    labels.doubtfulIds = doubtful;
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
      fetchDoubtful(container.getAttribute("data-doubtful")).then(function (ids) {
        Array.prototype.push.apply(doubtful, ids);
        addLayers(map, container, labels, doubtful);
      });
    });
    var controls = document.getElementById(container.getAttribute("data-controls") || "");
    if (controls) { followControls(map, controls, doubtful); }
  }

  // The ids the maintainers' check places off the land; none when the list cannot be had.
  function fetchDoubtful(url) {
    if (!url) { return Promise.resolve([]); }
    return fetch(url).then(function (response) { return response.ok ? response.json() : { ids: [] }; })
      .then(function (body) { return body.ids; }, function () { return []; });
  }

  function addLayers(map, container, labels, doubtful) {
    addBoundaries(map, container.getAttribute("data-boundaries") || "2025");
    addZones(map, container.getAttribute("data-zones"));
    if (container.getAttribute("data-nodes")) { addNodes(map, container.getAttribute("data-nodes")); }
    if (container.getAttribute("data-network")) { addNetwork(map, container.getAttribute("data-network")); }
    var layers = [];
    ["zones", "nodes"].forEach(function (layer) {
      if (!map.getLayer(layer)) { return; }
      addDoubtful(map, layer, doubtful);
      map.setFilter(layer, notDoubtful(doubtful));
      layers.push(layer, layer + "-doubtful");
      map.on("mouseenter", layer, function () { map.getCanvas().style.cursor = "pointer"; });
      map.on("mouseleave", layer, function () { map.getCanvas().style.cursor = ""; });
    });
    map.on("click", function (event) { showPopup(map, event, layers, labels); });
    if (container.getAttribute("data-places")) { addPlaceLabels(map, container.getAttribute("data-places")); }
    if (container.getAttribute("data-marker")) { markZone(map, JSON.parse(container.getAttribute("data-marker"))); }
    // "loaded" once the sources have been fetched and drawn, so tests and people see a finished map.
    map.once("idle", function () { container.setAttribute("data-loaded", "true"); });
    container.dispatchEvent(new Event("corridor:layers"));
  }

  function followControls(map, controls, doubtful) {
    controls.addEventListener("change", function (event) {
      if (event.target.name === "boundaries") { addBoundaries(map, event.target.value); }
      if (event.target.name === "zone-type") { filterByType(map, "zones", checkedTypes(controls, "zone-type"), doubtful); }
      if (event.target.name === "node-type") { filterByType(map, "nodes", checkedTypes(controls, "node-type"), doubtful); }
      if (event.target.name === "network") {
        map.setLayoutProperty("network", "visibility", event.target.checked ? "visible" : "none");
      }
    });
  }

  // The map page starts with berths and towns off: apply the controls' initial state once the layers exist.
  function applyInitialFilters(container) {
    container.addEventListener("corridor:layers", function () {
      var box = document.querySelector("#" + container.getAttribute("data-controls") + " input[name=node-type]");
      if (box) { box.dispatchEvent(new Event("change", { bubbles: true })); }
    });
  }

  foldNarrowPanels();
  paintSwatches(document);
  document.querySelectorAll("[data-corridor-map][data-controls]").forEach(applyInitialFilters);
  document.querySelectorAll("[data-corridor-map]").forEach(init);
})();
