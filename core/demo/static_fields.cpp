#include "demo/static_fields.h"

#include "demo/twin_random.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

namespace landcover {
const char* name(int code) {
    switch (code) {
    case Tree:
        return "Tree cover";
    case Grassland:
        return "Grassland";
    case Cropland:
        return "Cropland";
    case BuiltUp:
        return "Built-up";
    case Water:
        return "Permanent water bodies";
    default:
        return "Unknown";
    }
}
int index(int code) {
    for (int i = 0; i < 5; ++i)
        if (Classes[static_cast<std::size_t>(i)] == code)
            return i;
    return 1;
}
} // namespace landcover

namespace {

enum Stream : std::uint64_t {
    Elev1 = 11,
    Elev2,
    Sand,
    Clay,
    Org,
    Water,
    Built,
    TreeS,
    Crop,
    Bright,
    Phen,
    Vig
};

double smooth(double t) {
    return t * t * t * (t * (t * 6 - 15) + 10);
}

double valueNoise(std::uint64_t seed, std::uint64_t stream, int octave, double x, double y) {
    const double fx = std::floor(x), fy = std::floor(y);
    const auto ix = static_cast<std::int64_t>(fx), iy = static_cast<std::int64_t>(fy);
    const double tx = smooth(x - fx), ty = smooth(y - fy);
    auto v = [&](std::int64_t a, std::int64_t b) {
        return 2.0 * uniformAt(seed, stream * 64 + static_cast<std::uint64_t>(octave),
                               static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b)) -
               1.0;
    };
    const double v00 = v(ix, iy), v10 = v(ix + 1, iy), v01 = v(ix, iy + 1), v11 = v(ix + 1, iy + 1);
    return (v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty;
}

} // namespace

double fractalNoise(std::uint64_t seed, std::uint64_t stream, double x, double y, double wavelength,
                    int octaves, double persistence) {
    double sum = 0.0, amp = 1.0, norm = 0.0, f = 1.0 / wavelength;
    for (int o = 0; o < octaves; ++o) {
        sum += amp * valueNoise(seed, stream, o, x * f + 17.3 * o, y * f - 11.1 * o);
        norm += amp;
        amp *= persistence;
        f *= 2.0;
    }
    return 1.7 * sum / norm;
}

double fractalNoiseStd(int octaves, double persistence) {
    double sum = 0.0, sum2 = 0.0;
    const int n = 128;
    for (int a = 0; a < n; ++a)
        for (int b = 0; b < n; ++b) {
            const double v = fractalNoise(1, 1, 0.25 * a, 0.25 * b, 1.0, octaves, persistence);
            sum += v;
            sum2 += v * v;
        }
    const double count = static_cast<double>(n) * n;
    return std::sqrt(std::max(sum2 / count - (sum / count) * (sum / count), 1e-12));
}

double Landscape::elevation(double lon, double lat) const {
    const double x = lon * std::cos(lat * M_PI / 180.0);
    const double base = fractalNoise(m_seed, Elev1, x, lat, 1.6, 12, 0.52);
    const double ridge = 1.0 - std::abs(fractalNoise(m_seed, Elev2, x, lat, 0.8, 8, 0.5));
    return std::max(2.0, 420.0 + 380.0 * base + 260.0 * ridge * ridge - 120.0);
}

void Landscape::applyPedotransfer(SoilSite& s) {
    // Cosby et al. (1984) porosity and conductivity; residual and field capacity after
    // Rawls & Brakensiek-like linear fits in clay.
    s.porosity = std::clamp((50.5 - 0.142 * s.sand_pct - 0.037 * s.clay_pct) / 100.0 +
                                0.01 * (s.organicCarbon_pct - 1.0),
                            0.30, 0.55);
    s.residual = std::clamp(0.015 + 0.0022 * s.clay_pct, 0.02, 0.15);
    s.fieldCapacity =
        s.residual + (s.porosity - s.residual) *
                         std::clamp(0.45 + 0.006 * s.clay_pct - 0.002 * s.sand_pct, 0.3, 0.8);
    s.ksat_mm_h = 25.4 * std::pow(10.0, -0.6 + 0.0126 * s.sand_pct - 0.0064 * s.clay_pct);
    s.bulkDensity = (1.0 - s.porosity) * 2.65;
}

SoilSite Landscape::at(double lon, double lat) const {
    SoilSite s;
    const double x = lon * std::cos(lat * M_PI / 180.0);
    s.elevation_m = elevation(lon, lat);
    const double dx = 0.002;
    const double local =
        s.elevation_m - 0.25 * (elevation(lon + dx, lat) + elevation(lon - dx, lat) +
                                elevation(lon, lat + dx) + elevation(lon, lat - dx));
    s.wetness = std::clamp(-local / 15.0 - (s.elevation_m - 450.0) / 900.0, -1.0, 1.0);
    s.sand_pct =
        std::clamp(42.0 + 28.0 * fractalNoise(m_seed, Sand, x, lat, 1.2, 10, 0.55), 5.0, 90.0);
    s.clay_pct = std::clamp(24.0 - 0.3 * (s.sand_pct - 42.0) +
                                9.0 * fractalNoise(m_seed, Clay, x, lat, 0.9, 9, 0.55),
                            3.0, 60.0);
    if (s.sand_pct + s.clay_pct > 95.0)
        s.clay_pct = 95.0 - s.sand_pct;
    s.silt_pct = 100.0 - s.sand_pct - s.clay_pct;
    s.organicCarbon_pct =
        std::clamp(1.4 + 0.8 * fractalNoise(m_seed, Org, x, lat, 0.7, 6), 0.3, 4.0);
    applyPedotransfer(s);
    s.soilBrightness = 1.0 + 0.18 * fractalNoise(m_seed, Bright, x, lat, 0.3, 10, 0.6);
    s.phenologyShift_days = 12.0 * fractalNoise(m_seed, Phen, x, lat, 1.0, 4);
    s.vegetationVigour =
        std::clamp(1.0 + 0.25 * fractalNoise(m_seed, Vig, x, lat, 0.5, 8, 0.6), 0.5, 1.5);

    const double fWater = fractalNoise(m_seed, Water, x, lat, 0.35, 7, 0.55) - 0.25 * s.wetness;
    const double fBuilt = fractalNoise(m_seed, Built, x, lat, 0.25, 7, 0.5);
    const double fTree =
        fractalNoise(m_seed, TreeS, x, lat, 0.5, 9, 0.55) + (s.elevation_m - 650.0) / 700.0;
    const double fCrop =
        fractalNoise(m_seed, Crop, x, lat, 0.4, 9, 0.55) - (s.elevation_m - 450.0) / 500.0;
    if (fWater < -0.93)
        s.landCover = landcover::Water;
    else if (fBuilt > 0.82)
        s.landCover = landcover::BuiltUp;
    else if (fTree > 0.15)
        s.landCover = landcover::Tree;
    else if (fCrop > -0.1)
        s.landCover = landcover::Cropland;
    else
        s.landCover = landcover::Grassland;
    return s;
}

SoilSite Landscape::cellAverage(double lonMin, double latMin, double lonMax, double latMax, int n,
                                std::array<double, 5>& fractions) const {
    SoilSite mean;
    mean.elevation_m = mean.sand_pct = mean.clay_pct = mean.silt_pct = mean.organicCarbon_pct = 0.0;
    mean.wetness = mean.soilBrightness = mean.phenologyShift_days = mean.vegetationVigour = 0.0;
    fractions.fill(0.0);
    const double w = 1.0 / (n * n);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            const double lon = lonMin + (i + 0.5) * (lonMax - lonMin) / n;
            const double lat = latMin + (j + 0.5) * (latMax - latMin) / n;
            const SoilSite p = at(lon, lat);
            mean.elevation_m += w * p.elevation_m;
            mean.sand_pct += w * p.sand_pct;
            mean.clay_pct += w * p.clay_pct;
            mean.silt_pct += w * p.silt_pct;
            mean.organicCarbon_pct += w * p.organicCarbon_pct;
            mean.wetness += w * p.wetness;
            mean.soilBrightness += w * p.soilBrightness;
            mean.phenologyShift_days += w * p.phenologyShift_days;
            mean.vegetationVigour += w * p.vegetationVigour;
            fractions[static_cast<std::size_t>(landcover::index(p.landCover))] += w;
        }
    applyPedotransfer(mean);
    std::size_t best = 1;
    for (std::size_t k = 0; k < 4; ++k)
        if (fractions[k] > fractions[best])
            best = k;
    mean.landCover = landcover::Classes[best];
    return mean;
}

SlopeAspect hornSlopeAspect(const std::array<double, 9>& z, double dxMetres, double dyMetres) {
    const double dzdx = ((z[2] + 2 * z[5] + z[8]) - (z[0] + 2 * z[3] + z[6])) / (8.0 * dxMetres);
    const double dzdy = ((z[0] + 2 * z[1] + z[2]) - (z[6] + 2 * z[7] + z[8])) / (8.0 * dyMetres);
    SlopeAspect out;
    out.slope_deg = std::atan(std::hypot(dzdx, dzdy)) * 180.0 / M_PI;
    out.aspect_deg = std::atan2(-dzdx, -dzdy) * 180.0 / M_PI;
    if (out.aspect_deg < 0)
        out.aspect_deg += 360.0;
    return out;
}

void slopeAspect(const geo::Grid& grid, const std::vector<float>& elevation,
                 std::vector<float>& slope_deg, std::vector<float>& aspect_deg) {
    const int w = grid.width(), h = grid.height();
    slope_deg.assign(elevation.size(), 0.0f);
    aspect_deg.assign(elevation.size(), 0.0f);
    auto z = [&](int c, int r) {
        c = std::clamp(c, 0, w - 1);
        r = std::clamp(r, 0, h - 1);
        return static_cast<double>(elevation[static_cast<std::size_t>(r) * w + c]);
    };
    for (int r = 0; r < h; ++r) {
        const geo::GroundSpacing sp = grid.groundSpacing(r);
        for (int c = 0; c < w; ++c) {
            const std::array<double, 9> block{z(c - 1, r - 1), z(c, r - 1), z(c + 1, r - 1),
                                              z(c - 1, r),     z(c, r),     z(c + 1, r),
                                              z(c - 1, r + 1), z(c, r + 1), z(c + 1, r + 1)};
            const SlopeAspect sa = hornSlopeAspect(block, sp.dxMetres, sp.dyMetres);
            const std::size_t k = static_cast<std::size_t>(r) * w + c;
            slope_deg[k] = static_cast<float>(sa.slope_deg);
            aspect_deg[k] = static_cast<float>(sa.aspect_deg);
        }
    }
}

} // namespace soilscope::demo
