#!/usr/bin/env python3
"""Writes wwwroot/world-land.svg, the land outlines under the dashboard's map, from world-atlas's land-110m.json.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 world_land.py package/land-110m.json ../wwwroot/world-land.svg

Natural Earth 1:110m land (public domain), as TopoJSON by world-atlas 2.0.2 (ISC licence, Copyright 2013-2019 Michael
Bostock), drawn in the equirectangular projection: x = longitude + 180, y = 90 - latitude (viewBox 0 0 360 180).
"""
import json
import sys


def main(src, dst):
    topo = json.load(open(src, encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # quantized, delta-encoded positions
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes):
        pts = []
        for i in indexes:
            a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            pts.extend(a if not pts else a[1:])
        return pts

    parts = []
    for geometry in topo["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for r in polygon:
                pts = ring(r)
                if len(pts) < 3:
                    continue
                # A ring that crosses the antimeridian is made continuous (longitudes past ±180) and drawn a second
                # time a world away, so that each side shows its half (the viewBox clips the rest).
                unwrapped = [pts[0]]
                for lon, lat in pts[1:]:
                    prev = unwrapped[-1][0]
                    while lon - prev > 180:
                        lon -= 360
                    while prev - lon > 180:
                        lon += 360
                    unwrapped.append((lon, lat))
                shifts = [0]
                if min(p[0] for p in unwrapped) < -180:
                    shifts.append(360)
                if max(p[0] for p in unwrapped) > 180:
                    shifts.append(-360)
                for shift in shifts:
                    coords = [f"{lon + shift + 180:.1f},{90 - lat:.1f}" for lon, lat in unwrapped]
                    dedup = [c for k, c in enumerate(coords) if k == 0 or c != coords[k - 1]]
                    parts.append("M" + "L".join(dedup) + "Z")
    with open(dst, "w", encoding="utf-8") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180">\n')
        f.write("<!-- Natural Earth 1:110m land (public domain) via world-atlas 2.0.2 (ISC, Copyright 2013-2019 Michael Bostock); "
                "equirectangular: x = lon + 180, y = 90 - lat. Made by src/Tally.Web/tools/world_land.py. -->\n")
        f.write('<path id="land" d="' + "".join(parts) + '"/>\n</svg>\n')


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
