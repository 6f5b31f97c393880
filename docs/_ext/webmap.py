"""An interactive map of a dataset for the HTML docs: Leaflet and map tiles, loaded only on request.

:func:`web_map_html` writes an HTML fragment holding the dataset's places, movements and changes of
control (the Features of :func:`conflictkit.geo.to_geojson` that have a geometry, with the
properties a popup shows) as JSON, a button, and a script. Nothing is fetched when the docs are
built, nor when the page is opened: only when the reader presses the button does the browser load
Leaflet (from unpkg.com, checked against the SHA-256 hashes below) and OpenStreetMap's tiles. The
styles follow the SVG map's (:mod:`mapsvg`): filled, hollow and dashed dots for exact, near and
standing-for-an-area points; arrows dashed where the record marks an end as inferred.
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from conflictkit import Dataset
from conflictkit.geo import to_geojson

LEAFLET = "1.9.4"
"""The Leaflet version loaded."""

LEAFLET_JS = (
    f"https://unpkg.com/leaflet@{LEAFLET}/dist/leaflet.js",
    "sha256-20nQCchB9co0qIjJZRGuk2/Z9VM+kNiyxNV1lvTlZBo=",
)
"""Leaflet's script and its Subresource Integrity hash (of ``dist/leaflet.js`` in the npm package)."""

LEAFLET_CSS = (
    f"https://unpkg.com/leaflet@{LEAFLET}/dist/leaflet.css",
    "sha256-p4NxAoJBhIIN+hmNHrzRCf9tD/miZyoHS5obTRR9BMY=",
)
"""Leaflet's style sheet and its Subresource Integrity hash."""

TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
"""OpenStreetMap's standard tiles."""

SHOWN = {"location", "movement", "control"}
"""The record types the map shows, as the SVG map does."""

KEPT = (
    "type",
    "name",
    "kind",
    "size_text",
    "origin_name",
    "destination_name",
    "change",
    "territory_name",
    "coordinates_precision",
    "inferred",
)
"""The properties a popup shows; the rest of each record is in the dataset."""


def map_features(dataset: Dataset) -> dict[str, Any]:
    """The FeatureCollection the interactive map draws: located places, movements and changes of control."""
    features = [
        {
            "type": "Feature",
            "id": feature["id"],
            "geometry": feature["geometry"],
            "properties": {key: feature["properties"][key] for key in KEPT if key in feature["properties"]},
        }
        for feature in to_geojson(dataset)["features"]
        if feature["geometry"] is not None and feature["properties"]["type"] in SHOWN
    ]
    return {"type": "FeatureCollection", "features": features}


_SCRIPT = """
(function () {
  var name = __NAME__;
  var button = document.getElementById(name + "-load");
  var box = document.getElementById(name);
  var dots = {
    exact: {radius: 5, fillOpacity: 1, weight: 1},
    near: {radius: 7, fillOpacity: 0, weight: 2},
    region: {radius: 10, fillOpacity: 0, weight: 1.5, dashArray: "3,2"}
  };
  function inferredEnds(properties) {
    return (properties.inferred || []).filter(function (inference) {
      var field = inference.field;
      return field === "origin" || field === "destination" || field === "territory";
    });
  }
  function popup(feature) {
    var p = feature.properties, node = document.createElement("div"), lines = [];
    if (p.type === "movement") {
      var ends = [p.origin_name, p.destination_name].filter(Boolean);
      lines.push((p.size_text || p.kind) + ": " + ends.join(" to "));
    } else if (p.type === "control") {
      lines.push(p.change + ": " + p.territory_name);
    } else {
      lines.push(p.name + " (" + p.coordinates_precision + ")");
    }
    lines.push(feature.id);
    (p.inferred || []).forEach(function (inference) {
      if (p.type !== "location" || inference.field === "coordinates") {
        lines.push("inferred " + inference.field + ": " + inference.reason);
      }
    });
    lines.forEach(function (text, index) {
      var line = document.createElement(index === 0 ? "strong" : "div");
      line.textContent = text;
      node.appendChild(line);
    });
    return node;
  }
  function draw() {
    box.style.display = "block";
    button.hidden = true;
    var map = L.map(box);
    L.tileLayer(__TILES__, {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    }).addTo(map);
    var data = JSON.parse(document.getElementById(name + "-data").textContent);
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, at) {
        var p = feature.properties;
        if (p.type === "location") {
          var dot = dots[p.coordinates_precision] || dots.region;
          return L.circleMarker(at, Object.assign({color: "#333333"}, dot));
        }
        var hollow = inferredEnds(p).length > 0;
        return L.circleMarker(at, {radius: 6, color: "#b2291f", fillOpacity: hollow ? 0 : 0.8, weight: 2});
      },
      style: function (feature) {
        var dashed = inferredEnds(feature.properties).length > 0;
        return {color: "#1f6fb2", weight: 3, dashArray: dashed ? "7,4" : null};
      },
      onEachFeature: function (feature, drawn) { drawn.bindPopup(popup(feature)); }
    }).addTo(map);
    map.fitBounds(__FRAME__ || layer.getBounds(), {padding: [30, 30]});
  }
  button.addEventListener("click", function () {
    button.disabled = true;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = __CSS__[0];
    css.integrity = __CSS__[1];
    css.crossOrigin = "anonymous";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = __JS__[0];
    script.integrity = __JS__[1];
    script.crossOrigin = "anonymous";
    script.onload = draw;
    script.onerror = function () { button.textContent = "Leaflet could not be loaded"; };
    document.head.appendChild(script);
  });
})();
"""


def _json_in_script(value: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


def web_map_html(dataset: Dataset, name: str, frame: tuple[float, float, float, float] | None = None) -> str:
    """The HTML fragment of the interactive map of ``dataset``; ``name`` is its element id.

    The map opens on ``frame`` (west, south, east, north, in degrees), or on everything it shows.
    """
    bounds = None if frame is None else [[frame[1], frame[0]], [frame[3], frame[2]]]
    script = (
        _SCRIPT.replace("__NAME__", json.dumps(name))
        .replace("__FRAME__", json.dumps(bounds))
        .replace("__TILES__", json.dumps(TILES))
        .replace("__CSS__", json.dumps(list(LEAFLET_CSS)))
        .replace("__JS__", json.dumps(list(LEAFLET_JS)))
    )
    return (
        f'<div class="conflictkit-web-map"><p><button type="button" id={quoteattr(name + "-load")}>'
        "Show the interactive map</button> Pressing it makes your browser load Leaflet "
        f"{escape(LEAFLET)} from unpkg.com and map tiles from OpenStreetMap; until then this page "
        "fetches nothing from elsewhere.</p>"
        f'<div id={quoteattr(name)} style="height: 520px; display: none"></div>'
        f'<script type="application/json" id={quoteattr(name + "-data")}>'
        f"{_json_in_script(map_features(dataset))}</script>"
        f"<script>{script}</script></div>\n"
    )
