#pragma once
#include <filesystem>
#include <string>

namespace soilscope::geo {

/// Writes a QGIS layer style (.qml) beside a raster: a single-band pseudocolour renderer with
/// the soil-moisture ramp SoilScope uses (dry brown → yellow → green → blue → dark blue)
/// between min and max, nodata transparent. Written atomically.
void writeSoilMoistureStyle(const std::filesystem::path& qmlPath, double minimum, double maximum,
                            const std::string& label = "soil moisture (m3 m-3)");

/// The sidecar path QGIS picks up automatically: OUT.tif → OUT.qml.
std::filesystem::path styleSidecarPath(const std::filesystem::path& raster);

} // namespace soilscope::geo
