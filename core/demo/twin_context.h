#pragma once
#include "base/feedback.h"
#include "demo/cf_netcdf_writer.h"
#include "demo/coarse_simulation.h"
#include "demo/manifest.h"
#include "demo/twin_config.h"
#include "demo/twin_sites.h"
#include "demo/weather.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::demo {

/// Everything the product writers share while a twin is generated.
struct TwinContext {
    TwinConfig config;
    std::filesystem::path dir; ///< output folder (being filled)
    std::unique_ptr<Landscape> landscape;
    std::unique_ptr<Weather> weather;
    std::vector<CellSite> cells;
    std::vector<StationSite> stations;
    CoarseRun run;
    Manifest manifest;
    Feedback* feedback = nullptr; ///< progress and cancellation of the generation

    /// Throws CanceledError when the user canceled.
    void checkCanceled() const {
        if (feedback)
            feedback->throwIfCanceled();
    }

    /// UTC time of output hour k.
    TimePoint timeOf(int k) const { return config.start + std::chrono::hours(k); }
    /// Weather hour index (fractional) of a UTC time.
    double weatherHour(TimePoint t) const {
        return static_cast<double>((t - weather->origin()).count()) / 3600.0;
    }
    /// Output hour index nearest to a UTC time, clamped to the run.
    int nearestHour(TimePoint t) const;
    /// Truth 0–5 cm soil moisture at any point and output hour: the 0.25° relative saturation
    /// interpolated bilinearly, modulated by the point's topographic wetness and texture, and
    /// mapped onto the point's [residual, porosity]. NaN on water.
    double pointTheta(double lon, double lat, const SoilSite& site, int k) const;
    /// Bilinear weights of a point on the 0.25° cell centres (edges clamped).
    struct PointWeights {
        int cell[4] = {0, 0, 0, 0};
        double weight[4] = {0, 0, 0, 0};
    };
    PointWeights pointWeights(double lon, double lat) const;
    /// Relative saturation of every 0.25° cell at output hour k.
    std::vector<double> cellSaturation(int k) const;
    /// pointTheta from precomputed weights and cell saturation (the same result, faster).
    static double thetaAt(const SoilSite& site, const PointWeights& w,
                          const std::vector<double>& saturation);
    /// Relative path → absolute path inside the output folder (creating parent folders).
    std::filesystem::path output(const std::string& relative) const;
    /// Global attributes shared by every NetCDF file of the twin.
    std::map<std::string, std::string> globalAttributes(const std::string& title) const;
};

/// Writes static layers (one band per variable, 256-pixel blocks) to a GeoTIFF at a relative
/// path and lists it in the manifest.
void writeStaticGeoTiff(TwinContext& ctx, const std::string& path, const std::string& role,
                        const std::string& description, const std::string& gridName,
                        const geo::Grid& grid, const std::vector<std::vector<float>>& bands,
                        const std::vector<ManifestVariable>& variables);

/// A relative NetCDF writer entry helper: writes the manifest entry of a series file.
ManifestFile seriesEntry(const std::string& path, const std::string& role,
                         const std::string& description, const std::string& grid,
                         const std::vector<NcVariable>& variables,
                         const std::vector<TimePoint>& times, const std::string& step,
                         bool truth = false);

} // namespace soilscope::demo
