#pragma once
#include <QString>

namespace soilscope::widgets {

class MapCanvas;

/// Writes the map as a QGIS project: a .qgz (a zip holding NAME.qgs) or a plain .qgs, with every
/// layer in the map's order — rasters (the band shown, their colour ramp and stretch, opacity,
/// visibility) and station layers as points in a GeoPackage written beside the project
/// (NAME_stations.gpkg, one table per layer, the markers' metrics as attributes) — and the map
/// CRS and visible extent. Throws soilscope::Error naming the file.
void writeQgisProject(const QString& path, const MapCanvas& map);

/// The QGIS desktop executable ("qgis" on PATH), or "" when QGIS is not installed.
QString qgisExecutable();

} // namespace soilscope::widgets
