#include "tasks/validation_settings.h"

#include "base/error.h"
#include "base/time_utils.h"

#include <cstdlib>
#include <filesystem>

namespace soilscope::tasks {

std::vector<ParameterSpec> validationRunParams() {
    auto regions = pathParam("regions",
                             "polygons of the region (Shapefile, GeoPackage, GeoJSON; "
                             "'file.gpkg#layer' for a layer), any CRS",
                             false);
    regions.fileFilter = "Vector (*.shp *.gpkg *.geojson *.json *.kml)";
    auto compare = pathParam("compare-with",
                             "output folder of an earlier run to compare with: per-station (or "
                             "per-cell) differences of the metrics and paired tests",
                             false);
    compare.isFolder = true;
    return {
        stringParam("start", "first time of the period (ISO date; empty: all)"),
        stringParam("end", "end of the period, exclusive (ISO date; empty: all)"),
        regions,
        stringParam("region-attribute", "attribute naming each polygon (empty: feature id)"),
        listParam("bbox", "region as west,south,east,north in degrees (instead of polygons)"),
        stringParam("window", "temporal matching window ±", "12h"),
        intParam("min-pairs", "pairs a station or cell needs for metrics", 10, 3),
        choiceParam("scaling", "scaling before the metrics",
                    {"none", "mean_std", "min_max", "linreg", "cdf", "beta_cdf"}, "none"),
        choiceParam("scale-to",
                    "what is scaled: the candidates to the reference, or the "
                    "reference to each candidate",
                    {"reference", "candidate"}, "reference"),
        choiceParam("anomalies", "validate anomalies instead of absolute values",
                    {"none", "moving", "climatology"}, "none"),
        doubleParam("anomaly-window", "moving-average anomaly window (days)", 35.0, 1.0, 3650.0),
        stringParam("baseline-start", "climatology baseline: first date (empty: all data)"),
        stringParam("baseline-end", "climatology baseline: end date, exclusive"),
        intParam("bootstrap", "bootstrap resamples for intervals (0: analytic only)", 0, 0, 100000),
        choiceParam("bootstrap-method", "bootstrap interval", {"percentile", "bca"}, "percentile"),
        intParam("seed", "bootstrap seed (each station's draw is keyed by it and the station)", 42,
                 0),
        choiceParam("intra-annual", "intra-annual metrics", {"none", "seasons", "months"}, "none"),
        listParam("windows", "custom intra-annual windows NAME=MM-DD/MM-DD"),
        intParam("window-overlap", "days added to both ends of each intra-annual window", 0, 0,
                 180),
        boolParam("stability", "per-year metrics and their Theil–Sen trend per decade"),
        compare};
}

void checkCandidates(const ParameterValues& v, const std::vector<std::string>& perCandidate) {
    const auto n = v.list("products").size();
    if (n == 0)
        throw UsageError("give at least one candidate product", "--products");
    for (const auto& name : perCandidate)
        if (!v.list(name).empty() && v.list(name).size() != n)
            throw UsageError("give one value per candidate for --" + name, "--" + name);
}

std::vector<std::string> candidateNames(const ParameterValues& v) {
    auto names = v.list("names");
    if (names.empty())
        for (const auto& p : v.list("products"))
            names.push_back(std::filesystem::path(p).stem().string());
    return names;
}

void checkValidationRun(const ParameterValues& v) {
    if (v.duration("window").count() < 0)
        throw UsageError("--window must not be negative", "--window");
    const auto box = v.list("bbox");
    if (!box.empty()) {
        if (box.size() != 4)
            throw UsageError("--bbox needs west,south,east,north", "--bbox");
        for (const auto& x : box) {
            char* end = nullptr;
            std::strtod(x.c_str(), &end);
            if (x.empty() || *end != '\0')
                throw UsageError("--bbox: '" + x + "' is not a number", "--bbox");
        }
        if (!v.text("regions").empty())
            throw UsageError("give either --regions or --bbox", "--bbox");
    }
    if (const auto earlier = v.text("compare-with");
        !earlier.empty() &&
        !std::filesystem::exists(v.path("compare-with") / "station_metrics.csv"))
        throw UsageError("the earlier run's folder holds no station_metrics.csv (" + earlier + ")",
                         "--compare-with");
    const auto o = validationOptions(v);
    if (o.start && o.end && !(*o.start < *o.end))
        throw UsageError("--start must come before --end", "--start");
}

namespace {

std::optional<TimePoint> optionalTime(const ParameterValues& v, const std::string& name) {
    const auto text = v.text(name);
    if (text.empty())
        return std::nullopt;
    return parseIsoTimeOrThrow(text, "--" + name);
}

} // namespace

analysis::NetworkValidationOptions validationOptions(const ParameterValues& v) {
    analysis::NetworkValidationOptions o;
    o.window = v.duration("window");
    o.start = optionalTime(v, "start");
    o.end = optionalTime(v, "end");
    o.anomalies = v.text("anomalies");
    o.anomalyWindowDays = v.real("anomaly-window");
    o.baselineStart = optionalTime(v, "baseline-start");
    o.baselineEnd = optionalTime(v, "baseline-end");
    o.scaling = series::parseScalingMethod(v.text("scaling"));
    o.scaleReference = v.text("scale-to") == "candidate";
    o.minPairs = static_cast<std::size_t>(v.integer("min-pairs"));
    o.bootstrapResamples = static_cast<int>(v.integer("bootstrap"));
    o.bootstrapMethod = analysis::parseBootstrapMethod(v.text("bootstrap-method"));
    o.seed = static_cast<std::uint64_t>(v.integer("seed"));
    const auto intra = v.text("intra-annual");
    if (intra == "seasons")
        o.windows = analysis::seasonWindows();
    else if (intra == "months")
        o.windows = analysis::monthWindows();
    for (const auto& w : v.list("windows"))
        o.windows.push_back(analysis::parseYearWindow(w));
    o.windowOverlapDays = static_cast<int>(v.integer("window-overlap"));
    o.stability = v.flag("stability");
    o.tripleCollocation = v.has("triple-collocation") && v.flag("triple-collocation");
    return o;
}

std::optional<geo::Regions> regionsOf(const ParameterValues& v) {
    if (!v.text("regions").empty())
        return geo::Regions::open(v.text("regions"), v.text("region-attribute"));
    const auto box = v.list("bbox");
    if (box.empty())
        return std::nullopt;
    std::vector<double> b;
    for (const auto& x : box)
        b.push_back(std::stod(x));
    return geo::Regions::box(b[0], b[1], b[2], b[3], "bbox");
}

} // namespace soilscope::tasks
