#include "training/split_scheme.h"

#include "base/error.h"
#include "base/time_utils.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <set>

namespace soilscope::training {

namespace {

using Indices = std::vector<std::size_t>;

bool hasKey(const features::GroupLabels& g, const std::string& key) {
    if (key == "sample")
        return true;
    if (key == "station")
        return !g.station.empty();
    if (key == "cell")
        return !g.cell.empty();
    if (key == "user")
        return !g.user.empty();
    if (key == "network")
        return !g.network.empty();
    if (key == "land_cover")
        return !g.landCover.empty();
    if (key == "year")
        return !g.year.empty();
    throw Error("unknown grouping '" + key + "'", "split scheme");
}

void requireKey(const features::GroupLabels& g, const std::string& key, const std::string& scheme) {
    if (!hasKey(g, key))
        throw Error("the " + scheme + " split needs '" + key + "' labels, the data has none",
                    "split scheme");
}

/// Groups of the given samples in order of first appearance.
std::vector<std::pair<std::string, Indices>>
groupsOf(const Indices& samples, const features::GroupLabels& g, const std::string& key) {
    std::vector<std::pair<std::string, Indices>> out;
    std::map<std::string, std::size_t> where;
    for (const std::size_t i : samples) {
        const std::string k = key == "sample" ? std::to_string(i) : groupKey(g, key, i);
        auto [it, fresh] = where.emplace(k, out.size());
        if (fresh)
            out.push_back({k, {}});
        out[it->second].second.push_back(i);
    }
    return out;
}

/// Moves a share of whole groups from `train` into `validation`.
void carveValidation(Split& split, const features::GroupLabels& g, const std::string& key,
                     double fraction, std::mt19937_64& rng) {
    if (fraction <= 0.0 || split.train.empty())
        return;
    auto groups = groupsOf(split.train, g, key);
    if (groups.size() < 2)
        return;
    std::shuffle(groups.begin(), groups.end(), rng);
    std::size_t take = std::size_t(std::lround(fraction * double(groups.size())));
    take = std::clamp<std::size_t>(take, 1, groups.size() - 1);
    split.train.clear();
    for (std::size_t k = 0; k < groups.size(); ++k) {
        auto& target = k < take ? split.validation : split.train;
        target.insert(target.end(), groups[k].second.begin(), groups[k].second.end());
    }
    std::sort(split.train.begin(), split.train.end());
    std::sort(split.validation.begin(), split.validation.end());
}

Split fromTest(const std::vector<bool>& isTest, std::string name, int fold, int repeat) {
    Split s;
    s.name = std::move(name);
    s.fold = fold;
    s.repeat = repeat;
    for (std::size_t i = 0; i < isTest.size(); ++i)
        (isTest[i] ? s.test : s.train).push_back(i);
    if (s.test.empty())
        throw Error("the split leaves no test samples", "split scheme");
    if (s.train.empty())
        throw Error("the split leaves no training samples", "split scheme");
    return s;
}

/// Assigns groups to k folds, largest first onto the lightest fold (balanced sample counts).
std::vector<int> balancedFolds(const std::vector<std::pair<std::string, Indices>>& groups, int k,
                               std::mt19937_64& rng) {
    std::vector<std::size_t> order(groups.size());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return groups[a].second.size() > groups[b].second.size();
    });
    std::vector<std::size_t> load(std::size_t(k), 0);
    std::vector<int> fold(groups.size(), 0);
    for (const std::size_t gi : order) {
        const auto f = std::size_t(std::min_element(load.begin(), load.end()) - load.begin());
        fold[gi] = int(f);
        load[f] += groups[gi].second.size();
    }
    return fold;
}

std::string tag(const std::string& scheme, int fold, int folds, int repeat) {
    return scheme + " fold " + std::to_string(fold + 1) + "/" + std::to_string(folds) +
           ", repeat " + std::to_string(repeat + 1);
}

} // namespace

std::string groupKey(const features::GroupLabels& g, const std::string& key, std::size_t i) {
    requireKey(g, key, "grouped");
    if (key == "sample")
        return std::to_string(i);
    if (key == "station")
        return g.station.at(i);
    if (key == "cell")
        return std::to_string(g.cell.at(i));
    if (key == "user")
        return g.user.at(i);
    if (key == "network")
        return g.network.at(i);
    if (key == "land_cover")
        return std::to_string(g.landCover.at(i));
    return std::to_string(g.year.at(i));
}

std::vector<Split> makeSplits(const features::GroupLabels& g, std::size_t n,
                              const SplitSettings& s) {
    if (n == 0)
        throw Error("no samples to split", "split scheme");
    if (s.repeats < 1)
        throw Error("repeats must be at least 1", "split scheme");
    std::vector<Split> out;
    Indices all(n);
    std::iota(all.begin(), all.end(), 0);
    std::string valKey = s.validationBy;
    const auto defaultValKey = [&](const std::string& k) {
        if (valKey == "auto")
            valKey = k;
    };
    for (int r = 0; r < s.repeats; ++r) {
        std::mt19937_64 rng(s.seed + std::uint64_t(r) * 1000003ULL);
        std::vector<Split> parts;
        if (s.scheme == "random") {
            defaultValKey("sample");
            if (!(s.testFraction > 0 && s.testFraction < 1))
                throw Error("test fraction must lie in (0, 1)", "split scheme");
            Indices order = all;
            std::shuffle(order.begin(), order.end(), rng);
            const auto nTest =
                std::max<std::size_t>(1, std::size_t(std::lround(s.testFraction * double(n))));
            std::vector<bool> isTest(n, false);
            for (std::size_t k = 0; k < nTest && k < n; ++k)
                isTest[order[k]] = true;
            parts.push_back(fromTest(isTest, "random, repeat " + std::to_string(r + 1), 0, r));
        } else if (s.scheme == "temporal") {
            defaultValKey("sample");
            std::vector<bool> isTest(n, false);
            if (!s.testYears.empty()) {
                requireKey(g, "year", s.scheme);
                for (std::size_t i = 0; i < n; ++i)
                    isTest[i] = std::find(s.testYears.begin(), s.testYears.end(), g.year[i]) !=
                                s.testYears.end();
            } else if (!s.testFrom.empty() || !s.testTo.empty()) {
                if (g.date.empty())
                    throw Error("the temporal split needs dates", "split scheme");
                const TimePoint from = s.testFrom.empty()
                                           ? TimePoint::min()
                                           : parseIsoTimeOrThrow(s.testFrom, "split test_from");
                const TimePoint to = s.testTo.empty()
                                         ? TimePoint::max()
                                         : parseIsoTimeOrThrow(s.testTo, "split test_to");
                for (std::size_t i = 0; i < n; ++i)
                    isTest[i] = g.date[i] >= from && g.date[i] <= to;
            } else {
                throw Error("the temporal split needs test years or a date range", "split scheme");
            }
            parts.push_back(fromTest(isTest, "temporal, repeat " + std::to_string(r + 1), 0, r));
        } else if (s.scheme == "spatial") {
            requireKey(g, "cell", s.scheme);
            defaultValKey("cell");
            auto cells = groupsOf(all, g, "cell");
            if (s.testCells < 1 || std::size_t(s.testCells) >= cells.size())
                throw Error("cells left out must be at least 1 and fewer than the " +
                                std::to_string(cells.size()) + " cells",
                            "split scheme");
            std::shuffle(cells.begin(), cells.end(), rng);
            const int folds = std::max(1, s.folds);
            for (int f = 0; f < folds; ++f) {
                std::vector<bool> isTest(n, false);
                for (int c = 0; c < s.testCells; ++c)
                    for (const auto i :
                         cells[(std::size_t(f) * std::size_t(s.testCells) + std::size_t(c)) %
                               cells.size()]
                             .second)
                        isTest[i] = true;
                parts.push_back(fromTest(isTest, tag("spatial", f, folds, r), f, r));
            }
        } else if (s.scheme == "leave_station_out") {
            requireKey(g, "station", s.scheme);
            defaultValKey("station");
            auto stations = groupsOf(all, g, "station");
            if (stations.size() < 2)
                throw Error("leave-one-station-out needs two stations", "split scheme");
            std::shuffle(stations.begin(), stations.end(), rng);
            std::size_t folds = stations.size();
            if (s.maxFolds > 0)
                folds = std::min(folds, std::size_t(s.maxFolds));
            for (std::size_t f = 0; f < folds; ++f) {
                std::vector<bool> isTest(n, false);
                for (const auto i : stations[f].second)
                    isTest[i] = true;
                parts.push_back(fromTest(
                    isTest, "station " + stations[f].first + ", repeat " + std::to_string(r + 1),
                    int(f), r));
            }
        } else if (s.scheme == "group_kfold" || s.scheme == "cluster_kfold") {
            if (s.folds < 2)
                throw Error("k-fold needs at least 2 folds", "split scheme");
            std::vector<std::pair<std::string, Indices>> groups;
            std::vector<int> fold;
            if (s.scheme == "group_kfold") {
                requireKey(g, s.groupBy, s.scheme);
                defaultValKey(s.groupBy);
                groups = groupsOf(all, g, s.groupBy);
                if (groups.size() < std::size_t(s.folds))
                    throw Error("fewer groups (" + std::to_string(groups.size()) + ") than folds",
                                "split scheme");
                fold = balancedFolds(groups, s.folds, rng);
            } else {
                requireKey(g, "cell", s.scheme);
                if (s.gridWidth < 1)
                    throw Error("cluster k-fold needs the grid width", "split scheme");
                defaultValKey("cell");
                groups = groupsOf(all, g, "cell");
                std::vector<std::pair<double, double>> points;
                for (const auto& grp : groups) {
                    const auto cell = g.cell[grp.second.front()];
                    points.emplace_back(double(cell / s.gridWidth), double(cell % s.gridWidth));
                }
                fold = kMeans(points, s.folds, s.seed + std::uint64_t(r));
            }
            for (int f = 0; f < s.folds; ++f) {
                std::vector<bool> isTest(n, false);
                for (std::size_t k = 0; k < groups.size(); ++k)
                    if (fold[k] == f)
                        for (const auto i : groups[k].second)
                            isTest[i] = true;
                parts.push_back(fromTest(isTest, tag(s.scheme, f, s.folds, r), f, r));
            }
        } else if (s.scheme == "none") {
            defaultValKey("sample");
            Split all1;
            all1.name = "all samples, repeat " + std::to_string(r + 1);
            all1.repeat = r;
            all1.train = all;
            parts.push_back(all1);
        } else {
            throw Error("unknown split scheme '" + s.scheme + "'", "split scheme");
        }
        requireKey(g, valKey, "validation");
        for (auto& p : parts) {
            carveValidation(p, g, valKey, s.validationFraction, rng);
            out.push_back(std::move(p));
        }
    }
    return out;
}

Split subsampleTraining(const Split& split, const features::GroupLabels& g, std::size_t size,
                        const std::string& groupBy, unsigned long long seed) {
    auto groups = groupsOf(split.train, g, groupBy);
    if (size == 0 || size > groups.size())
        throw Error("cannot keep " + std::to_string(size) + " of " + std::to_string(groups.size()) +
                        " training " + (groupBy == "sample" ? "samples" : groupBy + " groups"),
                    "learning curve");
    std::mt19937_64 rng(seed);
    std::shuffle(groups.begin(), groups.end(), rng);
    Split out = split;
    out.train.clear();
    for (std::size_t k = 0; k < size; ++k)
        out.train.insert(out.train.end(), groups[k].second.begin(), groups[k].second.end());
    std::sort(out.train.begin(), out.train.end());
    out.name += ", " + std::to_string(size) + " training " +
                (groupBy == "sample" ? "samples" : groupBy + "s");
    return out;
}

std::vector<int> kMeans(const std::vector<std::pair<double, double>>& points, int k,
                        unsigned long long seed) {
    const std::size_t n = points.size();
    if (k < 1 || std::size_t(k) > n)
        throw Error("k-means needs 1 ≤ k ≤ points (" + std::to_string(n) + ")", "clustering");
    std::mt19937_64 rng(seed);
    auto dist2 = [&](std::size_t i, const std::pair<double, double>& c) {
        const double dx = points[i].first - c.first, dy = points[i].second - c.second;
        return dx * dx + dy * dy;
    };
    std::vector<std::pair<double, double>> centres;
    centres.push_back(points[std::uniform_int_distribution<std::size_t>(0, n - 1)(rng)]);
    std::vector<double> d(n);
    while (centres.size() < std::size_t(k)) {
        for (std::size_t i = 0; i < n; ++i) {
            d[i] = std::numeric_limits<double>::infinity();
            for (const auto& c : centres)
                d[i] = std::min(d[i], dist2(i, c));
        }
        const double total = std::accumulate(d.begin(), d.end(), 0.0);
        std::size_t pick = 0;
        if (total > 0)
            pick = std::discrete_distribution<std::size_t>(d.begin(), d.end())(rng);
        else
            pick = std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
        centres.push_back(points[pick]);
    }
    std::vector<int> label(n, 0);
    for (int iter = 0; iter < 100; ++iter) {
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            int best = 0;
            for (int c = 1; c < k; ++c)
                if (dist2(i, centres[std::size_t(c)]) < dist2(i, centres[std::size_t(best)]))
                    best = c;
            changed = changed || best != label[i];
            label[i] = best;
        }
        std::vector<double> sx(std::size_t(k), 0), sy(std::size_t(k), 0), cnt(std::size_t(k), 0);
        for (std::size_t i = 0; i < n; ++i) {
            sx[std::size_t(label[i])] += points[i].first;
            sy[std::size_t(label[i])] += points[i].second;
            cnt[std::size_t(label[i])] += 1;
        }
        for (std::size_t c = 0; c < std::size_t(k); ++c)
            if (cnt[c] > 0)
                centres[c] = {sx[c] / cnt[c], sy[c] / cnt[c]};
        if (!changed && iter > 0)
            break;
    }
    // An empty cluster would give an empty fold: hand it the point farthest from its centre.
    for (int c = 0; c < k; ++c) {
        if (std::count(label.begin(), label.end(), c) > 0)
            continue;
        std::size_t far = 0;
        double farD = -1;
        for (std::size_t i = 0; i < n; ++i) {
            const auto members = std::count(label.begin(), label.end(), label[i]);
            const double dd = dist2(i, centres[std::size_t(label[i])]);
            if (members > 1 && dd > farD) {
                farD = dd;
                far = i;
            }
        }
        label[far] = c;
    }
    return label;
}

nlohmann::json SplitSettings::toJson() const {
    return {{"scheme", scheme},
            {"test_fraction", testFraction},
            {"validation_fraction", validationFraction},
            {"validation_by", validationBy},
            {"test_years", testYears},
            {"test_from", testFrom},
            {"test_to", testTo},
            {"test_cells", testCells},
            {"folds", folds},
            {"group_by", groupBy},
            {"grid_width", gridWidth},
            {"max_folds", maxFolds},
            {"repeats", repeats},
            {"seed", seed}};
}

SplitSettings SplitSettings::fromJson(const nlohmann::json& j) {
    SplitSettings s;
    if (!j.is_object())
        throw Error("split settings must be a JSON object", "split scheme");
    try {
        s.scheme = j.value("scheme", s.scheme);
        s.testFraction = j.value("test_fraction", s.testFraction);
        s.validationFraction = j.value("validation_fraction", s.validationFraction);
        s.validationBy = j.value("validation_by", s.validationBy);
        s.testYears = j.value("test_years", s.testYears);
        s.testFrom = j.value("test_from", s.testFrom);
        s.testTo = j.value("test_to", s.testTo);
        s.testCells = j.value("test_cells", s.testCells);
        s.folds = j.value("folds", s.folds);
        s.groupBy = j.value("group_by", s.groupBy);
        s.gridWidth = j.value("grid_width", s.gridWidth);
        s.maxFolds = j.value("max_folds", s.maxFolds);
        s.repeats = j.value("repeats", s.repeats);
        s.seed = j.value("seed", s.seed);
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("bad split settings: ") + e.what(), "split scheme");
    }
    return s;
}

} // namespace soilscope::training
