#include "base/output_spec.h"

#include "base/error.h"

#include <array>
#include <utility>

namespace soilscope {

namespace {
constexpr std::array<std::pair<OutputKind, const char*>, 15> kNames{{
    {OutputKind::Raster, "raster"},
    {OutputKind::RasterSeries, "raster_series"},
    {OutputKind::Table, "table"},
    {OutputKind::SeriesPairs, "series_pairs"},
    {OutputKind::Spectrum, "spectrum"},
    {OutputKind::IntradayMeans, "intraday_means"},
    {OutputKind::IntradayTable, "intraday_table"},
    {OutputKind::LearningCurves, "learning_curves"},
    {OutputKind::StationMetrics, "station_metrics"},
    {OutputKind::Run, "run"},
    {OutputKind::Bundle, "bundle"},
    {OutputKind::Report, "report"},
    {OutputKind::JsonDocument, "json"},
    {OutputKind::LocationNetcdf, "location_netcdf"},
    {OutputKind::VectorLayer, "vector"},
}};
} // namespace

const char* outputKindName(OutputKind kind) {
    for (const auto& [k, name] : kNames)
        if (k == kind)
            return name;
    return "json";
}

std::optional<OutputKind> outputKindFromName(std::string_view name) {
    for (const auto& [k, n] : kNames)
        if (name == n)
            return k;
    return std::nullopt;
}

std::vector<OutputKind> outputKinds() {
    std::vector<OutputKind> out;
    for (const auto& [k, name] : kNames)
        out.push_back(k);
    return out;
}

nlohmann::json OutputValue::toJson() const {
    nlohmann::json j{{"name", name}, {"kind", outputKindName(kind)}, {"description", description}};
    if (!path.empty())
        j["path"] = path;
    if (!label.empty())
        j["label"] = label;
    if (!data.is_null())
        j["data"] = data;
    return j;
}

OutputValue OutputValue::fromJson(const nlohmann::json& json) {
    if (!json.is_object() || !json.contains("name") || !json.contains("kind") ||
        !json["kind"].is_string())
        throw Error("an output needs a name and a kind");
    const auto kind = outputKindFromName(json["kind"].get<std::string>());
    if (!kind)
        throw Error("unknown output kind '" + json["kind"].get<std::string>() + "'");
    OutputValue v;
    v.name = json.value("name", "");
    v.kind = *kind;
    v.path = json.value("path", "");
    v.label = json.value("label", "");
    v.description = json.value("description", "");
    if (json.contains("data"))
        v.data = json["data"];
    return v;
}

const OutputSpec* findOutput(const std::vector<OutputSpec>& specs, const std::string& name) {
    for (const auto& s : specs)
        if (s.name == name)
            return &s;
    return nullptr;
}

OutputValue declaredOutput(const std::vector<OutputSpec>& specs, const std::string& name,
                           std::string path, std::string label) {
    const OutputSpec* spec = findOutput(specs, name);
    if (!spec)
        throw Error("internal: the output '" + name + "' is produced but not declared");
    return {spec->name, spec->kind, std::move(path), std::move(label), spec->description, nullptr};
}

} // namespace soilscope
