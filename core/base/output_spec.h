#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soilscope {

/// What an output is, so that every front-end knows where to show it.
enum class OutputKind {
    Raster,         ///< a GeoTIFF (one or more bands): a map layer
    RasterSeries,   ///< a raster with a time axis (bands = dates): a map layer with a time slider
    Table,          ///< a CSV table
    SeriesPairs,    ///< a CSV of time, reference, candidate: a scatter plot
    Spectrum,       ///< power spectra (CSV of direction, k_cycles_per_m, power, or the result JSON)
    IntradayMeans,  ///< a GeoTIFF of per-pixel intraday means (hour of max, ΔSM, ...)
    IntradayTable,  ///< JSON with r(ΔSM) against the number of days per condition
    LearningCurves, ///< JSON {scenario: {method: [{size, values}]}} or {"scenarios": [{name,
                    ///< values}]}: box plots
    StationMetrics, ///< a CSV with network, station, product and metric columns: a table and
                    ///< markers
    Run,            ///< a run of the project's run store
    Bundle,         ///< a model bundle folder
    Report,         ///< a Markdown report
    JsonDocument,   ///< any other JSON document
    LocationNetcdf, ///< a CF-netCDF of values at stations or grid cells (QA4SM's layout)
    VectorLayer     ///< a vector file (GeoPackage) of features with attributes
};

/// "raster", "raster_series", ... as written in result JSON and `help --json`.
const char* outputKindName(OutputKind kind);
/// The kind of a name written by outputKindName; nullopt when unknown.
std::optional<OutputKind> outputKindFromName(std::string_view name);
/// Every kind, in declaration order.
std::vector<OutputKind> outputKinds();

/// One declared output of a task or workload.
struct OutputSpec {
    std::string name;
    OutputKind kind = OutputKind::JsonDocument;
    std::string description;
    std::string parameter; ///< the output-path parameter that asks for it; empty = always written
};

/// One output a run produced: the declared output it is, and where it lies (a file or folder)
/// or, for small results, the data itself; with neither, the output is the result JSON itself.
/// One declared output may have several values
/// (a map per date, a means raster per product), told apart by their label.
struct OutputValue {
    std::string name;
    OutputKind kind = OutputKind::JsonDocument;
    std::string path;
    std::string label;
    std::string description;
    nlohmann::json data; ///< null unless the output is carried inline

    nlohmann::json toJson() const;
    /// Throws soilscope::Error when `json` is not an output written by toJson().
    static OutputValue fromJson(const nlohmann::json& json);
};

/// The declared output called `name`, or nullptr.
const OutputSpec* findOutput(const std::vector<OutputSpec>& specs, const std::string& name);
/// A value of the declared output `name`; throws soilscope::Error when `specs` does not declare it
/// (an output that is produced but not declared is a programming error that tests must catch).
OutputValue declaredOutput(const std::vector<OutputSpec>& specs, const std::string& name,
                           std::string path, std::string label = {});

} // namespace soilscope
