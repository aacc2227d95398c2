#include "analysis/intraday.h"

#include "analysis/metrics.h"
#include "base/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>

namespace soilscope::analysis {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kHourToRadians = 2.0 * std::numbers::pi / 24.0;

double hoursFromVector(double sinSum, double cosSum, std::size_t count) {
    if (count == 0)
        return kNan;
    if (std::hypot(sinSum, cosSum) / static_cast<double>(count) < 1e-9)
        return kNan;
    double h = std::atan2(sinSum, cosSum) / kHourToRadians;
    if (h < 0.0)
        h += 24.0;
    if (h >= 24.0 - 1e-9 || std::abs(h) < 1e-9)
        h = 0.0;
    return h;
}

} // namespace

double solarOffsetSeconds(double longitudeDeg) {
    return longitudeDeg / 15.0 * 3600.0;
}

std::pair<std::int64_t, double> dayAndHour(TimePoint t, DayDefinition definition,
                                           double longitudeDeg) {
    double seconds = static_cast<double>(t.time_since_epoch().count());
    if (definition == DayDefinition::LocalSolar)
        seconds += solarOffsetSeconds(longitudeDeg);
    const double day = std::floor(seconds / 86400.0);
    double hour = (seconds - day * 86400.0) / 3600.0;
    if (hour >= 24.0)
        hour = 0.0;
    return {static_cast<std::int64_t>(day), hour};
}

std::vector<DayExtremes> dailyExtremes(std::span<const TimePoint> times,
                                       std::span<const double> values,
                                       const IntradayOptions& options, double longitudeDeg) {
    if (times.size() != values.size())
        throw Error("intraday extremes need as many times as values");
    std::vector<DayExtremes> out;
    DayExtremes current;
    bool open = false;
    const auto close = [&] {
        if (open && current.count >= std::max<std::size_t>(options.minObservations, 1)) {
            current.delta = current.smMax - current.smMin;
            out.push_back(current);
        }
        open = false;
    };
    for (std::size_t i = 0; i < times.size(); ++i) {
        const double v = values[i];
        if (!std::isfinite(v))
            continue;
        const auto [day, hour] = dayAndHour(times[i], options.day, longitudeDeg);
        if (open && day < current.day)
            throw Error("intraday extremes need observations sorted by time");
        if (!open || day != current.day) {
            close();
            current = DayExtremes{};
            current.day = day;
            open = true;
        }
        if (current.count == 0 || v > current.smMax) {
            current.smMax = v;
            current.hourMax = hour;
        }
        if (current.count == 0 || v < current.smMin) {
            current.smMin = v;
            current.hourMin = hour;
        }
        ++current.count;
    }
    close();
    return out;
}

std::vector<DayExtremes> dailyExtremes(const series::TimeSeries& series,
                                       const IntradayOptions& options, double longitudeDeg) {
    return dailyExtremes(series.times, series.values, options, longitudeDeg);
}

std::vector<double> sampleAt(const series::TimeSeries& reference, std::span<const TimePoint> times,
                             std::chrono::seconds tolerance) {
    const series::TimeSeries ref = reference.valid();
    std::vector<double> out(times.size(), kNan);
    for (std::size_t i = 0; i < times.size(); ++i) {
        const auto it = std::lower_bound(ref.times.begin(), ref.times.end(), times[i]);
        double best = kNan;
        auto bestDistance = tolerance + std::chrono::seconds(1);
        if (it != ref.times.end()) {
            const auto d = *it - times[i];
            if (d <= tolerance) {
                best = ref.values[static_cast<std::size_t>(it - ref.times.begin())];
                bestDistance = d;
            }
        }
        if (it != ref.times.begin()) {
            const auto prev = it - 1;
            const auto d = times[i] - *prev;
            if (d <= tolerance && d < bestDistance)
                best = ref.values[static_cast<std::size_t>(prev - ref.times.begin())];
        }
        out[i] = best;
    }
    return out;
}

double circularMeanHours(std::span<const double> hours) {
    double s = 0.0, c = 0.0;
    std::size_t n = 0;
    for (double h : hours) {
        if (!std::isfinite(h))
            continue;
        s += std::sin(h * kHourToRadians);
        c += std::cos(h * kHourToRadians);
        ++n;
    }
    return hoursFromVector(s, c, n);
}

bool PrecipitationComparison::test(double p) const {
    if (!std::isfinite(p))
        return false;
    switch (op) {
    case Op::Greater:
        return p > threshold;
    case Op::GreaterEqual:
        return p >= threshold;
    case Op::Less:
        return p < threshold;
    case Op::LessEqual:
        return p <= threshold;
    case Op::Equal:
        return std::abs(p - threshold) <= 1e-9 * std::max(1.0, std::abs(threshold));
    }
    return false;
}

PrecipitationCondition PrecipitationCondition::parse(const std::string& text) {
    std::string compact;
    for (char ch : text)
        if (!std::isspace(static_cast<unsigned char>(ch)))
            compact += ch;
    PrecipitationCondition cond;
    cond.label = compact;
    if (compact.empty() || compact == "all") {
        cond.label = "all";
        return cond;
    }
    const auto fail = [&](const std::string& why) {
        return Error("precipitation condition '" + text + "': " + why +
                     " (expected e.g. 'all', 'pt>0', 'pt>10&pt1=0')");
    };
    std::size_t pos = 0;
    while (pos <= compact.size()) {
        const std::size_t amp = std::min(compact.find('&', pos), compact.size());
        const std::string term = compact.substr(pos, amp - pos);
        bool yesterday = false;
        std::size_t i = 0;
        if (term.rfind("pt1", 0) == 0) {
            yesterday = true;
            i = 3;
        } else if (term.rfind("pt", 0) == 0) {
            i = 2;
        } else {
            throw fail("a term must start with pt or pt1");
        }
        PrecipitationComparison cmp;
        if (term.compare(i, 2, ">=") == 0) {
            cmp.op = PrecipitationComparison::Op::GreaterEqual;
            i += 2;
        } else if (term.compare(i, 2, "<=") == 0) {
            cmp.op = PrecipitationComparison::Op::LessEqual;
            i += 2;
        } else if (term.compare(i, 2, "==") == 0) {
            cmp.op = PrecipitationComparison::Op::Equal;
            i += 2;
        } else if (i < term.size() && term[i] == '>') {
            cmp.op = PrecipitationComparison::Op::Greater;
            ++i;
        } else if (i < term.size() && term[i] == '<') {
            cmp.op = PrecipitationComparison::Op::Less;
            ++i;
        } else if (i < term.size() && term[i] == '=') {
            cmp.op = PrecipitationComparison::Op::Equal;
            ++i;
        } else
            throw fail("missing comparison operator in '" + term + "'");
        const std::string number = term.substr(i);
        std::size_t used = 0;
        try {
            cmp.threshold = std::stod(number, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (number.empty() || used != number.size() || !std::isfinite(cmp.threshold))
            throw fail("'" + number + "' is not a number");
        (yesterday ? cond.yesterday : cond.today).push_back(cmp);
        pos = amp + 1;
    }
    return cond;
}

bool PrecipitationCondition::test(double pToday, double pYesterday) const {
    for (const auto& c : today)
        if (!c.test(pToday))
            return false;
    for (const auto& c : yesterday)
        if (!c.test(pYesterday))
            return false;
    return true;
}

ConditionCorrelation correlateDays(std::span<const PairedDay> days,
                                   const PrecipitationCondition& condition) {
    std::vector<double> deltaA, deltaB, maxA, maxB, minA, minB;
    for (const PairedDay& d : days) {
        if (!condition.test(d.pToday, d.pYesterday))
            continue;
        if (!std::isfinite(d.a.delta) || !std::isfinite(d.b.delta))
            continue;
        deltaA.push_back(d.a.delta);
        deltaB.push_back(d.b.delta);
        maxA.push_back(d.a.smMax);
        maxB.push_back(d.b.smMax);
        minA.push_back(d.a.smMin);
        minB.push_back(d.b.smMin);
    }
    ConditionCorrelation c;
    c.condition = condition.label;
    c.n = deltaA.size();
    if (c.n >= 3) {
        c.rDelta = pearson(deltaA, deltaB).value;
        c.rMax = pearson(maxA, maxB).value;
        c.rMin = pearson(minA, minB).value;
    }
    if (c.n > 0) {
        double sa = 0, sb = 0;
        for (std::size_t i = 0; i < c.n; ++i) {
            sa += deltaA[i];
            sb += deltaB[i];
        }
        c.meanDeltaA = sa / static_cast<double>(c.n);
        c.meanDeltaB = sb / static_cast<double>(c.n);
    }
    return c;
}

std::vector<PairedDay> pairDays(std::span<const DayExtremes> a, std::span<const DayExtremes> b,
                                std::int64_t pixel) {
    std::vector<PairedDay> out;
    std::size_t j = 0;
    for (const DayExtremes& da : a) {
        while (j < b.size() && b[j].day < da.day)
            ++j;
        if (j < b.size() && b[j].day == da.day) {
            PairedDay p;
            p.pixel = pixel;
            p.day = da.day;
            p.a = da;
            p.b = b[j];
            out.push_back(p);
        }
    }
    return out;
}

PixelDayMeans::PixelDayMeans(std::size_t pixels) : m_sums(pixels) {}

void PixelDayMeans::add(std::size_t pixel, const DayExtremes& day) {
    if (pixel >= m_sums.size())
        throw Error("pixel index out of range in intraday means");
    if (!std::isfinite(day.delta))
        return;
    Sums& s = m_sums[pixel];
    s.sinMax += std::sin(day.hourMax * kHourToRadians);
    s.cosMax += std::cos(day.hourMax * kHourToRadians);
    s.sinMin += std::sin(day.hourMin * kHourToRadians);
    s.cosMin += std::cos(day.hourMin * kHourToRadians);
    s.smMax += day.smMax;
    s.smMin += day.smMin;
    s.delta += day.delta;
    ++s.days;
}

std::vector<float> PixelDayMeans::layer(Layer layer) const {
    std::vector<float> out(m_sums.size());
    for (std::size_t i = 0; i < m_sums.size(); ++i) {
        const Sums& s = m_sums[i];
        const double n = static_cast<double>(s.days);
        double v = kNan;
        switch (layer) {
        case Layer::HourMax:
            v = hoursFromVector(s.sinMax, s.cosMax, s.days);
            break;
        case Layer::HourMin:
            v = hoursFromVector(s.sinMin, s.cosMin, s.days);
            break;
        case Layer::SmMax:
            v = s.days ? s.smMax / n : kNan;
            break;
        case Layer::SmMin:
            v = s.days ? s.smMin / n : kNan;
            break;
        case Layer::DeltaSm:
            v = s.days ? s.delta / n : kNan;
            break;
        case Layer::Days:
            v = n;
            break;
        }
        out[i] = static_cast<float>(v);
    }
    return out;
}

const char* PixelDayMeans::layerName(Layer layer) {
    switch (layer) {
    case Layer::HourMax:
        return "hour_max";
    case Layer::HourMin:
        return "hour_min";
    case Layer::SmMax:
        return "sm_max";
    case Layer::SmMin:
        return "sm_min";
    case Layer::DeltaSm:
        return "delta_sm";
    case Layer::Days:
        return "days";
    }
    return "?";
}

} // namespace soilscope::analysis
