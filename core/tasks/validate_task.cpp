// Task "validate": compares a candidate time series with a reference (CSV files or ISMN
// stations) the way pytesmo does: flag filtering, optional anomalies, reference-driven
// temporal matching, optional scaling, then metrics with confidence intervals.
#include "analysis/bootstrap.h"
#include "analysis/confidence_intervals.h"
#include "analysis/metrics.h"
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/time_utils.h"
#include "series/quality_flags.h"
#include "series/scaler.h"
#include "series/temporal_matching.h"
#include "stations/sensor_selection.h"
#include "tasks/series_sources.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace soilscope::tasks {

namespace {

namespace fs = std::filesystem;

nlohmann::json numberOrNull(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

nlohmann::json intervalJson(const analysis::Interval& i) {
    return nlohmann::json::array({numberOrNull(i.lower), numberOrNull(i.upper)});
}

void writePairs(const fs::path& target, const series::MatchedPairs& pairs) {
    std::string text = "time,reference,candidate,candidate_time\n";
    text.reserve(pairs.size() * 64);
    char buf[64];
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        text += formatIsoTime(pairs.times[i]);
        std::snprintf(buf, sizeof buf, ",%.10g,%.10g,", pairs.reference[i], pairs.candidate[i]);
        text += buf;
        text += formatIsoTime(pairs.candidateTimes[i]);
        text += '\n';
    }
    writeTextAtomically(target, text);
}

} // namespace

class ValidateTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "validate",
            "Validate a time series against a reference",
            "Matches every reference observation with the nearest valid candidate observation "
            "within ±window (as pytesmo's combined_temporal_collocation; flagged and missing "
            "values are removed first, or as pytesmo itself with --matching pytesmo), optionally "
            "on anomalies and after scaling the candidate to the reference, and reports n, "
            "Pearson R, Spearman rho, Kendall tau with p-values, bias (candidate − reference), "
            "RMSD, ubRMSD, MAE, MSE and its decomposition, NSE and KGE with analytical (and, "
            "with --bootstrap, percentile bootstrap) confidence intervals.",
            "Validation",
            {"validate --reference station.csv --reference-column sm --reference-flag-column flag "
             "--candidate product.csv --candidate-column sm --flags G --window 1h --json",
             "validate --reference ismn.zip --station Narbonne --depth-max 0.05 --candidate "
             "model.csv --candidate-column sm --anomalies climatology --scaling cdf"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        std::vector<ParameterSpec> p = sourceParams("reference");
        for (auto& c : sourceParams("candidate"))
            p.push_back(std::move(c));
        for (auto& c : comparisonParams())
            p.push_back(std::move(c));
        p.push_back(choiceParam("scaling", "scale the candidate to the reference",
                                {"none", "mean_std", "min_max", "linreg", "cdf"}, "none"));
        auto seed = intParam("seed", "random seed of the bootstrap", 42, 0, 4294967295.0);
        seed.advanced = true;
        p.push_back(choiceParam("matching",
                                "nearest: nearest valid candidate; pytesmo: nearest "
                                "candidate, pair dropped when it is missing",
                                {"nearest", "pytesmo"}, "nearest"));
        p.push_back(intParam("bootstrap", "bootstrap resamples for percentile intervals (0: none)",
                             0, 0, 100000));
        p.push_back(seed);
        p.push_back(
            doubleParam("alpha", "1 − confidence level of the intervals", 0.05, 0.001, 0.5));
        p.push_back(outputParam(
            "pairs-out", "CSV of the matched pairs (time,reference,candidate,candidate_time)",
            false));
        return p;
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"pairs", OutputKind::SeriesPairs,
                 "the matched pairs (time, reference, candidate, candidate_time), after anomalies "
                 "and scaling",
                 "pairs-out"}};
    }

    void validate(const ParameterValues& v) const override {
        validateComparison(v);
        for (const std::string role : {"reference", "candidate"})
            validateSource(v, role);
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        std::vector<SourceSpec> specs{sourceSpec(v, "reference"), sourceSpec(v, "candidate")};
        const SourceSpec& refSpec = specs[0];
        const SourceSpec& candSpec = specs[1];
        const std::uint32_t accepted = stations::parseAcceptedFlags(v.text("flags"));
        const auto window = v.duration("window");
        const std::string anomalies = v.text("anomalies");

        auto loaded = loadSources(specs, feedback, 2.0, 40.0);
        LoadedSeries& ref = loaded[0];
        LoadedSeries& cand = loaded[1];
        if (const auto note = harmoniseUnits(ref.series.units, cand.series); !note.text.empty())
            note.warning ? feedback.warning(note.text) : feedback.info(note.text);
        feedback.throwIfCanceled();
        feedback.setProgress(40.0);
        applyFlags(ref, accepted);
        applyFlags(cand, accepted);
        toAnomalies(ref.series, anomalies, v.real("anomaly-window"));
        toAnomalies(cand.series, anomalies, v.real("anomaly-window"));

        series::MatchOptions match;
        match.window = window;
        match.mode = v.text("matching") == "pytesmo" ? series::MatchingMode::Pytesmo
                                                     : series::MatchingMode::Nearest;
        series::MatchedPairs pairs = series::matchTemporal(ref.series, cand.series, match);
        if (pairs.empty())
            throw Error("no overlapping observations within ±" + v.text("window") +
                            " between reference " + refSpec.path.string() + " (" + ref.description +
                            ": " + span(ref) + ") and candidate " + candSpec.path.string() + " (" +
                            cand.description + ": " + span(cand) + ")",
                        refSpec.path.string() + ", " + candSpec.path.string());
        feedback.setProgress(50.0);

        const auto scalingMethod = series::parseScalingMethod(v.text("scaling"));
        const auto scaler = series::Scaler::fit(scalingMethod, pairs.candidate, pairs.reference);
        pairs.candidate = scaler.apply(pairs.candidate);

        const double alpha = v.real("alpha");
        const analysis::Metrics m = analysis::computeMetrics(pairs);
        const auto ci = analysis::analyticIntervals(pairs.reference, pairs.candidate, m, alpha);
        TaskResult result;
        result.json = analysis::metricsToJson(m);
        result.json["reference_units"] = ref.series.units;
        result.json["candidate_units"] = cand.series.units;
        nlohmann::json ciJson = nlohmann::json::object();
        for (const auto& [name, interval] : ci)
            ciJson[name] = intervalJson(interval);
        result.json["ci"] = ciJson;

        const long long resamples = v.integer("bootstrap");
        std::map<std::string, analysis::Interval> boot;
        if (resamples > 0) {
            analysis::BootstrapOptions bo;
            bo.resamples = static_cast<int>(resamples);
            bo.seed = static_cast<std::uint64_t>(v.integer("seed"));
            bo.alpha = alpha;
            FeedbackSlice resampling(feedback, 55, 95);
            bo.feedback = &resampling;
            boot = analysis::bootstrapIntervals(pairs.reference, pairs.candidate, bo);
            nlohmann::json bj = nlohmann::json::object();
            for (const auto& [name, interval] : boot)
                bj[name] = intervalJson(interval);
            result.json["ci_bootstrap"] = bj;
        }
        if (v.has("pairs-out") && !v.text("pairs-out").empty()) {
            writePairs(v.path("pairs-out"), pairs);
            result.json["pairs_out"] = v.path("pairs-out").string();
            result.outputs.push_back(
                declaredOutput(outputs(), "pairs", v.path("pairs-out").string()));
        }
        result.json["reference"] = {
            {"path", refSpec.path.string()}, {"series", ref.description}, {"n_valid", ref.valid}};
        result.json["candidate"] = {{"path", candSpec.path.string()},
                                    {"series", cand.description},
                                    {"n_valid", cand.valid}};
        result.json["window_s"] = window.count();
        result.json["matching"] = v.text("matching");
        result.json["scaling"] = v.text("scaling");
        result.json["anomalies"] = anomalies;
        result.json["alpha"] = alpha;
        if (scalingMethod == series::ScalingMethod::MeanStd ||
            scalingMethod == series::ScalingMethod::MinMax ||
            scalingMethod == series::ScalingMethod::LinReg)
            result.json["scaling_coefficients"] = {{"slope", scaler.slope()},
                                                   {"intercept", scaler.intercept()}};

        const std::string level = fmt(100.0 * (1.0 - alpha), "%g") + "% CI";
        auto line = [&](const std::string& name, double value, const std::string& extra = {}) {
            std::string s =
                "  " + name + std::string(name.size() < 9 ? 9 - name.size() : 0, ' ') + fmt(value);
            if (auto it = ci.find(name); it != ci.end())
                s += "  [" + fmt(it->second.lower) + ", " + fmt(it->second.upper) + "] " + level;
            else if (auto b = boot.find(name); b != boot.end())
                s += "  [" + fmt(b->second.lower) + ", " + fmt(b->second.upper) + "] bootstrap";
            return s + extra + "\n";
        };
        std::string& out = result.summary;
        out = "Reference: " + ref.description + " (" + span(ref) + ")\n";
        out += "Candidate: " + cand.description + " (" + span(cand) + ")\n";
        out += "Matching:  " + v.text("matching") + " within ±" + v.text("window") + ", scaling " +
               v.text("scaling") + ", anomalies " + anomalies + "\n";
        out += "  n        " + std::to_string(m.n) + "\n";
        out += line("R", m.r, "  p = " + fmt(m.pR, "%.3g"));
        out += line("rho", m.rho, "  p = " + fmt(m.pRho, "%.3g"));
        out += line("tau", m.tau, "  p = " + fmt(m.pTau, "%.3g"));
        out += line("bias", m.bias, "  (candidate − reference)");
        out += line("RMSD", m.rmsd);
        out += line("ubRMSD", m.ubrmsd);
        out += line("MAE", m.mae);
        out += line("MSE", m.mse,
                    "  = corr " + fmt(m.mseCorr, "%.3g") + " + var " + fmt(m.mseVar, "%.3g") +
                        " + bias " + fmt(m.mseBias, "%.3g"));
        out += line("NSE", m.nse);
        out += line("KGE", m.kge);
        if (result.json.contains("pairs_out"))
            out += "Pairs written to " + v.text("pairs-out") + "\n";
        if (!out.empty() && out.back() == '\n')
            out.pop_back();
        feedback.setProgress(100.0);
        return result;
    }
};

SOILSCOPE_REGISTER_TASK(ValidateTask, "validate")

} // namespace soilscope::tasks
