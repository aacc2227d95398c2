#include "workloads/sar_ml_scenarios/regional_campaign.h"

#include "geo/raster_series.h"
#include "workloads/workload_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

namespace soilscope::workloads {

namespace {

int yearOf(TimePoint t) {
    return static_cast<int>(
        std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)}.year());
}

/// The network with the most stations.
std::string largestNetwork(const features::GroupLabels& g) {
    std::map<std::string, std::set<std::string>> stations;
    for (std::size_t i = 0; i < g.network.size(); ++i)
        if (!g.station[i].empty())
            stations[g.network[i]].insert(g.station[i]);
    std::string best;
    for (const auto& [network, members] : stations)
        if (best.empty() || members.size() > stations[best].size())
            best = network;
    return best;
}

/// Appends one sample (features `row`, target y) with its labels to `data`.
void appendSample(features::Dataset& data, const std::vector<float>& row, float y,
                  std::int64_t cell, TimePoint date, const std::string& network) {
    data.x.insert(data.x.end(), row.begin(), row.end());
    data.y.push_back(y);
    if (!data.targetMask.empty())
        data.targetMask.push_back(1);
    auto& g = data.groups;
    const auto push = [](auto& v, auto value) {
        if (!v.empty())
            v.push_back(value);
    };
    push(g.station, std::string());
    push(g.cell, cell);
    push(g.date, date);
    push(g.year, yearOf(date));
    push(g.network, network);
    push(g.landCover, -1);
    push(g.user, std::string());
}

} // namespace

std::optional<RegionalCampaign> appendRegionalCampaign(features::Dataset& data,
                                                       const project::ProjectFile& p,
                                                       const project::ProjectData& pd,
                                                       const nlohmann::json& o,
                                                       std::vector<std::string>& notes) {
    const auto skip = [&](const std::string& why) {
        notes.push_back("regional scenario skipped: " + why);
        return std::nullopt;
    };
    const auto& g = data.groups;
    if (!p.data.count("truth"))
        return skip("it needs a campaign reference map (a 'truth' data role on the sample grid)");
    if (g.network.size() != data.sampleCount() || g.cell.size() != data.sampleCount() ||
        g.date.size() != data.sampleCount())
        return skip("the samples carry no network, cell or date labels");
    RegionalCampaign c;
    const std::string wanted = o["regional_network"].get<std::string>();
    c.network = wanted == "auto" ? largestNetwork(g) : wanted;
    const int width = pd.grid.width(), height = pd.grid.height();
    int rowMin = height, rowMax = -1, colMin = width, colMax = -1;
    for (std::size_t i = 0; i < data.sampleCount(); ++i)
        if (g.network[i] == c.network && !g.station[i].empty() && g.cell[i] >= 0) {
            const int row = static_cast<int>(g.cell[i] / width),
                      col = static_cast<int>(g.cell[i] % width);
            rowMin = std::min(rowMin, row);
            rowMax = std::max(rowMax, row);
            colMin = std::min(colMin, col);
            colMax = std::max(colMax, col);
        }
    if (rowMax < 0)
        return skip("no station of network '" + c.network + "' on the sample grid");
    const int margin = o["regional_margin_pixels"].get<int>();
    rowMin = std::max(rowMin - margin, 0);
    colMin = std::max(colMin - margin, 0);
    rowMax = std::min(rowMax + margin, height - 1);
    colMax = std::min(colMax + margin, width - 1);

    const std::string start = o["regional_campaign_start"].get<std::string>();
    c.from = start == "auto" ? makeTime(yearOf(pd.dates.back()), 6, 1)
                             : parseIsoTimeOrThrow(start, "regional_campaign_start");
    c.to = c.from + std::chrono::days(o["regional_campaign_days"].get<int>());
    for (std::size_t i = 0; i < data.sampleCount(); ++i)
        if (g.network[i] == c.network && !g.station[i].empty() &&
            (g.date[i] < c.from || g.date[i] >= c.to))
            c.train.push_back(i);

    const auto& layer = p.layer("truth");
    const auto reference = geo::RasterSeries::open(layer.path.string(), layer.variable);
    if (!reference.grid().sameAs(pd.grid))
        return skip("the reference map '" + layer.path.string() + "' is not on the sample grid");
    const geo::Window full{0, 0, width, height};
    const std::size_t features = data.featureSize();
    struct Candidate {
        std::vector<float> row;
        float y;
        std::int64_t cell;
        TimePoint date;
    };
    std::vector<Candidate> candidates;
    for (TimePoint date : pd.dates) {
        if (date < c.from || date >= c.to)
            continue;
        const auto k = reference.indexOf(date, std::chrono::hours(12));
        if (!k)
            continue;
        const auto planes = pd.engine->evaluate(full, date);
        if (planes.size() != features)
            return skip("the predictors are not tabular planes");
        const auto mask = project::frameMask(p, pd, planes, full, date);
        const auto truth = reference.readTime(*k);
        ++c.dates;
        for (int row = rowMin; row <= rowMax; ++row)
            for (int col = colMin; col <= colMax; ++col) {
                const std::size_t i = static_cast<std::size_t>(row) * width + col;
                bool ok = (mask.empty() || mask[i]) && std::isfinite(truth[i]);
                std::vector<float> values(features);
                for (std::size_t f = 0; f < features && ok; ++f) {
                    values[f] = planes[f][i];
                    ok = std::isfinite(values[f]);
                }
                if (ok)
                    candidates.push_back(
                        {std::move(values), truth[i], static_cast<std::int64_t>(i), date});
            }
    }
    if (candidates.empty())
        return skip("no valid reference pixel around network '" + c.network + "' between " +
                    formatIsoDate(c.from) + " and " + formatIsoDate(c.to));
    const std::size_t limit = o["regional_max_test_samples"].get<std::size_t>();
    const double stride = std::max(1.0, static_cast<double>(candidates.size()) / limit);
    for (double q = 0; q < static_cast<double>(candidates.size()); q += stride) {
        const auto& cand = candidates[static_cast<std::size_t>(q)];
        c.test.push_back(data.sampleCount());
        appendSample(data, cand.row, cand.y, cand.cell, cand.date, "campaign");
    }
    notes.push_back("regional scenario: train on the " + std::to_string(c.train.size()) +
                    " samples of network " + c.network + " outside the campaign " +
                    formatIsoDate(c.from) + " to " + formatIsoDate(c.to) + "; test on " +
                    std::to_string(c.test.size()) + " reference-map samples (" +
                    std::to_string(c.dates) + " dates, rows " + std::to_string(rowMin) + "-" +
                    std::to_string(rowMax) + ", columns " + std::to_string(colMin) + "-" +
                    std::to_string(colMax) + " of the sample grid)");
    return c;
}

} // namespace soilscope::workloads
