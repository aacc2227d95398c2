#include "analysis/temporal_spectrum.h"

#include "analysis/fftw_support.h"
#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace soilscope::analysis {

namespace {

constexpr double kSecondsPerDay = 86400.0;

/// Accumulates |FFT(window * (x - mean))|^2 of equal-length segments into a density.
class SegmentPeriodogram {
  public:
    explicit SegmentPeriodogram(std::size_t length)
        : m_length(length), m_in(length), m_out(length / 2 + 1), m_window(length),
          m_sum(length / 2 + 1, 0.0) {
        const std::lock_guard lock(fftwPlannerMutex());
        m_plan = fftw_plan_dft_r2c_1d(static_cast<int>(length), m_in.data(), m_out.data(),
                                      FFTW_ESTIMATE);
        for (std::size_t i = 0; i < length; ++i) {
            m_window[i] = 0.5 * (1.0 - std::cos(2.0 * std::numbers::pi * static_cast<double>(i) /
                                                static_cast<double>(length)));
            m_windowSq += m_window[i] * m_window[i];
        }
    }
    ~SegmentPeriodogram() {
        const std::lock_guard lock(fftwPlannerMutex());
        fftw_destroy_plan(m_plan);
    }
    SegmentPeriodogram(const SegmentPeriodogram&) = delete;
    SegmentPeriodogram& operator=(const SegmentPeriodogram&) = delete;

    void add(const double* x) {
        double mean = 0.0;
        for (std::size_t i = 0; i < m_length; ++i)
            mean += x[i];
        mean /= static_cast<double>(m_length);
        for (std::size_t i = 0; i < m_length; ++i)
            m_in.data()[i] = m_window[i] * (x[i] - mean);
        fftw_execute(m_plan);
        for (std::size_t k = 0; k < m_sum.size(); ++k)
            m_sum[k] +=
                m_out.data()[k][0] * m_out.data()[k][0] + m_out.data()[k][1] * m_out.data()[k][1];
        ++m_segments;
    }
    std::size_t segments() const { return m_segments; }

    TemporalSpectrum result(TemporalSpectrumMethod method, double stepDays) const {
        TemporalSpectrum s;
        s.method = method;
        s.segments = m_segments;
        s.stepDays = stepDays;
        const double n = static_cast<double>(m_length);
        for (std::size_t k = 1; k < m_sum.size(); ++k) {
            const bool nyquist = m_length % 2 == 0 && k == m_length / 2;
            const double scale = (nyquist ? 1.0 : 2.0) * stepDays / m_windowSq;
            s.frequencyPerDay.push_back(static_cast<double>(k) / (n * stepDays));
            s.power.push_back(scale * m_sum[k] / static_cast<double>(m_segments));
        }
        return s;
    }

  private:
    std::size_t m_length;
    FftwBuffer<double> m_in;
    FftwBuffer<fftw_complex> m_out;
    std::vector<double> m_window;
    double m_windowSq = 0.0;
    std::vector<double> m_sum;
    std::size_t m_segments = 0;
    fftw_plan m_plan = nullptr;
};

} // namespace

const char* temporalSpectrumMethodName(TemporalSpectrumMethod method) {
    switch (method) {
    case TemporalSpectrumMethod::Periodogram:
        return "periodogram";
    case TemporalSpectrumMethod::Welch:
        return "welch";
    case TemporalSpectrumMethod::LombScargle:
        return "lomb-scargle";
    }
    return "?";
}

std::size_t RegularSeries::missing() const {
    return static_cast<std::size_t>(
        std::count_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }));
}

RegularSeries regularize(const series::TimeSeries& input) {
    const series::TimeSeries s = input.valid();
    if (s.size() < 4)
        throw Error("a spectrum needs at least 4 valid values, the series has " +
                        std::to_string(s.size()),
                    input.name);
    std::vector<double> steps;
    steps.reserve(s.size() - 1);
    for (std::size_t i = 1; i < s.size(); ++i)
        steps.push_back(static_cast<double>((s.times[i] - s.times[i - 1]).count()));
    std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2),
                     steps.end());
    const double step = steps[steps.size() / 2];
    if (!(step > 0.0))
        throw Error("the series has no positive time step", input.name);
    RegularSeries r;
    r.start = s.times.front();
    r.stepSeconds = step;
    const double spanSteps = static_cast<double>((s.times.back() - s.times.front()).count()) / step;
    if (spanSteps > 5e7)
        throw Error("the series spans too many time steps for a spectrum", input.name);
    r.values.assign(static_cast<std::size_t>(std::llround(spanSteps)) + 1,
                    std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double pos = static_cast<double>((s.times[i] - r.start).count()) / step;
        const auto slot = static_cast<std::size_t>(std::llround(pos));
        if (slot < r.values.size() && !std::isfinite(r.values[slot]))
            r.values[slot] = s.values[i];
    }
    return r;
}

TemporalSpectrum periodogram(std::span<const double> values, double stepSeconds) {
    if (values.size() < 8)
        throw Error("a periodogram needs at least 8 values");
    if (std::any_of(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }))
        throw Error("a periodogram needs a complete series; use Welch or Lomb-Scargle for gaps");
    SegmentPeriodogram p(values.size());
    p.add(values.data());
    TemporalSpectrum s =
        p.result(TemporalSpectrumMethod::Periodogram, stepSeconds / kSecondsPerDay);
    s.samples = values.size();
    return s;
}

TemporalSpectrum welch(std::span<const double> values, double stepSeconds,
                       std::size_t segmentLength) {
    if (segmentLength == 0) {
        segmentLength = 16;
        while (segmentLength * 2 <= values.size() / 4)
            segmentLength *= 2;
    }
    if (segmentLength < 8)
        throw Error("Welch segments need at least 8 samples");
    if (values.size() < segmentLength)
        throw Error("the series (" + std::to_string(values.size()) +
                    " samples) is shorter than one Welch segment (" +
                    std::to_string(segmentLength) + ")");
    SegmentPeriodogram p(segmentLength);
    const std::size_t hop = std::max<std::size_t>(segmentLength / 2, 1);
    std::size_t used = 0;
    std::size_t start = 0;
    while (start + segmentLength <= values.size()) {
        const auto first = values.begin() + static_cast<std::ptrdiff_t>(start);
        const auto last = first + static_cast<std::ptrdiff_t>(segmentLength);
        const auto bad = std::find_if(first, last, [](double v) { return !std::isfinite(v); });
        if (bad != last) {
            // Restart just after the gap instead of stepping through it hop by hop.
            start = static_cast<std::size_t>(bad - values.begin()) + 1;
            continue;
        }
        p.add(values.data() + start);
        used += segmentLength;
        start += hop;
    }
    if (p.segments() == 0)
        throw Error("no gap-free segment of " + std::to_string(segmentLength) +
                    " samples for Welch's method; use Lomb-Scargle");
    TemporalSpectrum s = p.result(TemporalSpectrumMethod::Welch, stepSeconds / kSecondsPerDay);
    s.samples = used;
    return s;
}

TemporalSpectrum lombScargle(std::span<const TimePoint> times, std::span<const double> values,
                             double maxFrequencyPerDay, double oversampling) {
    if (times.size() != values.size())
        throw Error("Lomb-Scargle needs as many times as values");
    std::vector<double> t;
    std::vector<double> y;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            continue;
        t.push_back(static_cast<double>((times[i] - times.front()).count()) / kSecondsPerDay);
        y.push_back(values[i]);
    }
    const std::size_t n = t.size();
    if (n < 8)
        throw Error("Lomb-Scargle needs at least 8 finite values");
    double mean = 0.0;
    for (double v : y)
        mean += v;
    mean /= static_cast<double>(n);
    for (double& v : y)
        v -= mean;
    const double span =
        *std::max_element(t.begin(), t.end()) - *std::min_element(t.begin(), t.end());
    if (!(span > 0.0))
        throw Error("Lomb-Scargle needs observations at different times");
    std::vector<double> steps;
    for (std::size_t i = 1; i < n; ++i)
        if (t[i] > t[i - 1])
            steps.push_back(t[i] - t[i - 1]);
    std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2),
                     steps.end());
    const double step = steps[steps.size() / 2];
    if (maxFrequencyPerDay <= 0.0)
        maxFrequencyPerDay = 0.5 / step;
    const double df = 1.0 / (std::max(oversampling, 1.0) * span);
    const auto count = static_cast<std::size_t>(std::floor(maxFrequencyPerDay / df));
    if (count < 1)
        throw Error("the Lomb-Scargle frequency range is empty");
    if (static_cast<double>(count) * static_cast<double>(n) > 5e10)
        throw Error(
            "Lomb-Scargle grid too large (frequencies x samples); lower the maximum frequency");

    // cos/sin of w t and 2 w t advance by complex rotation; recomputed exactly every 64 steps.
    std::vector<double> c1(n), s1(n), dc(n), ds(n);
    TemporalSpectrum out;
    out.method = TemporalSpectrumMethod::LombScargle;
    out.samples = n;
    out.segments = 1;
    out.stepDays = step;
    out.frequencyPerDay.reserve(count);
    out.power.reserve(count);
    for (std::size_t i = 0; i < n; ++i) {
        const double a = 2.0 * std::numbers::pi * df * t[i];
        dc[i] = std::cos(a);
        ds[i] = std::sin(a);
    }
    for (std::size_t j = 1; j <= count; ++j) {
        const double f = static_cast<double>(j) * df;
        if (j % 64 == 1) {
            for (std::size_t i = 0; i < n; ++i) {
                const double a = 2.0 * std::numbers::pi * f * t[i];
                c1[i] = std::cos(a);
                s1[i] = std::sin(a);
            }
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                const double c = c1[i] * dc[i] - s1[i] * ds[i];
                s1[i] = s1[i] * dc[i] + c1[i] * ds[i];
                c1[i] = c;
            }
        }
        double yc = 0, ys = 0, c2 = 0, s2 = 0;
        for (std::size_t i = 0; i < n; ++i) {
            yc += y[i] * c1[i];
            ys += y[i] * s1[i];
            c2 += c1[i] * c1[i] - s1[i] * s1[i];
            s2 += 2.0 * s1[i] * c1[i];
        }
        const double h = std::hypot(c2, s2);
        double cos2 = 1.0, sin2 = 0.0;
        if (h > 0.0) {
            cos2 = c2 / h;
            sin2 = s2 / h;
        }
        const double cosT = std::sqrt(std::max(0.5 * (1.0 + cos2), 0.0));
        const double sinT = std::copysign(std::sqrt(std::max(0.5 * (1.0 - cos2), 0.0)), sin2);
        const double ycT = yc * cosT + ys * sinT;
        const double ysT = ys * cosT - yc * sinT;
        const double cc = 0.5 * (static_cast<double>(n) + h);
        const double ss = 0.5 * (static_cast<double>(n) - h);
        double p = 0.0;
        if (cc > 0.0)
            p += ycT * ycT / cc;
        if (ss > 1e-12 * static_cast<double>(n))
            p += ysT * ysT / ss;
        // 0.5 p is the classical periodogram (white noise of variance s^2 gives s^2 on
        // average); times 2 * step it is a one-sided density like the Welch spectrum.
        out.frequencyPerDay.push_back(f);
        out.power.push_back(0.5 * p * 2.0 * step);
    }
    return out;
}

TemporalSpectrum seriesSpectrum(const series::TimeSeries& series, TemporalSpectrumMethod method,
                                bool automatic, std::size_t segmentLength) {
    const RegularSeries regular = regularize(series);
    if (automatic)
        method = regular.missing() == 0 ? TemporalSpectrumMethod::Welch
                                        : TemporalSpectrumMethod::LombScargle;
    switch (method) {
    case TemporalSpectrumMethod::Periodogram:
        return periodogram(regular.values, regular.stepSeconds);
    case TemporalSpectrumMethod::Welch:
        return welch(regular.values, regular.stepSeconds, segmentLength);
    case TemporalSpectrumMethod::LombScargle: {
        const series::TimeSeries v = series.valid();
        return lombScargle(v.times, v.values);
    }
    }
    throw Error("unknown spectrum method");
}

double peakFrequency(const TemporalSpectrum& spectrum, double fMin, double fMax) {
    double best = std::numeric_limits<double>::quiet_NaN();
    double bestPower = -1.0;
    for (std::size_t i = 0; i < spectrum.frequencyPerDay.size(); ++i) {
        const double f = spectrum.frequencyPerDay[i];
        if (f < fMin || f > fMax)
            continue;
        if (spectrum.power[i] > bestPower) {
            bestPower = spectrum.power[i];
            best = f;
        }
    }
    return best;
}

double peakProminence(const TemporalSpectrum& spectrum, double frequencyPerDay) {
    std::vector<double> band;
    double nearestPower = std::numeric_limits<double>::quiet_NaN();
    double nearestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < spectrum.frequencyPerDay.size(); ++i) {
        const double f = spectrum.frequencyPerDay[i];
        if (std::abs(f - frequencyPerDay) < nearestDistance) {
            nearestDistance = std::abs(f - frequencyPerDay);
            nearestPower = spectrum.power[i];
        }
        if (f >= 0.5 * frequencyPerDay && f <= 2.0 * frequencyPerDay)
            band.push_back(spectrum.power[i]);
    }
    if (band.empty() || !std::isfinite(nearestPower))
        return std::numeric_limits<double>::quiet_NaN();
    std::nth_element(band.begin(), band.begin() + static_cast<std::ptrdiff_t>(band.size() / 2),
                     band.end());
    const double median = band[band.size() / 2];
    return median > 0.0 ? nearestPower / median : std::numeric_limits<double>::infinity();
}

} // namespace soilscope::analysis
