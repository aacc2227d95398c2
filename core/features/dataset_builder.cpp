#include "features/dataset_builder.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace soilscope::features {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

void checkFrame(const GridFrame& f, std::size_t p, std::size_t n) {
    if (f.planes.size() != p)
        throw Error("dataset builder: frame has the wrong number of predictors");
    for (const auto& pl : f.planes)
        if (pl.size() != n)
            throw Error("dataset builder: predictor plane has the wrong size");
    if (f.target.size() != n)
        throw Error("dataset builder: target plane has the wrong size");
    if (!f.mask.empty() && f.mask.size() != n)
        throw Error("dataset builder: mask has the wrong size");
    if (!f.landCover.empty() && f.landCover.size() != n)
        throw Error("dataset builder: land cover has the wrong size");
}

int code(const std::vector<float>& lc, std::size_t i) {
    return lc.empty() || !std::isfinite(lc[i]) ? -1 : int(std::lround(lc[i]));
}
} // namespace

int yearOf(TimePoint t) {
    return int(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)}.year());
}

Dataset buildTabular(const std::vector<GridFrame>& frames, const std::vector<std::string>& names,
                     const FramePlacement& pl) {
    const std::size_t p = names.size();
    const std::size_t n = std::size_t(pl.window.width) * std::size_t(pl.window.height);
    Dataset d;
    d.featureShape = {std::int64_t(p)};
    d.targetShape = {1};
    d.featureNames = names;
    for (const GridFrame& f : frames) {
        checkFrame(f, p, n);
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(f.target[i]) || (!f.mask.empty() && !f.mask[i]))
                continue;
            bool ok = true;
            for (std::size_t k = 0; k < p && ok; ++k)
                ok = std::isfinite(f.planes[k][i]);
            if (!ok)
                continue;
            for (std::size_t k = 0; k < p; ++k)
                d.x.push_back(f.planes[k][i]);
            d.y.push_back(f.target[i]);
            d.targetMask.push_back(1);
            const std::int64_t row = pl.window.y0 + std::int64_t(i) / pl.window.width;
            const std::int64_t col = pl.window.x0 + std::int64_t(i) % pl.window.width;
            d.groups.cell.push_back(row * pl.gridWidth + col);
            d.groups.date.push_back(f.date);
            d.groups.year.push_back(yearOf(f.date));
            d.groups.landCover.push_back(code(f.landCover, i));
        }
    }
    return d;
}

Dataset buildImages(const std::vector<GridFrame>& frames, const std::vector<std::string>& names,
                    const FramePlacement& pl, int patch) {
    const std::size_t p = names.size();
    const int W = pl.window.width, H = pl.window.height;
    const std::size_t n = std::size_t(W) * std::size_t(H);
    const int th = patch > 0 ? patch : H, tw = patch > 0 ? patch : W;
    Dataset d;
    d.featureShape = {std::int64_t(p), th, tw};
    d.targetShape = {th, tw};
    d.featureNames = names;
    for (const GridFrame& f : frames) {
        checkFrame(f, p, n);
        for (int y0 = 0; y0 < H; y0 += th)
            for (int x0 = 0; x0 < W; x0 += tw) {
                std::vector<float> x(p * std::size_t(th) * std::size_t(tw), kNaN);
                std::vector<float> y(std::size_t(th) * std::size_t(tw), kNaN);
                std::vector<std::uint8_t> m(y.size(), 0);
                std::size_t valid = 0;
                for (int r = 0; r < th; ++r)
                    for (int c = 0; c < tw; ++c) {
                        const int gr = y0 + r, gc = x0 + c;
                        if (gr >= H || gc >= W)
                            continue;
                        const std::size_t src = std::size_t(gr) * std::size_t(W) + std::size_t(gc);
                        const std::size_t dst = std::size_t(r) * std::size_t(tw) + std::size_t(c);
                        bool ok = std::isfinite(f.target[src]) && (f.mask.empty() || f.mask[src]);
                        for (std::size_t k = 0; k < p; ++k) {
                            const float v = f.planes[k][src];
                            x[k * y.size() + dst] = v;
                            ok = ok && std::isfinite(v);
                        }
                        y[dst] = f.target[src];
                        m[dst] = ok ? 1 : 0;
                        valid += ok ? 1 : 0;
                    }
                if (valid == 0)
                    continue;
                d.x.insert(d.x.end(), x.begin(), x.end());
                d.y.insert(d.y.end(), y.begin(), y.end());
                d.targetMask.insert(d.targetMask.end(), m.begin(), m.end());
                d.groups.cell.push_back(std::int64_t(pl.window.y0 + y0) * pl.gridWidth +
                                        pl.window.x0 + x0);
                d.groups.date.push_back(f.date);
                d.groups.year.push_back(yearOf(f.date));
            }
    }
    return d;
}

Dataset buildLocationTabular(const std::vector<LocationSeries>& locations,
                             const std::vector<std::string>& names) {
    const std::size_t p = names.size();
    Dataset d;
    d.featureShape = {std::int64_t(p)};
    d.targetShape = {1};
    d.featureNames = names;
    for (const LocationSeries& l : locations) {
        if (l.features.size() != l.dates.size() || l.target.size() != l.dates.size())
            throw Error("location series '" + l.station + "' has inconsistent lengths");
        for (std::size_t t = 0; t < l.dates.size(); ++t) {
            if (l.features[t].size() != p)
                throw Error("location series '" + l.station +
                            "' has the wrong number of predictors");
            if (!std::isfinite(l.target[t]))
                continue;
            bool ok = true;
            for (const float v : l.features[t])
                ok = ok && std::isfinite(v);
            if (!ok)
                continue;
            d.x.insert(d.x.end(), l.features[t].begin(), l.features[t].end());
            d.y.push_back(l.target[t]);
            d.targetMask.push_back(1);
            d.groups.station.push_back(l.station);
            d.groups.network.push_back(l.network);
            d.groups.user.push_back(l.user);
            d.groups.cell.push_back(l.cell);
            d.groups.landCover.push_back(l.landCover);
            d.groups.date.push_back(l.dates[t]);
            d.groups.year.push_back(yearOf(l.dates[t]));
        }
    }
    return d;
}

Dataset buildSequences(const std::vector<LocationSeries>& locations,
                       const std::vector<std::string>& names, int length, int stride) {
    if (length < 0 || stride < 1)
        throw Error("sequence length must be >= 0 and stride >= 1");
    const std::size_t p = names.size();
    Dataset d;
    d.featureNames = names;
    std::size_t T = std::size_t(length);
    if (length == 0)
        for (const auto& l : locations)
            T = std::max(T, l.dates.size());
    d.featureShape = {std::int64_t(T), std::int64_t(p)};
    d.targetShape = {length == 0 ? std::int64_t(T) : 1};
    auto stepValid = [&](const LocationSeries& l, std::size_t t) {
        if (!std::isfinite(l.target[t]))
            return false;
        for (const float v : l.features[t])
            if (!std::isfinite(v))
                return false;
        return true;
    };
    auto label = [&](const LocationSeries& l, TimePoint date) {
        d.groups.station.push_back(l.station);
        d.groups.network.push_back(l.network);
        d.groups.user.push_back(l.user);
        d.groups.cell.push_back(l.cell);
        d.groups.landCover.push_back(l.landCover);
        d.groups.date.push_back(date);
        d.groups.year.push_back(yearOf(date));
    };
    for (const LocationSeries& l : locations) {
        if (l.features.size() != l.dates.size() || l.target.size() != l.dates.size())
            throw Error("location series '" + l.station + "' has inconsistent lengths");
        for (const auto& row : l.features)
            if (row.size() != p)
                throw Error("location series '" + l.station +
                            "' has the wrong number of predictors");
        if (l.dates.empty())
            continue;
        if (length == 0) {
            std::size_t valid = 0;
            for (std::size_t t = 0; t < T; ++t) {
                const bool in = t < l.dates.size();
                for (std::size_t k = 0; k < p; ++k)
                    d.x.push_back(in ? l.features[t][k] : kNaN);
                const bool ok = in && stepValid(l, t);
                d.y.push_back(in ? l.target[t] : kNaN);
                d.targetMask.push_back(ok ? 1 : 0);
                valid += ok ? 1 : 0;
            }
            if (valid == 0) { // a sequence without any valid target teaches nothing
                d.x.resize(d.x.size() - T * p);
                d.y.resize(d.y.size() - T);
                d.targetMask.resize(d.targetMask.size() - T);
                continue;
            }
            label(l, l.dates.front());
            continue;
        }
        for (std::size_t end = T - 1; end < l.dates.size(); end += std::size_t(stride)) {
            if (!stepValid(l, end))
                continue;
            for (std::size_t t = end + 1 - T; t <= end; ++t)
                d.x.insert(d.x.end(), l.features[t].begin(), l.features[t].end());
            d.y.push_back(l.target[end]);
            d.targetMask.push_back(1);
            label(l, l.dates[end]);
        }
    }
    return d;
}

void appendDataset(Dataset& into, const Dataset& part) {
    if (part.sampleCount() == 0)
        return;
    if (into.sampleCount() == 0 && into.x.empty()) {
        into = part;
        return;
    }
    if (into.featureShape != part.featureShape || into.targetShape != part.targetShape)
        throw Error("cannot append samples of a different shape");
    into.x.insert(into.x.end(), part.x.begin(), part.x.end());
    into.y.insert(into.y.end(), part.y.begin(), part.y.end());
    into.targetMask.insert(into.targetMask.end(), part.targetMask.begin(), part.targetMask.end());
    auto cat = [](auto& a, const auto& b) { a.insert(a.end(), b.begin(), b.end()); };
    cat(into.groups.station, part.groups.station);
    cat(into.groups.cell, part.groups.cell);
    cat(into.groups.date, part.groups.date);
    cat(into.groups.year, part.groups.year);
    cat(into.groups.network, part.groups.network);
    cat(into.groups.landCover, part.groups.landCover);
    cat(into.groups.user, part.groups.user);
}

void fillMissing(Dataset& data, float value) {
    for (float& v : data.x)
        if (!std::isfinite(v))
            v = value;
}

} // namespace soilscope::features
