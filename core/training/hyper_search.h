#pragma once
#include "features/dataset.h"
#include "models/model_spec.h"
#include "training/epoch_report.h"
#include "training/split_scheme.h"
#include "training/train_settings.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace soilscope::training {

/// Random search over a model family's parameters and, with keys "training.<setting>", over
/// training settings (e.g. "training.optimizer.lr").
/// `space` maps a parameter name to {"min": a, "max": b, "log": bool} or {"choices": [...]};
/// parameters not named keep the base spec's value (or default); training ranges need min and
/// max.
struct SearchSettings {
    int draws = 20;
    unsigned long long seed = 7;
    nlohmann::json space = nlohmann::json::object();
    std::string score = "rmse"; ///< metric minimised (rmse, mae) or maximised (r, r2)
    int innerFolds = 0; ///< 0: score on split.validation; k ≥ 2: nested k-fold CV on train
    std::string innerGroupBy =
        "sample"; ///< grouping of the inner folds (sample, station, cell, user)

    nlohmann::json toJson() const;
    static SearchSettings fromJson(const nlohmann::json& json);
};

/// One random draw, scored honestly (inner validation) and on the test set.
struct SearchDraw {
    models::ModelSpec spec;
    /// Training settings drawn ("optimizer.lr" → value); empty when the space has none.
    nlohmann::json training = nlohmann::json::object();
    double innerScore = 0.0;
    double testScore = 0.0;
    std::map<std::string, double> testMetrics;

    /// Lossless: ±infinity as "inf"/"-inf", NaN as null.
    nlohmann::json toJson() const;
    static SearchDraw fromJson(const nlohmann::json& json);
};

/// Both selections side by side: honest picks the best inner score, oracle the best test
/// score (an upper bound, as some papers report).
struct SearchResult {
    std::vector<SearchDraw> draws;
    std::size_t honestIndex = 0;
    std::size_t oracleIndex = 0;
    /// Draws without loss (SearchDraw::toJson) and both selections.
    nlohmann::json toJson() const;
    static SearchResult fromJson(const nlohmann::json& json);
};

/// Draws a spec from the space (exposed for tests and the sweep task).
models::ModelSpec drawSpec(const models::ModelSpec& base, const nlohmann::json& space,
                           unsigned long long seed);

/// Draws the "training.*" entries of the space ("optimizer.lr" → value), from a stream of
/// their own so that a space's model draws do not change when training entries are added.
nlohmann::json drawTraining(const nlohmann::json& space, unsigned long long seed);
/// `settings` with the drawn training values set (dotted names into TrainSettings::toJson()).
TrainSettings withDrawnTraining(const TrainSettings& settings, const nlohmann::json& drawn);

/// Draw number d (0-based) of a search: its spec (seeded by d), inner and test scores.
SearchDraw searchDraw(const models::ModelSpec& base, const TrainSettings& settings,
                      const features::Dataset& data, const Split& split,
                      const SearchSettings& search, int d, Feedback& feedback);

/// The honest and oracle selections among the draws (first of equals).
SearchResult selectDraws(std::vector<SearchDraw> draws, const std::string& score);

/// Runs the search on one split, draw after draw; throws soilscope::CanceledError when canceled.
SearchResult randomSearch(const models::ModelSpec& base, const TrainSettings& settings,
                          const features::Dataset& data, const Split& split,
                          const SearchSettings& search, Feedback& feedback);

} // namespace soilscope::training
