#include "features/normaliser.h"

#include "base/error.h"

#include <cmath>
#include <limits>

namespace soilscope::features {

namespace {
template <class Fn> void forChannel(const Dataset& d, std::size_t sample, Fn&& fn) {
    const ChannelLayout l = channelLayout(d.featureShape);
    const std::size_t base = sample * d.featureSize();
    for (std::size_t c = 0; c < l.channels; ++c)
        for (std::size_t e = 0; e < l.perChannel; ++e) {
            const std::size_t idx =
                l.channelFirst ? base + c * l.perChannel + e : base + e * l.channels + c;
            fn(c, idx);
        }
}
} // namespace

ChannelLayout channelLayout(const std::vector<std::int64_t>& shape) {
    ChannelLayout l;
    if (shape.empty())
        return l;
    std::size_t total = 1;
    for (const auto s : shape)
        total *= std::size_t(s);
    if (shape.size() == 3) {
        l.channels = std::size_t(shape[0]);
        l.channelFirst = true;
    } else {
        l.channels = std::size_t(shape.back());
    }
    l.perChannel = l.channels == 0 ? 0 : total / l.channels;
    return l;
}

std::string normaliserKindName(NormaliserKind kind) {
    switch (kind) {
    case NormaliserKind::None:
        return "none";
    case NormaliserKind::ZScore:
        return "zscore";
    case NormaliserKind::MinMax:
        return "minmax";
    case NormaliserKind::FixedMinMax:
        return "fixed_minmax";
    }
    return "?";
}

NormaliserKind parseNormaliserKind(const std::string& name) {
    for (const auto k : {NormaliserKind::None, NormaliserKind::ZScore, NormaliserKind::MinMax,
                         NormaliserKind::FixedMinMax})
        if (normaliserKindName(k) == name)
            return k;
    throw Error("unknown normaliser '" + name + "' (known: none, zscore, minmax, fixed_minmax)");
}

Normaliser::Normaliser(std::vector<NormaliserKind> kinds,
                       std::vector<std::pair<double, double>> bounds)
    : m_kinds(std::move(kinds)), m_bounds(std::move(bounds)) {
    m_bounds.resize(m_kinds.size(), {0.0, 1.0});
    for (std::size_t c = 0; c < m_kinds.size(); ++c)
        if (m_kinds[c] == NormaliserKind::FixedMinMax && !(m_bounds[c].second > m_bounds[c].first))
            throw Error("fixed min-max bounds of channel " + std::to_string(c) + " need hi > lo");
}

Normaliser Normaliser::uniform(NormaliserKind kind, std::size_t channels) {
    return Normaliser(std::vector<NormaliserKind>(channels, kind), {});
}

void Normaliser::fit(const Dataset& data, const std::vector<std::size_t>& trainIndices) {
    const ChannelLayout l = channelLayout(data.featureShape);
    if (l.channels != m_kinds.size())
        throw Error("normaliser has " + std::to_string(m_kinds.size()) +
                    " channels but the features have " + std::to_string(l.channels));
    const std::size_t n = data.sampleCount();
    std::vector<double> sum(l.channels, 0.0), sumSq(l.channels, 0.0);
    std::vector<double> mn(l.channels, std::numeric_limits<double>::infinity());
    std::vector<double> mx(l.channels, -std::numeric_limits<double>::infinity());
    std::vector<std::size_t> count(l.channels, 0);
    for (const std::size_t s : trainIndices) {
        if (s >= n)
            throw Error("training index out of range while fitting the normaliser");
        forChannel(data, s, [&](std::size_t c, std::size_t idx) {
            const double v = data.x[idx];
            if (!std::isfinite(v))
                return;
            sum[c] += v;
            sumSq[c] += v * v;
            mn[c] = std::min(mn[c], v);
            mx[c] = std::max(mx[c], v);
            ++count[c];
        });
    }
    m_offset.assign(l.channels, 0.0);
    m_scale.assign(l.channels, 1.0);
    for (std::size_t c = 0; c < l.channels; ++c) {
        const NormaliserKind k = m_kinds[c];
        if ((k == NormaliserKind::ZScore || k == NormaliserKind::MinMax) && count[c] == 0)
            throw Error("feature '" +
                        (c < data.featureNames.size() ? data.featureNames[c] : std::to_string(c)) +
                        "' has no valid value in the training split");
        if (k == NormaliserKind::ZScore) {
            const double mean = sum[c] / double(count[c]);
            const double var = std::max(0.0, sumSq[c] / double(count[c]) - mean * mean);
            m_offset[c] = mean;
            m_scale[c] = var > 0.0 ? std::sqrt(var) : 1.0;
        } else if (k == NormaliserKind::MinMax) {
            m_offset[c] = mn[c];
            m_scale[c] = mx[c] > mn[c] ? mx[c] - mn[c] : 1.0;
        }
    }
    finalise();
}

void Normaliser::finalise() {
    m_offset.resize(m_kinds.size(), 0.0);
    m_scale.resize(m_kinds.size(), 1.0);
    for (std::size_t c = 0; c < m_kinds.size(); ++c) {
        if (m_kinds[c] == NormaliserKind::FixedMinMax) {
            m_offset[c] = m_bounds[c].first;
            m_scale[c] = m_bounds[c].second - m_bounds[c].first;
        } else if (m_kinds[c] == NormaliserKind::None) {
            m_offset[c] = 0.0;
            m_scale[c] = 1.0;
        }
    }
    m_fitted = true;
}

void Normaliser::apply(Dataset& data) const {
    if (!m_fitted)
        throw Error("the normaliser was applied before it was fitted");
    if (channelLayout(data.featureShape).channels != m_kinds.size())
        throw Error("normaliser channel count does not match the features");
    const std::size_t n = data.sampleCount();
    for (std::size_t s = 0; s < n; ++s)
        forChannel(data, s, [&](std::size_t c, std::size_t idx) {
            data.x[idx] = float((data.x[idx] - m_offset[c]) / m_scale[c]);
        });
}

void Normaliser::applyRows(float* x, std::size_t rows) const {
    if (!m_fitted)
        throw Error("the normaliser was applied before it was fitted");
    const std::size_t p = m_kinds.size();
    std::vector<float> off(p), inv(p);
    for (std::size_t c = 0; c < p; ++c) {
        off[c] = float(m_offset[c]);
        inv[c] = float(1.0 / m_scale[c]);
    }
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < p; ++c)
            x[r * p + c] = (x[r * p + c] - off[c]) * inv[c];
}

double Normaliser::inverse(std::size_t channel, double value) const {
    return value * m_scale.at(channel) + m_offset.at(channel);
}

nlohmann::json Normaliser::toJson() const {
    nlohmann::json channels = nlohmann::json::array();
    for (std::size_t c = 0; c < m_kinds.size(); ++c) {
        nlohmann::json j = {{"kind", normaliserKindName(m_kinds[c])}};
        if (m_fitted) {
            j["offset"] = m_offset[c];
            j["scale"] = m_scale[c];
        }
        if (m_kinds[c] == NormaliserKind::FixedMinMax)
            j["bounds"] = {m_bounds[c].first, m_bounds[c].second};
        channels.push_back(j);
    }
    return {{"channels", channels}, {"fitted", m_fitted}};
}

Normaliser Normaliser::fromJson(const nlohmann::json& j, const std::string& context) {
    try {
        Normaliser n;
        for (const auto& ch : j.at("channels")) {
            n.m_kinds.push_back(parseNormaliserKind(ch.at("kind").get<std::string>()));
            std::pair<double, double> b{0.0, 1.0};
            if (ch.contains("bounds"))
                b = {ch["bounds"].at(0).get<double>(), ch["bounds"].at(1).get<double>()};
            n.m_bounds.push_back(b);
            n.m_offset.push_back(ch.value("offset", 0.0));
            n.m_scale.push_back(ch.value("scale", 1.0));
            if (!(n.m_scale.back() != 0.0) || !std::isfinite(n.m_scale.back()))
                throw Error("a normaliser scale is zero or not finite");
        }
        n.m_fitted = j.value("fitted", false);
        return n;
    } catch (const Error& e) {
        throw Error("invalid normaliser: " + e.message(), context);
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("invalid normaliser: ") + e.what(), context);
    }
}

} // namespace soilscope::features
