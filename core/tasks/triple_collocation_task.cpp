// Task "triple_collocation": error standard deviation, signal-to-noise ratio and scaling of three
// collocated soil moisture data sets with independent errors (pytesmo's tcol_metrics, as QA4SM
// reports them), e.g. a station, a satellite product and a model.
#include "analysis/triple_collocation.h"
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/time_utils.h"
#include "series/temporal_matching.h"
#include "stations/sensor_selection.h"
#include "tasks/series_sources.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace soilscope::tasks {

namespace {

constexpr std::array<const char*, 3> kRoles{"reference", "candidate", "third"};

/// Below this many triplets the estimates are too noisy to read (Zwieback et al. 2012 suggest
/// several hundred); the task still reports them, with a warning.
constexpr std::size_t kFewTriplets = 100;

void writeTriplets(const std::filesystem::path& target, const series::Collocation& c) {
    std::string text = "time,reference,candidate,third\n";
    char buf[96];
    for (std::size_t i = 0; i < c.size(); ++i) {
        std::snprintf(buf, sizeof buf, ",%.10g,%.10g,%.10g\n", c.reference[i], c.others[0][i],
                      c.others[1][i]);
        text += formatIsoTime(c.times[i]) + buf;
    }
    writeTextAtomically(target, text);
}

} // namespace

class TripleCollocationTask : public Task {
  public:
    TaskInfo info() const override {
        return {"triple_collocation",
                "Triple collocation of three data sets",
                "Matches the candidate and the third data set to every valid reference observation "
                "within ±window (nearest valid observation; a reference time is kept only when "
                "both have one), optionally on anomalies, and estimates for each of the three "
                "its random error standard deviation (in the reference's units), its "
                "signal-to-noise ratio in dB and its scaling factor to the reference, assuming "
                "errors independent of each other and of the signal (McColl et al. 2014, "
                "covariance notation as pytesmo's tcol_metrics).",
                "Validation",
                {"triple_collocation --reference ismn.zip --station AG01 --depth-max 0.05 "
                 "--candidate ascat.csv --candidate-column sm --third model.csv --third-column sm "
                 "--window 12h --anomalies climatology --json"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        std::vector<ParameterSpec> p;
        for (const char* role : kRoles)
            for (auto& spec :
                 sourceParams(role, std::string(role) == "third" ? "third data set" : ""))
                p.push_back(std::move(spec));
        for (auto& spec : comparisonParams())
            p.push_back(std::move(spec));
        p.push_back(outputParam("triplets-out",
                                "CSV of the collocated triplets "
                                "(time,reference,candidate,third)",
                                false));
        return p;
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"triplets", OutputKind::Table,
                 "the collocated triplets (time, reference, candidate, third)"}};
    }

    void validate(const ParameterValues& v) const override {
        validateComparison(v);
        for (const char* role : kRoles)
            validateSource(v, role);
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        const std::uint32_t accepted = stations::parseAcceptedFlags(v.text("flags"));
        const std::string anomalies = v.text("anomalies");
        std::vector<SourceSpec> specs;
        for (const char* role : kRoles)
            specs.push_back(sourceSpec(v, role));
        auto data = loadSources(specs, feedback, 5.0, 80.0);
        for (auto& d : data) {
            applyFlags(d, accepted);
            toAnomalies(d.series, anomalies, v.real("anomaly-window"));
        }
        series::MatchOptions match;
        match.window = v.duration("window");
        const series::Collocation c =
            series::collocate(data[0].series, {&data[1].series, &data[2].series}, match);
        const std::string files =
            specs[0].path.string() + ", " + specs[1].path.string() + ", " + specs[2].path.string();
        if (c.size() < 3)
            throw Error(std::to_string(c.size()) + " collocated triplets within ±" +
                            v.text("window") + " (at least 3 needed; reference " + span(data[0]) +
                            ", candidate " + span(data[1]) + ", third " + span(data[2]) + ")",
                        files);
        if (c.size() < kFewTriplets)
            feedback.warning("only " + std::to_string(c.size()) +
                             " collocated triplets: triple collocation estimates are noisy below "
                             "a few hundred");
        feedback.setProgress(90.0);
        const auto tc = analysis::tripleCollocation(c.reference, c.others[0], c.others[1], 0);

        TaskResult result;
        result.json["n"] = c.size();
        result.json["window_s"] = match.window.count();
        result.json["anomalies"] = anomalies;
        nlohmann::json sets = nlohmann::json::array();
        std::string& out = result.summary;
        out = "Triple collocation of " + std::to_string(c.size()) + " triplets within ±" +
              v.text("window") + ", anomalies " + anomalies + "\n";
        out += "  data set    error std  SNR (dB)  beta   series\n";
        for (std::size_t k = 0; k < 3; ++k) {
            auto number = [](double x) {
                return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json();
            };
            sets.push_back({{"role", kRoles[k]},
                            {"path", specs[k].path.string()},
                            {"series", data[k].description},
                            {"n_valid", data[k].valid},
                            {"error_std", number(tc.errorStd[k])},
                            {"snr_db", number(tc.snrDb[k])},
                            {"beta", number(tc.beta[k])}});
            char line[160];
            std::snprintf(line, sizeof line, "  %-10s  %9s  %8s  %5s  ", kRoles[k],
                          fmt(tc.errorStd[k]).c_str(), fmt(tc.snrDb[k], "%.2f").c_str(),
                          fmt(tc.beta[k], "%.3f").c_str());
            out += line + data[k].description + "\n";
        }
        result.json["data_sets"] = sets;
        out += "Error standard deviations are in the reference's units (each data set scaled by "
               "beta to the reference); n/a where the covariances contradict the error model.";
        if (v.has("triplets-out") && !v.text("triplets-out").empty()) {
            writeTriplets(v.path("triplets-out"), c);
            result.json["triplets_out"] = v.path("triplets-out").string();
            result.outputs.push_back(
                declaredOutput(outputs(), "triplets", v.path("triplets-out").string()));
            out += "\nTriplets written to " + v.text("triplets-out");
        }
        feedback.setProgress(100.0);
        return result;
    }
};

SOILSCOPE_REGISTER_TASK(TripleCollocationTask, "triple_collocation")

} // namespace soilscope::tasks
