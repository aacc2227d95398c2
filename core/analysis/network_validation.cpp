#include "analysis/network_validation.h"

#include "base/error.h"
#include "series/climatology.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace soilscope::analysis {

namespace {

using namespace std::chrono;

/// Day of a 366-day year (29 February = 60) so that windows ignore leap years.
int dayIn366(int month, int day) {
    static const int start[12] = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};
    return start[month - 1] + day;
}

int dayIn366(TimePoint t) {
    const year_month_day ymd{floor<days>(t)};
    return dayIn366(static_cast<int>(static_cast<unsigned>(ymd.month())),
                    static_cast<int>(static_cast<unsigned>(ymd.day())));
}

int yearOf(TimePoint t) {
    return static_cast<int>(year_month_day{floor<days>(t)}.year());
}

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    std::uint64_t z = a + 0x9E3779B97F4A7C15ull * (b + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::size_t validCount(const series::TimeSeries& s) {
    return static_cast<std::size_t>(
        std::count_if(s.values.begin(), s.values.end(), [](double v) { return std::isfinite(v); }));
}

/// Pairs with the reference on the reference side, driven by the sparser series.
series::MatchedPairs matchPairs(const series::TimeSeries& reference,
                                const series::TimeSeries& candidate, seconds window) {
    series::MatchOptions match;
    match.window = window;
    if (validCount(candidate) >= validCount(reference))
        return series::matchTemporal(reference, candidate, match);
    auto swapped = series::matchTemporal(candidate, reference, match);
    series::MatchedPairs pairs;
    pairs.times = std::move(swapped.times);
    pairs.candidateTimes = std::move(swapped.candidateTimes);
    pairs.reference = std::move(swapped.candidate);
    pairs.candidate = std::move(swapped.reference);
    return pairs;
}

series::MatchedPairs subset(const series::MatchedPairs& pairs,
                            const std::function<bool(TimePoint)>& keep) {
    series::MatchedPairs out;
    for (std::size_t i = 0; i < pairs.size(); ++i)
        if (keep(pairs.times[i])) {
            out.times.push_back(pairs.times[i]);
            out.candidateTimes.push_back(pairs.candidateTimes[i]);
            out.reference.push_back(pairs.reference[i]);
            out.candidate.push_back(pairs.candidate[i]);
        }
    return out;
}

Metrics metricsOrCount(const series::MatchedPairs& pairs, std::size_t minPairs) {
    if (pairs.size() < std::max<std::size_t>(minPairs, 3)) {
        Metrics m;
        m.n = pairs.size();
        return m;
    }
    return computeMetrics(pairs, MetricOptions{true});
}

void scalePairs(series::MatchedPairs& pairs, const NetworkValidationOptions& o) {
    if (o.scaling == series::ScalingMethod::None)
        return;
    if (o.scaleReference) {
        const auto s = series::Scaler::fit(o.scaling, pairs.reference, pairs.candidate);
        pairs.reference = s.apply(pairs.reference);
    } else {
        const auto s = series::Scaler::fit(o.scaling, pairs.candidate, pairs.reference);
        pairs.candidate = s.apply(pairs.candidate);
    }
}

/// TC (three data sets) or EC (more) of the columns, reference first.
Collocation collocationOf(const std::vector<std::vector<double>>& columns) {
    if (columns.size() == 3) {
        const auto t = tripleCollocation(columns[0], columns[1], columns[2], 0);
        return {t.n,
                {t.snrDb.begin(), t.snrDb.end()},
                {t.errorStd.begin(), t.errorStd.end()},
                {t.beta.begin(), t.beta.end()}};
    }
    return extendedCollocation(columns, 0);
}

CollocationResult collocateAll(const series::TimeSeries& reference,
                               const std::vector<const series::TimeSeries*>& candidates,
                               const NetworkValidationOptions& o, std::uint64_t seed) {
    CollocationResult out;
    // Driven by the sparsest data set.
    std::vector<const series::TimeSeries*> all{&reference};
    all.insert(all.end(), candidates.begin(), candidates.end());
    const std::size_t m = all.size();
    std::size_t driver = 0;
    for (std::size_t i = 1; i < m; ++i)
        if (validCount(*all[i]) < validCount(*all[driver]))
            driver = i;
    std::vector<const series::TimeSeries*> others;
    for (std::size_t i = 0; i < m; ++i)
        if (i != driver)
            others.push_back(all[i]);
    series::MatchOptions match;
    match.window = o.window;
    const auto c = series::collocate(*all[driver], others, match);
    if (c.size() < std::max<std::size_t>(o.minPairs, 10)) {
        out.note = "only " + std::to_string(c.size()) + " collocated samples within the window";
        return out;
    }
    std::vector<std::vector<double>> cols(m);
    cols[driver] = c.reference;
    for (std::size_t i = 0, k = 0; i < m; ++i)
        if (i != driver)
            cols[i] = c.others[k++];
    try {
        out.metrics = collocationOf(cols);
    } catch (const Error& e) {
        out.note = e.what();
        return out;
    }
    out.errorStd.assign(m, Interval{});
    out.snrDb.assign(m, Interval{});
    if (o.bootstrapResamples <= 0)
        return out;
    std::mt19937_64 rng(seed);
    const std::size_t n = c.size();
    std::uniform_int_distribution<std::size_t> pick(0, n - 1);
    std::vector<std::vector<double>> errs(m), snrs(m);
    std::vector<std::vector<double>> r(m, std::vector<double>(n));
    for (int it = 0; it < o.bootstrapResamples; ++it) {
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t k = pick(rng);
            for (std::size_t d = 0; d < m; ++d)
                r[d][i] = cols[d][k];
        }
        try {
            const auto t = collocationOf(r);
            for (std::size_t d = 0; d < m; ++d) {
                errs[d].push_back(t.errorStd[d]);
                snrs[d].push_back(t.snrDb[d]);
            }
        } catch (const Error&) {
            // a degenerate resample (e.g. a non-positive covariance) gives no estimate
        }
    }
    const double alpha = 0.05;
    for (std::size_t d = 0; d < m; ++d) {
        out.errorStd[d] = {percentile(errs[d], 50 * alpha), percentile(errs[d], 100 - 50 * alpha)};
        out.snrDb[d] = {percentile(snrs[d], 50 * alpha), percentile(snrs[d], 100 - 50 * alpha)};
    }
    return out;
}

} // namespace

bool YearWindow::contains(TimePoint t, int overlapDays) const {
    const int d = dayIn366(t);
    int from = dayIn366(fromMonth, fromDay) - overlapDays;
    int to = dayIn366(toMonth, toDay) + overlapDays;
    if (to - from + 1 >= 366)
        return true;
    const auto wrap = [](int x) { return ((x - 1) % 366 + 366) % 366 + 1; };
    from = wrap(from);
    to = wrap(to);
    return from <= to ? (d >= from && d <= to) : (d >= from || d <= to);
}

std::vector<YearWindow> seasonWindows() {
    return {
        {"DJF", 12, 1, 2, 29}, {"MAM", 3, 1, 5, 31}, {"JJA", 6, 1, 8, 31}, {"SON", 9, 1, 11, 30}};
}

std::vector<YearWindow> monthWindows() {
    static const char* names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const int last[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    std::vector<YearWindow> out;
    for (int m = 1; m <= 12; ++m)
        out.push_back({names[m - 1], m, 1, m, last[m - 1]});
    return out;
}

YearWindow parseYearWindow(const std::string& text) {
    YearWindow w;
    const auto eq = text.find('=');
    int m1 = 0, d1 = 0, m2 = 0, d2 = 0;
    char tail = 0;
    const bool ok =
        eq != std::string::npos && eq > 0 &&
        std::sscanf(text.c_str() + eq + 1, "%d-%d/%d-%d%c", &m1, &d1, &m2, &d2, &tail) == 4;
    const auto validDay = [](int m, int d) {
        static const int last[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return m >= 1 && m <= 12 && d >= 1 && d <= last[m - 1];
    };
    if (!ok || !validDay(m1, d1) || !validDay(m2, d2))
        throw UsageError("a window reads NAME=MM-DD/MM-DD, e.g. growing=04-15/09-30 (got '" + text +
                         "')");
    w.name = text.substr(0, eq);
    w.fromMonth = m1;
    w.fromDay = d1;
    w.toMonth = m2;
    w.toDay = d2;
    return w;
}

const std::vector<std::string>& stabilityMetrics() {
    static const std::vector<std::string> names{"R", "bias", "ubRMSD"};
    return names;
}

series::TimeSeries prepareSeries(const series::TimeSeries& input,
                                 const NetworkValidationOptions& o) {
    series::TimeSeries s = input;
    if (o.start || o.end)
        s = s.slice(o.start.value_or(TimePoint::min()), o.end.value_or(TimePoint::max()));
    if (o.anomalies == "moving") {
        s = series::movingAverageAnomalies(s, o.anomalyWindowDays);
    } else if (o.anomalies == "climatology") {
        series::TimeSeries base = input;
        if (o.baselineStart || o.baselineEnd)
            base = base.slice(o.baselineStart.value_or(TimePoint::min()),
                              o.baselineEnd.value_or(TimePoint::max()));
        s = series::climatologyAnomalies(s, series::computeClimatology(base));
    } else if (o.anomalies != "none") {
        throw Error("unknown anomaly method '" + o.anomalies + "' (none, moving, climatology)");
    }
    return s;
}

StationValidation validateStation(const series::TimeSeries& reference,
                                  const std::vector<const series::TimeSeries*>& candidates,
                                  const NetworkValidationOptions& o, std::uint64_t unitSeed) {
    StationValidation out;
    const std::size_t minPairs = std::max<std::size_t>(o.minPairs, 3);
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        CandidateResult r;
        r.windows.resize(o.windows.size());
        const auto& cand = *candidates[c];
        if (validCount(reference) == 0)
            r.note = "the reference has no valid value in the period";
        else if (validCount(cand) == 0)
            r.note = "the candidate has no valid value here in the period";
        if (!r.note.empty()) {
            out.candidates.push_back(std::move(r));
            continue;
        }
        auto pairs = matchPairs(reference, cand, o.window);
        if (pairs.size() < minPairs) {
            r.note = pairs.empty()
                         ? "no observations within ±" + std::to_string(o.window.count() / 3600) +
                               " h of each other"
                         : "only " + std::to_string(pairs.size()) + " pairs (fewer than " +
                               std::to_string(minPairs) + ")";
            r.bulk.metrics.n = pairs.size();
            out.candidates.push_back(std::move(r));
            continue;
        }
        try {
            scalePairs(pairs, o);
        } catch (const Error& e) {
            r.note = std::string("scaling failed: ") + e.what();
            out.candidates.push_back(std::move(r));
            continue;
        }
        r.bulk.metrics = computeMetrics(pairs);
        r.bulk.rInterval = pearsonInterval(r.bulk.metrics.r, r.bulk.metrics.n);
        r.bulk.biasInterval = biasInterval(pairs.reference, pairs.candidate);
        r.bulk.ubrmsdInterval = ubrmsdInterval(r.bulk.metrics.ubrmsd, r.bulk.metrics.n);
        if (o.bootstrapResamples > 0) {
            BootstrapOptions bo;
            bo.resamples = o.bootstrapResamples;
            bo.method = o.bootstrapMethod;
            bo.seed = mix(o.seed, unitSeed * 64 + c);
            bo.rankCorrelations = false;
            r.bootstrap = bootstrapIntervals(pairs.reference, pairs.candidate, bo);
        }
        for (std::size_t w = 0; w < o.windows.size(); ++w)
            r.windows[w] = metricsOrCount(
                subset(pairs,
                       [&](TimePoint t) { return o.windows[w].contains(t, o.windowOverlapDays); }),
                minPairs);
        if (o.stability) {
            std::map<int, bool> years;
            for (const auto t : pairs.times)
                years[yearOf(t)] = true;
            for (const auto& [year, unused] : years)
                r.years[year] = metricsOrCount(
                    subset(pairs, [year = year](TimePoint t) { return yearOf(t) == year; }),
                    minPairs);
            for (const auto& name : stabilityMetrics()) {
                std::vector<double> x, y;
                for (const auto& [year, m] : r.years) {
                    x.push_back(year / 10.0); // decades
                    y.push_back(metricValue(m, name));
                }
                r.trends[name] = theilSenTrend(x, y);
            }
        }
        r.bulk.pairs = std::move(pairs);
        out.candidates.push_back(std::move(r));
    }
    if (o.tripleCollocation && candidates.size() >= 2 && validCount(reference) > 0)
        out.collocation = collocateAll(reference, candidates, o, mix(o.seed, unitSeed * 64 + 63));
    return out;
}

} // namespace soilscope::analysis
