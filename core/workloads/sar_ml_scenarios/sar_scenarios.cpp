#include "workloads/sar_ml_scenarios/sar_scenarios.h"

#include "workloads/workload_run.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

namespace soilscope::workloads {

namespace {

/// Moves a share of the training part into validation (at least one sample, two stay).
void carveValidation(training::Split& s, double fraction, std::mt19937_64& rng) {
    std::shuffle(s.train.begin(), s.train.end(), rng);
    std::size_t nv =
        std::max<std::size_t>(1, std::size_t(std::lround(fraction * double(s.train.size()))));
    nv = std::min(nv, s.train.size() > 2 ? s.train.size() - 2 : 0);
    s.validation.assign(s.train.end() - std::ptrdiff_t(nv), s.train.end());
    s.train.resize(s.train.size() - nv);
}

std::size_t stationCount(const features::Dataset& d, const std::vector<std::size_t>& idx) {
    std::set<std::string> s;
    for (std::size_t i : idx)
        s.insert(d.groups.station[i]);
    return s.size();
}

} // namespace

bool addSarSubScenario(const features::Dataset& d, SarSubScenario& s, const nlohmann::json& o,
                       int rep, std::mt19937_64& rng, std::vector<std::string>& notes) {
    const std::size_t minTrain = o["min_train_samples"];
    if (s.split.train.size() < minTrain || s.split.test.empty()) {
        if (rep == 0)
            notes.push_back(
                s.scenario + " " + fmt(s.size, 6) + ": skipped (" +
                std::to_string(s.split.train.size()) + " training samples, " +
                (s.split.test.empty() ? "no test sample" : "fewer than min_train_samples") + ")");
        return false;
    }
    s.trainStations = stationCount(d, s.split.train);
    carveValidation(s.split, o["validation_fraction"].get<double>(), rng);
    s.split.repeat = rep;
    s.split.name = s.scenario + " " + fmt(s.size, 6) + " repeat " + std::to_string(rep + 1);
    return true;
}

std::vector<SarSubScenario> makeSarScenarios(const features::Dataset& d, const nlohmann::json& o,
                                             int repeats, bool quick,
                                             std::vector<std::string>& notes) {
    const std::size_t n = d.sampleCount();
    const auto& g = d.groups;
    std::vector<SarSubScenario> out;
    const auto seed = o["seed"].get<unsigned long long>();
    const bool matched = o["match_sizes"].get<bool>();
    auto keep = [&](SarSubScenario s, std::mt19937_64& rng, int rep) {
        if (addSarSubScenario(d, s, o, rep, rng, notes))
            out.push_back(std::move(s));
    };
    std::vector<std::string> stations;
    for (const auto& s : g.station)
        stations.push_back(s);
    std::sort(stations.begin(), stations.end());
    stations.erase(std::unique(stations.begin(), stations.end()), stations.end());
    std::map<std::string, std::vector<std::size_t>> byStation;
    for (std::size_t i = 0; i < n; ++i)
        byStation[g.station[i]].push_back(i);

    auto sizes = [&](const char* key) {
        std::vector<double> v = o[key].get<std::vector<double>>();
        if (quick && v.size() > 1)
            v = {v.back()};
        return v;
    };
    // training period of the temporal scenario: the last calendar year when the data span
    // more than one, else the last quarter of the dates
    const TimePoint first = *std::min_element(g.date.begin(), g.date.end());
    const TimePoint last = *std::max_element(g.date.begin(), g.date.end());
    const int lastYear = *std::max_element(g.year.begin(), g.year.end());
    const int firstYear = *std::min_element(g.year.begin(), g.year.end());
    const TimePoint trainFrom =
        lastYear > firstYear ? makeTime(lastYear, 1, 1) : first + (last - first) * 3 / 4;
    std::map<std::string, std::vector<std::size_t>> inPeriod;
    std::vector<std::size_t> outside;
    for (std::size_t i = 0; i < n; ++i)
        (g.date[i] >= trainFrom ? inPeriod[g.station[i]] : outside).push_back(i);

    // n random samples of the fewest random stations that hold n; test = every other station
    auto spatialMatched = [&](std::size_t count, std::mt19937_64& rng) {
        SarSubScenario s{"spatial", double(count), 0, {}};
        std::vector<std::string> order = stations;
        std::shuffle(order.begin(), order.end(), rng);
        std::set<std::string> train;
        std::vector<std::size_t> pool;
        for (const auto& st : order) {
            if (pool.size() >= count || train.size() + 1 >= stations.size())
                break;
            train.insert(st);
            pool.insert(pool.end(), byStation[st].begin(), byStation[st].end());
        }
        std::shuffle(pool.begin(), pool.end(), rng);
        pool.resize(std::min(pool.size(), count));
        s.split.train = pool;
        for (std::size_t i = 0; i < n; ++i)
            if (!train.count(g.station[i]))
                s.split.test.push_back(i);
        return s;
    };

    for (int rep = 0; rep < repeats; ++rep) {
        std::mt19937_64 rng(seed + 1000ULL * rep);
        std::vector<SarSubScenario> temporal;
        for (double k : sizes("temporal_samples_per_cell")) {
            SarSubScenario s{"temporal", k, 0, {}};
            std::set<std::string> used;
            for (auto& [st, idx] : inPeriod) {
                if (idx.size() <= std::size_t(k))
                    continue;
                std::vector<std::size_t> pick = idx;
                std::shuffle(pick.begin(), pick.end(), rng);
                s.split.train.insert(s.split.train.end(), pick.begin(),
                                     pick.begin() + std::ptrdiff_t(k));
                used.insert(st);
            }
            for (std::size_t i : outside)
                if (used.count(g.station[i]))
                    s.split.test.push_back(i);
            if (matched) {
                if (rep == 0)
                    notes.push_back("matched size " + std::to_string(s.split.train.size()) +
                                    " = temporal " + fmt(k) + " per station × " +
                                    std::to_string(used.size()) + " stations");
                s.size = double(s.split.train.size());
            }
            temporal.push_back(std::move(s));
        }
        std::vector<std::size_t> counts;
        if (matched) {
            for (const auto& s : temporal)
                counts.push_back(s.split.train.size());
        } else {
            for (double f : sizes("dependent_fractions"))
                counts.push_back(std::size_t(std::lround(f * double(n))));
        }
        std::vector<double> depSizes =
            matched ? std::vector<double>{} : sizes("dependent_fractions");
        for (std::size_t q = 0; q < counts.size(); ++q) {
            const std::size_t nt = std::min(counts[q], n);
            SarSubScenario s{"dependent", matched ? double(nt) : depSizes[q], 0, {}};
            std::vector<std::size_t> idx(n);
            for (std::size_t i = 0; i < n; ++i)
                idx[i] = i;
            std::shuffle(idx.begin(), idx.end(), rng);
            s.split.train.assign(idx.begin(), idx.begin() + std::ptrdiff_t(nt));
            s.split.test.assign(idx.begin() + std::ptrdiff_t(nt), idx.end());
            keep(std::move(s), rng, rep);
        }
        for (auto& s : temporal)
            keep(std::move(s), rng, rep);
        if (matched) {
            for (std::size_t c : counts)
                keep(spatialMatched(c, rng), rng, rep);
        } else {
            for (double c : sizes("spatial_cells")) {
                const std::size_t cells =
                    std::min<std::size_t>(std::size_t(c), stations.size() - 1);
                SarSubScenario s{"spatial", double(cells), 0, {}};
                std::vector<std::string> order = stations;
                std::shuffle(order.begin(), order.end(), rng);
                const std::set<std::string> train(order.begin(),
                                                  order.begin() + std::ptrdiff_t(cells));
                for (std::size_t i = 0; i < n; ++i)
                    (train.count(g.station[i]) ? s.split.train : s.split.test).push_back(i);
                keep(std::move(s), rng, rep);
            }
        }
    }
    return out;
}

} // namespace soilscope::workloads
