#include "workloads/workload_runner.h"

#include "base/error.h"
#include "workloads/pipelines.h"

#include <algorithm>

namespace soilscope::workloads {

std::vector<std::string> workloadIds() {
    return {"cnn_ascat_intraday", "sar_ml_scenarios", "ffnn_downscaling_60m", "wcm_lstm",
            "lstm_s1_s2_weather"};
}

bool isWorkload(const std::string& id) {
    const auto ids = workloadIds();
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::vector<OutputSpec> workloadOutputs(const std::string& id) {
    using K = OutputKind;
    std::vector<OutputSpec> o;
    if (id == "cnn_ascat_intraday")
        o = {{"station_metrics", K::StationMetrics, "per-station temporal R and bias of the CNN, the H120-like benchmark and reanalysis-o vs the stations"},
             {"intraday_conditions", K::Table, "r(ΔSM), r(SM_max), r(SM_min) of CNN vs reanalysis-o per precipitation condition"},
             {"intraday_pixel_means", K::IntradayMeans, "per-pixel intraday means (hour of max/min, SM_max, SM_min, ΔSM, days) of CNN, reanalysis-o, reanalysis-24h"},
             {"intraday", K::IntradayTable, "intraday amplitude summary: r(ΔSM) and N per precipitation condition"},
             {"bundle", K::Bundle, "locally connected CNN bundle, one per orbit direction"},
             {"maps_last_test_overpass", K::Raster, "maps of the last test overpass (reference-o, CNN, differences)"}};
    else if (id == "sar_ml_scenarios")
        o = {{"scenario_results", K::Table, "test metrics per scenario, size, repeat, method and selection"},
             {"learning_curves", K::LearningCurves, "honest test RMSE per scenario, method and training size"},
             {"search_draws", K::JsonDocument, "every random-search draw with inner and test scores"},
             {"dependent_best_honest_map", K::Raster, "soil-moisture map of the best honest model"},
             {"test_pairs", K::SeriesPairs, "observed and predicted test samples of the map's model"}};
    else if (id == "ffnn_downscaling_60m")
        o = {{"coarse_test", K::Table, "coarse test samples: target and estimate"},
             {"bundle", K::Bundle, "FFNN ensemble bundle"},
             {"fine_dates", K::Table, "60 m estimate and coarse product against the fine truth, per date"},
             {"subcell_attribution", K::Table, "within-cell skill with each predictor held at its cell mean"},
             {"map_60m", K::Raster, "60 m estimate, fine truth, coarse product, error and per-pixel MAE"},
             {"spectra", K::Spectrum, "zonal and meridional power density spectra"},
             {"spectra_fits", K::JsonDocument, "power-law slopes and effective resolutions"}};
    else if (id == "wcm_lstm")
        o = {{"folds", K::Table, "RMSE, R and A per fold (WCM baseline vs WCM-LSTM)"},
             {"scatter", K::Table, "per-fold inputs, observed, WCM and WCM-LSTM values"},
             {"bundle", K::Bundle, "WCM-LSTM bundle of fold 1"},
             {"wcm_baseline_map", K::RasterSeries, "WCM baseline soil-moisture maps"},
             {"wcm_lstm_map", K::RasterSeries, "WCM-LSTM soil-moisture maps"},
             {"map_stations", K::Table, "the map at the station pixels beside the station model (sanity check)"}};
    else if (id == "lstm_s1_s2_weather")
        o = {{"predictions", K::Table, "held-out station series: observed, LSTM and climatology"},
             {"per_station", K::Table, "per-station MAE of the LSTM and of the climatology baseline"},
             {"bundle", K::Bundle, "model bundle of the first split"},
             {"sm_map", K::RasterSeries, "LSTM soil-moisture maps"},
             {"map_stations", K::Table, "the map at the station pixels beside the station model (sanity check)"}};
    else
        throw Error("'" + id + "' is not one of the five workloads");
    o.push_back({"report", K::Report, "the run's Markdown report: settings, metrics, findings, outputs"});
    o.push_back({"run", K::Run, "the run in the project's run store"});
    return o;
}

WorkloadResult runWorkload(const project::ProjectFile& project, const WorkloadOptions& options,
                           Feedback& feedback) {
    const std::string& w = project.workload;
    if (w == "cnn_ascat_intraday") return runCnnAscatIntraday(project, options, feedback);
    if (w == "sar_ml_scenarios") return runSarMlScenarios(project, options, feedback);
    if (w == "ffnn_downscaling_60m") return runFfnnDownscaling(project, options, feedback);
    if (w == "wcm_lstm") return runWcmLstm(project, options, feedback);
    if (w == "lstm_s1_s2_weather") return runLstmS1S2Weather(project, options, feedback);
    throw Error("/workload: '" + w + "' is not one of the five workloads", project.file.string());
}

} // namespace soilscope::workloads
