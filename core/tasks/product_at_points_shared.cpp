#include "tasks/product_at_points_shared.h"

#include "base/base64.h"
#include "base/process_group.h"
#include "base/unit_runner.h"
#include "products/point_source.h"

#include <algorithm>
#include <cstring>

namespace soilscope::tasks {

namespace {

using analysis_inputs::SeriesAtPoints;
using analysis_inputs::StepShare;
using nlohmann::json;

enum class Split { TimeSteps, Stations, None };

Split splitOf(products::ProductKind kind) {
    switch (kind) {
    case products::ProductKind::None:
        return Split::TimeSteps;
    case products::ProductKind::PointSeriesFile:
    case products::ProductKind::CellFolder:
    case products::ProductKind::SwathFile:
    case products::ProductKind::SwathFolder:
        return Split::Stations;
    default:
        return Split::None;
    }
}

/// The bytes of a vector of numbers, in base64: a series travels to the root as a few strings
/// (its ranks run on one kind of machine), not as thousands of JSON numbers.
template <class T> std::string packed(const std::vector<T>& values) {
    return base64Encode(
        std::string_view(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T)));
}

template <class T> std::vector<T> unpacked(const json& text) {
    const std::string bytes = base64Decode(text.get<std::string>(), "a series from a process");
    std::vector<T> values(bytes.size() / sizeof(T));
    if (!values.empty())
        std::memcpy(values.data(), bytes.data(), values.size() * sizeof(T));
    return values;
}

json seriesToJson(const series::TimeSeries& s) {
    std::vector<std::int64_t> seconds;
    seconds.reserve(s.size());
    for (const auto& t : s.times)
        seconds.push_back(t.time_since_epoch().count());
    return {{"units", s.units},
            {"times", packed(seconds)},
            {"values", packed(s.values)},
            {"flags", packed(s.flags)}};
}

/// Appends the observations of a part to `s` (parts come in time order).
void appendSeries(series::TimeSeries& s, const json& part) {
    s.units = part.at("units").get<std::string>();
    for (const std::int64_t t : unpacked<std::int64_t>(part.at("times")))
        s.times.emplace_back(std::chrono::seconds(t));
    const auto values = unpacked<double>(part.at("values"));
    s.values.insert(s.values.end(), values.begin(), values.end());
    const auto flags = unpacked<std::uint32_t>(part.at("flags"));
    s.flags.insert(s.flags.end(), flags.begin(), flags.end());
}

} // namespace

std::vector<SeriesAtPoints> productsAtPointsShared(const std::vector<ProductAtPoints>& products,
                                                   double maxDistanceKm,
                                                   const std::vector<geo::LonLat>& points,
                                                   Feedback& feedback, double from, double to) {
    const auto processes = std::size_t(std::max(1, processGroup().size()));
    std::vector<SeriesAtPoints> out(products.size());
    FeedbackSlice slice(feedback, from, to);
    if (processes == 1) { // each product read in place, nothing to gather
        for (std::size_t p = 0; p < products.size(); ++p) {
            slice.setRange(100.0 * double(p) / double(products.size()),
                           100.0 * double(p + 1) / double(products.size()));
            out[p] = analysis_inputs::readProductAtPoints(products[p].path, products[p].variable,
                                                          products[p].mask, maxDistanceKm, points,
                                                          slice, 0, 100);
        }
        return out;
    }
    // Products are shared first (each opened by one process: opening a netCDF file of many
    // time steps can cost as much as reading it); with fewer products than processes, each
    // is cut further: a raster series into ranges of time steps, a product read station by
    // station into ranges of stations.
    const std::size_t perProduct =
        (processes + products.size() - 1) / std::max<std::size_t>(products.size(), 1);
    struct Unit {
        std::size_t product, part, parts;
        Split split;
    };
    std::vector<Unit> units;
    for (std::size_t p = 0; p < products.size(); ++p) {
        const Split split = splitOf(products::recogniseProduct(products[p].path));
        const std::size_t parts = split == Split::TimeSteps ? perProduct
                                  : split == Split::Stations
                                      ? std::clamp<std::size_t>(points.size(), 1, perProduct)
                                      : 1;
        for (std::size_t k = 0; k < parts; ++k)
            units.push_back({p, k, parts, split});
    }
    const auto read = runUnits(
        units.size(),
        [&](std::size_t u, Feedback& unitFeedback) {
            const Unit& unit = units[u];
            const ProductAtPoints& product = products[unit.product];
            std::vector<geo::LonLat> mine = points;
            StepShare steps;
            std::size_t first = 0;
            if (unit.split == Split::Stations) {
                first = unit.part * points.size() / unit.parts;
                mine.assign(points.begin() + std::ptrdiff_t(first),
                            points.begin() +
                                std::ptrdiff_t((unit.part + 1) * points.size() / unit.parts));
            } else if (unit.split == Split::TimeSteps) {
                steps = {unit.part, unit.parts};
            }
            const SeriesAtPoints part = analysis_inputs::readProductAtPoints(
                product.path, product.variable, product.mask, maxDistanceKm, mine, unitFeedback, 0,
                100, steps);
            json series = json::array();
            for (const auto& s : part.series)
                series.push_back(seriesToJson(s));
            return json{{"first", first},
                        {"series", series},
                        {"cells", part.cells},
                        {"recognised", part.recognised},
                        {"why_empty", part.whyEmpty}};
        },
        slice);
    if (!processGroup().isRoot())
        return out;
    for (auto& o : out) {
        o.series.resize(points.size());
        o.cells.resize(points.size());
    }
    // units come in product order, the parts of each in time or station order
    for (std::size_t u = 0; u < units.size(); ++u) {
        const json& part = read[u];
        SeriesAtPoints& o = out[units[u].product];
        const auto first = part.at("first").get<std::size_t>();
        o.recognised = part.at("recognised").get<bool>();
        const auto cells = part.at("cells").get<std::vector<std::string>>();
        const auto why = part.at("why_empty").get<std::vector<std::string>>();
        if (o.recognised)
            o.whyEmpty.resize(points.size());
        for (std::size_t i = 0; i < part.at("series").size(); ++i) {
            appendSeries(o.series[first + i], part["series"][i]);
            o.cells[first + i] = cells[i];
            if (o.recognised)
                o.whyEmpty[first + i] = why[i];
        }
    }
    return out;
}

} // namespace soilscope::tasks
