#include "products/sentinel1_folder.h"

#include "base/error.h"
#include "base/text.h"
#include "geo/raster.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>

namespace soilscope::products {

namespace fs = std::filesystem;

namespace {

bool isTiff(const fs::path& p) {
    const auto ext = lowerAscii(p.extension().string());
    return ext == ".tif" || ext == ".tiff";
}

std::optional<TimePoint> dateOfName(const std::string& name) {
    static const std::regex stamp(R"((\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?)");
    std::smatch m;
    if (!std::regex_search(name, m, stamp))
        return std::nullopt;
    const std::string t =
        m[4].matched ? m[4].str() + ":" + m[5].str() + ":" + m[6].str() : std::string("00:00:00");
    return parseIsoTime(m[1].str() + "-" + m[2].str() + "-" + m[3].str() + "T" + t + "Z");
}

bool nameHasToken(const std::string& name, const std::string& token) {
    const std::regex re("(^|[^a-z])" + token + "([^a-z]|$)");
    return std::regex_search(lowerAscii(name), re);
}

std::optional<BackscatterScale> scaleOf(const std::string& text) {
    const std::string t = lowerAscii(text);
    if (nameHasToken(t, "db"))
        return BackscatterScale::Decibel;
    if (nameHasToken(t, "linear") || nameHasToken(t, "lin"))
        return BackscatterScale::Linear;
    return std::nullopt;
}

bool describesIncidence(const std::string& description) {
    const std::string d = lowerAscii(description);
    return d.find("incidence") != std::string::npos || d.find("angle") != std::string::npos ||
           nameHasToken(d, "lia");
}

double convert(double v, BackscatterScale from, BackscatterScale to) {
    if (from == to || !std::isfinite(v))
        return v;
    if (to == BackscatterScale::Linear)
        return std::pow(10.0, v / 10.0);
    return v > 0.0 ? 10.0 * std::log10(v) : std::nan("");
}

} // namespace

BackscatterVariable parseBackscatterVariable(const std::string& text) {
    static const std::regex syntax(
        R"(^\s*(VV|VH|vv|vh|incidence)(?:@(db|linear))?(?::(db|linear))?\s*$)");
    BackscatterVariable v;
    if (text.empty())
        return v;
    std::smatch m;
    if (!std::regex_match(text, m, syntax))
        throw UsageError("Sentinel-1 variable '" + text +
                         "': write VV, VH or incidence, optionally @db or @linear (how the files "
                         "store it) and :db or :linear (the scale wanted)");
    const std::string pol = lowerAscii(m[1]);
    v.polarisation = pol == "incidence" ? pol : (pol == "vv" ? "VV" : "VH");
    const auto scale = [](const std::string& s) {
        return s == "db" ? BackscatterScale::Decibel : BackscatterScale::Linear;
    };
    if (m[2].matched)
        v.stored = scale(m[2]);
    if (m[3].matched)
        v.want = scale(m[3]);
    return v;
}

bool Sentinel1Folder::recognises(const fs::path& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return false;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file() && isTiff(e.path()) && dateOfName(name) &&
            (std::regex_search(name, std::regex("^S1[ABCD]_")) || nameHasToken(name, "vv") ||
             nameHasToken(name, "vh")))
            return true;
    }
    return false;
}

Sentinel1Folder::Sentinel1Folder(const fs::path& folder, const std::string& polarisation,
                                 std::optional<BackscatterScale> declared)
    : m_folder(folder), m_polarisation(polarisation) {
    const bool incidence = polarisation == "incidence";
    const std::string pol = lowerAscii(polarisation);
    const std::string other = pol == "vv" ? "vh" : "vv";
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(folder, ec))
        if (e.is_regular_file() && isTiff(e.path()) && dateOfName(e.path().filename().string()))
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        const std::string name = file.filename().string();
        // A file named for the other polarisation holds none of this one.
        if (!incidence && nameHasToken(name, other) && !nameHasToken(name, pol))
            continue;
        const geo::Raster raster(file);
        int band = 0;
        for (int b = 1; b <= raster.bandCount() && band == 0; ++b) {
            const std::string d = raster.band(b).description;
            if (incidence ? describesIncidence(d)
                          : nameHasToken(d, pol) || (raster.bandCount() == 1 && d.empty()))
                band = b;
        }
        if (band == 0 && !incidence && nameHasToken(name, pol))
            band = 1; // a single-polarisation file: its first band
        if (band == 0)
            continue;
        Sentinel1Scene scene;
        scene.time = *dateOfName(name);
        scene.path = file;
        scene.band = band;
        if (!incidence) {
            const auto info = raster.band(band);
            auto scale = scaleOf(info.units + " " + info.description);
            if (!scale)
                scale = scaleOf(name);
            if (!scale)
                scale = declared;
            if (!scale)
                throw Error("cannot tell whether " + polarisation +
                                " is in dB or linear (no 'dB' in the band's units or "
                                "description or the file name): declare the scale",
                            file.string());
            scene.scale = *scale;
        }
        m_scenes.push_back(scene);
    }
    if (m_scenes.empty())
        throw Error("no Sentinel-1 scene with " + polarisation + " in the folder", folder.string());
    std::stable_sort(m_scenes.begin(), m_scenes.end(),
                     [](const auto& a, const auto& b) { return a.time < b.time; });
}

std::vector<LocationSeries>
Sentinel1Folder::seriesAt(const std::vector<std::pair<double, double>>& lonLat,
                          std::optional<BackscatterScale> want) const {
    const bool incidence = m_polarisation == "incidence";
    std::vector<std::vector<TimePoint>> times(lonLat.size());
    std::vector<std::vector<double>> values(lonLat.size());
    std::vector<geo::LonLat> points;
    for (const auto& [lon, lat] : lonLat)
        points.push_back({lon, lat});
    const BackscatterScale target = want.value_or(m_scenes.front().scale);
    for (const auto& scene : m_scenes) {
        const geo::Raster raster(scene.path);
        const auto px = raster.lonLatToPixel(points);
        for (std::size_t p = 0; p < points.size(); ++p) {
            const int c = static_cast<int>(std::floor(px[p].col));
            const int r = static_cast<int>(std::floor(px[p].row));
            if (c < 0 || r < 0 || c >= raster.grid().width() || r >= raster.grid().height())
                continue;
            const double v = raster.readWindow(scene.band, c, r, 1, 1).front();
            times[p].push_back(scene.time);
            values[p].push_back(incidence ? v : convert(v, scene.scale, target));
        }
    }
    const std::string units =
        incidence ? "degree" : (target == BackscatterScale::Decibel ? "dB" : "1");
    std::vector<LocationSeries> out;
    for (std::size_t p = 0; p < lonLat.size(); ++p)
        out.push_back(keptSeries(times[p], values[p], {},
                                 incidence ? "incidence" : "sigma0_" + m_polarisation, units));
    return out;
}

} // namespace soilscope::products
