// Task "spectrum": spatial power density spectra of maps (zonal and meridional, as in the 60 m
// downscaling workload) or temporal spectra of a station / pixel series (Welch, periodogram,
// Lomb-Scargle), with a CSV of the spectrum.
#include "analysis/spatial_spectrum.h"
#include "analysis/temporal_spectrum.h"
#include "base/atomic_file.h"
#include "base/error.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "products/point_source.h"
#include "tasks/analysis_inputs.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <cmath>
#include <cstdio>
#include <optional>

namespace soilscope::tasks {

namespace {

namespace fs = std::filesystem;
using analysis_inputs::numberOrNull;

nlohmann::json numberArray(const std::vector<double>& values) {
    nlohmann::json out = nlohmann::json::array();
    for (const double x : values)
        out.push_back(numberOrNull(x));
    return out;
}

nlohmann::json fitJson(const analysis::PowerLawFit& f, const analysis::DirectionalSpectrum& s) {
    return {{"k", numberArray(s.k)},
            {"power", numberArray(s.power)},
            {"slope", f.slope},
            {"intercept", f.intercept},
            {"k_min", f.kMin},
            {"k_max", f.kMax},
            {"points", f.points},
            {"r2", f.r2},
            {"k_effective", f.kEffective},
            {"effective_resolution_m", f.effectiveResolutionMetres},
            {"spacing_m", s.spacingMetres},
            {"valid_pairs", s.validPairs}};
}

void appendSpectrumCsv(std::string& text, const analysis::DirectionalSpectrum& s,
                       const analysis::PowerLawFit& f) {
    const char* name = analysis::spectrumDirectionName(s.direction);
    for (std::size_t i = 0; i < s.k.size(); ++i) {
        const double fitted = std::pow(10.0, f.intercept + f.slope * std::log10(s.k[i]));
        text += std::string(name) + "," + csvNumber(s.k[i]) + "," + csvNumber(1.0 / s.k[i]) + "," +
                csvNumber(s.power[i]) + "," + csvNumber(fitted) + "\n";
    }
}

bool looksLikeSeries(const fs::path& path) {
    return analysis_inputs::isStationPath(path) || analysis_inputs::isTablePath(path) ||
           products::recogniseProduct(path) != products::ProductKind::None;
}

} // namespace

class SpectrumTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "spectrum",
            "Power spectrum of maps or a time series",
            "Maps: the spatial power density spectrum, zonal and meridional, as in the 60 m "
            "downscaling paper: forward finite-difference derivative, autocovariance over the "
            "pixel pairs valid in both positions, Fourier transform (Hann lag window), k^-2 "
            "correction, average over the selected dates, and a log-log power-law fit over "
            "[k-min, k-max] (cycles per metre; distances in metres, geodesic for geographic "
            "grids). The effective resolution is 1/(2 k_eff), k_eff being the highest "
            "wavenumber up to which the spectrum, averaged in bins of 0.1 decade, stays within "
            "--departure-factor of the fitted law. Series (CSV, ISMN station, or a raster pixel "
            "with --lon/--lat): Welch for regular series, Lomb-Scargle for gappy ones, "
            "frequency in cycles per day, with the diurnal peak reported.",
            "Analysis",
            {"spectrum --input sm_60m.nc --variable sm --date 2020-06-01,2020-06-06 --csv-out "
             "spectrum.csv --json",
             "spectrum --input dem.tif --band 1 --k-min 1e-4 --k-max 5e-3 --json",
             "spectrum --input stations.zip --station S01 --depth-max 0.05 --json"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto input =
            pathParam("input", "raster (GeoTIFF, NetCDF, ...) for maps; CSV, ISMN folder/zip "
                               "or a raster with --lon/--lat for a series");
        input.fileFilter =
            "Rasters and series (*.tif *.tiff *.nc *.csv *.zip *.stm);;All files (*)";
        std::vector<ParameterSpec> p{
            input,
            choiceParam(
                "kind",
                "map or series spectrum (auto: series for CSV, ISMN and point-product input)",
                {"auto", "map", "series"}, "auto"),
            intParam("band", "map: band of a plain raster (0: time steps of a raster series)", 0,
                     0),
            stringParam("variable", "NetCDF/HDF variable of a raster series"),
            listParam("date",
                      "map: dates (YYYY-MM-DD or full ISO times) to average; empty: all steps"),
            optionalDoubleParam("k-min",
                                "lower end of the fit, cycles per metre (default 8 k_step)"),
            optionalDoubleParam("k-max",
                                "upper end of the fit, cycles per metre (default Nyquist/2)"),
            doubleParam("departure-factor", "effective resolution: allowed departure from the fit",
                        2.0, 1.01, 1000.0),
            choiceParam(
                "correction",
                "undo the derivative by k^-2 (as the paper) or by the exact finite-difference "
                "transfer 4 sin^2(pi k dx)/dx^2",
                {"k2", "finite-difference"}, "k2"),
            intParam("max-lag", "map: largest autocovariance lag in pixels (0: all)", 0, 0),
            choiceParam("method",
                        "series: spectrum method (auto: Welch if regular without gaps, "
                        "else Lomb-Scargle)",
                        {"auto", "welch", "periodogram", "lomb-scargle"}, "auto"),
            intParam("segment", "series: Welch segment length in samples (0: automatic)", 0, 0),
            outputParam("csv-out", "CSV of the spectrum", false)};
        for (auto& s : analysis_inputs::seriesSelectionParams())
            p.push_back(s);
        return p;
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"spectrum", OutputKind::Spectrum,
                 "the power spectra with their fits (maps: zonal and meridional, with --csv-out "
                 "their CSV; "
                 "series: power against frequency)"},
                {"table", OutputKind::Table,
                 "series: the spectrum as CSV (frequency_per_day, period_hours, power)"}};
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        const fs::path input = v.path("input");
        std::string kind = v.text("kind");
        if (kind == "auto" || kind.empty())
            kind = looksLikeSeries(input) || v.optionalReal("lon") ? "series" : "map";
        return kind == "map" ? runMap(v, feedback) : runSeries(v, feedback);
    }

  private:
    TaskResult runMap(const ParameterValues& v, Feedback& feedback) {
        const fs::path input = v.path("input");
        std::vector<std::vector<float>> maps;
        geo::Grid grid;
        std::vector<std::string> labels;
        const long long band = v.integer("band");
        feedback.setProgress(2);
        analysis::SpatialSpectrumOptions options;
        options.maxLag = static_cast<int>(v.integer("max-lag"));
        options.feedback = &feedback;
        options.correction = v.text("correction") == "finite-difference"
                                 ? analysis::DerivativeCorrection::FiniteDifference
                                 : analysis::DerivativeCorrection::KMinus2;
        std::unique_ptr<analysis::SpatialSpectrumAccumulator> acc;
        geo::GroundSpacing spacing;
        std::size_t rejected = 0;
        std::string source = input.string(); // the file or subdataset whose pixels are read
        const auto addMap = [&](const std::vector<float>& map, const std::string& label) {
            if (!acc) {
                spacing = analysis_inputs::meanGroundSpacing(grid);
                std::optional<geo::GroundSpacing> located;
                if (!grid.hasCrs())
                    located = geo::Raster(source).geolocationSpacing();
                if (located)
                    spacing = *located;
                else if (!grid.hasCrs())
                    feedback.warning(input.string() +
                                     " has no CRS: pixel units are taken as metres");
                acc = std::make_unique<analysis::SpatialSpectrumAccumulator>(
                    grid.width(), grid.height(), spacing.dxMetres, spacing.dyMetres, options);
            }
            if (acc->add(map))
                labels.push_back(label);
            else {
                ++rejected;
                feedback.warning("skipped " + label + ": too few valid pixels");
            }
        };
        if (band > 0) {
            const geo::Raster raster(input);
            if (band > raster.bandCount())
                throw Error("band " + std::to_string(band) + " does not exist (the raster has " +
                                std::to_string(raster.bandCount()) + ")",
                            input.string());
            grid = raster.grid();
            addMap(raster.readBand(static_cast<int>(band)), "band " + std::to_string(band));
        } else {
            std::optional<geo::RasterSeries> rs;
            try {
                rs = geo::RasterSeries::open(input, v.text("variable"));
            } catch (const Error&) {
                if (!v.list("date").empty() || !v.text("variable").empty())
                    throw;
            }
            if (rs) {
                grid = rs->grid();
                source = rs->sourceOf(0);
                const auto steps = analysis_inputs::selectSteps(*rs, v.list("date"));
                for (std::size_t i = 0; i < steps.size(); ++i) {
                    feedback.throwIfCanceled();
                    feedback.setProgress(5.0 + 85.0 * static_cast<double>(i) /
                                                   static_cast<double>(steps.size()));
                    addMap(rs->readTime(steps[i]), formatIsoTime(rs->times()[steps[i]]));
                }
            } else {
                const geo::Raster raster(input);
                grid = raster.grid();
                if (raster.bandCount() > 1)
                    feedback.info(input.string() +
                                  " has no time axis: using band 1 (choose with --band)");
                addMap(raster.readBand(1), "band 1");
            }
        }
        if (!acc || acc->count() == 0)
            throw Error("no map with enough valid pixels for a spectrum", input.string());
        feedback.setProgress(92);
        const double kMin = v.optionalReal("k-min").value_or(0.0);
        const double kMax = v.optionalReal("k-max").value_or(0.0);
        for (const auto& [name, k] : {std::pair{"--k-min", kMin}, std::pair{"--k-max", kMax}})
            if (k < 0.0)
                throw UsageError(
                    std::string(name) + " must be a wave number >= 0 (cycles per metre)", name);
        const double factor = v.real("departure-factor");
        const auto zonal = acc->zonal();
        const auto meridional = acc->meridional();
        const auto fz = analysis::fitPowerLaw(zonal, kMin, kMax, factor);
        const auto fm = analysis::fitPowerLaw(meridional, kMin, kMax, factor);

        TaskResult result;
        auto& j = result.json;
        j["kind"] = "map";
        j["input"] = input.string();
        j["dates"] = labels;
        j["maps"] = acc->count();
        j["skipped"] = rejected;
        j["width"] = grid.width();
        j["height"] = grid.height();
        j["correction"] = v.text("correction");
        j["k_unit"] = "cycles per metre";
        j["zonal"] = fitJson(fz, zonal);
        j["meridional"] = fitJson(fm, meridional);
        if (v.has("csv-out") && !v.text("csv-out").empty()) {
            std::string text = "direction,k_cycles_per_m,wavelength_m,power,fitted_power\n";
            appendSpectrumCsv(text, zonal, fz);
            appendSpectrumCsv(text, meridional, fm);
            writeTextAtomically(v.path("csv-out"), text);
            j["csv"] = v.path("csv-out").string();
        }
        OutputValue spectrumOutput = declaredOutput(
            outputs(), "spectrum", j.contains("csv") ? j["csv"].get<std::string>() : std::string());
        result.outputs.push_back(std::move(spectrumOutput));
        char buf[256];
        std::snprintf(
            buf, sizeof buf,
            "%zu map(s); zonal slope %.3f (r_eff %.0f m), meridional slope %.3f (r_eff %.0f m)",
            acc->count(), fz.slope, fz.effectiveResolutionMetres, fm.slope,
            fm.effectiveResolutionMetres);
        result.summary = buf;
        feedback.setProgress(100);
        return result;
    }

    TaskResult runSeries(const ParameterValues& v, Feedback& feedback) {
        const auto loaded = analysis_inputs::loadSeries(v, "input", feedback);
        feedback.setProgress(40);
        const std::string method = v.text("method");
        analysis::TemporalSpectrumMethod m = analysis::TemporalSpectrumMethod::Welch;
        if (method == "periodogram")
            m = analysis::TemporalSpectrumMethod::Periodogram;
        else if (method == "lomb-scargle")
            m = analysis::TemporalSpectrumMethod::LombScargle;
        const auto spectrum = analysis::seriesSpectrum(
            loaded.series, m, method == "auto", static_cast<std::size_t>(v.integer("segment")));
        feedback.setProgress(90);
        const double nyquist =
            spectrum.frequencyPerDay.empty() ? 0.0 : spectrum.frequencyPerDay.back();
        const double peak = analysis::peakFrequency(spectrum, 0.0, nyquist);
        TaskResult result;
        auto& j = result.json;
        j["kind"] = "series";
        j["input"] = v.path("input").string();
        j["series"] = loaded.description;
        j["method"] = analysis::temporalSpectrumMethodName(spectrum.method);
        j["n"] = spectrum.samples;
        j["segments"] = spectrum.segments;
        j["step_hours"] = spectrum.stepDays * 24.0;
        j["frequency_unit"] = "cycles per day";
        j["frequency_per_day"] = numberArray(spectrum.frequencyPerDay);
        j["power"] = numberArray(spectrum.power);
        j["peak_frequency_per_day"] = numberOrNull(peak);
        j["peak_period_hours"] = numberOrNull(24.0 / peak);
        nlohmann::json diurnal = nullptr;
        if (nyquist >= 1.0) {
            const double f = analysis::peakFrequency(spectrum, 0.8, 1.25);
            diurnal = {{"peak_frequency_per_day", numberOrNull(f)},
                       {"prominence", numberOrNull(analysis::peakProminence(spectrum, 1.0))}};
        }
        j["diurnal"] = diurnal;
        if (v.has("csv-out") && !v.text("csv-out").empty()) {
            std::string text = "frequency_per_day,period_hours,power\n";
            for (std::size_t i = 0; i < spectrum.frequencyPerDay.size(); ++i)
                text += csvNumber(spectrum.frequencyPerDay[i]) + "," +
                        csvNumber(24.0 / spectrum.frequencyPerDay[i]) + "," +
                        csvNumber(spectrum.power[i]) + "\n";
            writeTextAtomically(v.path("csv-out"), text);
            j["csv"] = v.path("csv-out").string();
        }
        // The series CSV has other columns than the maps' (direction, k_cycles_per_m, power): a
        // plain table.
        OutputValue spectrumOutput = declaredOutput(outputs(), "spectrum", "");
        result.outputs.push_back(std::move(spectrumOutput));
        if (j.contains("csv"))
            result.outputs.push_back(
                declaredOutput(outputs(), "table", j["csv"].get<std::string>()));
        char buf[200];
        std::snprintf(buf, sizeof buf, "%s spectrum of %zu values; strongest period %.1f h",
                      analysis::temporalSpectrumMethodName(spectrum.method), spectrum.samples,
                      24.0 / peak);
        result.summary = buf;
        feedback.setProgress(100);
        return result;
    }
};

SOILSCOPE_REGISTER_TASK(SpectrumTask, "spectrum")

} // namespace soilscope::tasks
