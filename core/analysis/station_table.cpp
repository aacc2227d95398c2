#include "analysis/station_table.h"

#include "analysis/summary_statistics.h"
#include "base/error.h"

#include <cmath>
#include <cstdio>

namespace soilscope::analysis {

namespace {

series::MatchedPairs subset(const series::MatchedPairs& pairs,
                            const std::vector<std::size_t>& index) {
    series::MatchedPairs out;
    out.reserve(index.size());
    for (const std::size_t i : index) {
        out.times.push_back(pairs.times[i]);
        out.candidateTimes.push_back(pairs.candidateTimes[i]);
        out.reference.push_back(pairs.reference[i]);
        out.candidate.push_back(pairs.candidate[i]);
    }
    return out;
}

std::string pairGroup(const std::string& groupBy, TimePoint t) {
    if (groupBy == "season")
        return seasonName(seasonOf(t));
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u", monthOf(t));
    return buf;
}

std::string siteGroup(const std::string& groupBy, const StationSite& site) {
    if (groupBy == "all")
        return "all";
    if (groupBy == "network")
        return site.network;
    if (groupBy == "station")
        return site.network + "/" + site.station;
    const auto it = site.attributes.find(groupBy);
    return it == site.attributes.end() || it->second.empty() ? "unknown" : it->second;
}

} // namespace

StationProductResult validateAtStation(const series::TimeSeries& station,
                                       const series::TimeSeries& product,
                                       const series::MatchOptions& options, std::size_t minPairs) {
    StationProductResult r;
    r.pairs = series::matchTemporal(station, product, options);
    if (r.pairs.size() < std::max<std::size_t>(minPairs, 3)) {
        r.metrics.n = r.pairs.size();
        return r;
    }
    r.metrics = computeMetrics(r.pairs);
    r.rInterval = pearsonInterval(r.metrics.r, r.metrics.n);
    r.biasInterval = biasInterval(r.pairs.reference, r.pairs.candidate);
    r.ubrmsdInterval = ubrmsdInterval(r.metrics.ubrmsd, r.metrics.n);
    return r;
}

bool higherIsBetter(std::string_view metric) {
    return metric == "R" || metric == "rho" || metric == "tau" || metric == "NSE" ||
           metric == "KGE";
}

std::vector<double> metricOverStations(const StationTable& table, std::size_t product,
                                       std::string_view metric) {
    if (product >= table.products.size())
        throw Error("product index out of range");
    std::vector<double> out;
    out.reserve(table.sites.size());
    for (const auto& row : table.results)
        out.push_back(metricValue(row[product].metrics, metric));
    return out;
}

ProductComparison compareProducts(const StationTable& table, std::size_t baseline,
                                  std::size_t candidate, std::string_view metric) {
    const auto a = metricOverStations(table, baseline, metric);
    const auto b = metricOverStations(table, candidate, metric);
    ProductComparison c;
    c.metric = std::string(metric);
    c.baseline = table.products[baseline];
    c.candidate = table.products[candidate];
    const bool absolute = metric == "bias";
    const bool higher = higherIsBetter(metric);
    c.delta.assign(a.size(), kNaN);
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!std::isfinite(a[i]) || !std::isfinite(b[i]))
            continue;
        const double va = absolute ? std::abs(a[i]) : a[i];
        const double vb = absolute ? std::abs(b[i]) : b[i];
        c.delta[i] = vb - va;
        ++c.compared;
        if (higher ? vb > va : vb < va)
            ++c.improved;
    }
    c.medianDelta = median(c.delta);
    return c;
}

std::vector<GroupSummary> groupSummary(const StationTable& table, std::size_t product,
                                       const std::string& groupBy, std::size_t minPairs) {
    if (product >= table.products.size())
        throw Error("product index out of range");
    const bool byTime = groupBy == "season" || groupBy == "month";
    // group -> per-station pair subsets
    std::map<std::string, std::vector<series::MatchedPairs>> groups;
    for (std::size_t s = 0; s < table.sites.size(); ++s) {
        const auto& pairs = table.results[s][product].pairs;
        if (!byTime) {
            groups[siteGroup(groupBy, table.sites[s])].push_back(pairs);
            continue;
        }
        std::map<std::string, std::vector<std::size_t>> index;
        for (std::size_t i = 0; i < pairs.size(); ++i)
            index[pairGroup(groupBy, pairs.times[i])].push_back(i);
        for (const auto& [g, idx] : index)
            groups[g].push_back(subset(pairs, idx));
    }
    std::vector<GroupSummary> out;
    for (const auto& [name, stations] : groups) {
        GroupSummary g;
        g.group = name;
        std::vector<double> ref, cand, r, bias, ubrmsd, rmsd;
        for (const auto& p : stations) {
            ref.insert(ref.end(), p.reference.begin(), p.reference.end());
            cand.insert(cand.end(), p.candidate.begin(), p.candidate.end());
            if (p.size() < std::max<std::size_t>(minPairs, 3))
                continue;
            const Metrics m = computeMetrics(p, {.rankCorrelations = false});
            ++g.stations;
            r.push_back(m.r);
            bias.push_back(m.bias);
            ubrmsd.push_back(m.ubrmsd);
            rmsd.push_back(m.rmsd);
        }
        g.pairs = ref.size();
        if (g.pairs >= 3)
            g.pooled = computeMetrics(ref, cand, {.rankCorrelations = false});
        else
            g.pooled.n = g.pairs;
        g.medians = {{"R", median(r)},
                     {"bias", median(bias)},
                     {"ubRMSD", median(ubrmsd)},
                     {"RMSD", median(rmsd)}};
        out.push_back(std::move(g));
    }
    return out;
}

} // namespace soilscope::analysis
