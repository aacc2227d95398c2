// sar_ml_scenarios: its options (the paper's defaults; /training/workload overrides them) and the
// outputs it writes.
#include "workloads/pipelines.h"

namespace soilscope::workloads {

nlohmann::json sarMlScenariosOptions() {
    return {{"methods", {"random_forest", "xgboost", "svr", "mlp"}},
            {"repeats", 3},
            {"draws", 8},
            {"match_sizes", true},
            {"dependent_fractions", {0.01, 0.03, 0.05}},
            {"temporal_samples_per_cell", {1, 11, 21}},
            {"spatial_cells", {1, 9, 25}},
            {"min_train_samples", 10},
            {"validation_fraction", 0.25},
            {"regional", true},
            {"regional_network", "auto"},
            {"regional_campaign_start", "auto"},
            {"regional_campaign_days", 21},
            {"regional_margin_pixels", 3},
            {"regional_max_test_samples", 2000},
            {"map", true},
            {"permutation_repeats", 5},
            {"seed", 1}};
}

std::vector<OutputSpec> sarMlScenariosOutputs() {
    using K = OutputKind;
    return {
        {"scenario_results", K::Table,
         "test metrics per scenario, size, repeat, method and selection"},
        {"learning_curves", K::LearningCurves,
         "honest test RMSE per scenario, method and training size"},
        {"search_draws", K::JsonDocument, "every random-search draw with inner and test scores"},
        {"dependent_best_honest_map", K::Raster, "soil-moisture map of the best honest model"},
        {"test_pairs", K::SeriesPairs, "observed and predicted test samples of the map's model"},
        {"feature_importance", K::Table,
         "permutation importance per scenario and method (test RMSE increase per shuffled "
         "predictor)"},
        {"method_tests", K::Table,
         "paired t-tests of the methods' honest test RMSE per scenario (p < 0.01 as the paper)"}};
}

std::map<std::string, OptionNote> sarMlScenariosOptionNotes() {
    return {
        {"methods", {"the methods compared (random_forest, xgboost, svr, mlp)", {}}},
        {"repeats", {"repeats of every sub-scenario (the paper: 50, too slow on 2 cores)", {}}},
        {"draws", {"random-search draws per fit (the paper: 100, too slow on 2 cores)", {}}},
        {"match_sizes",
         {"train the three scenarios on matched sample counts (those of the temporal scenario); "
          "false uses dependent_fractions and spatial_cells (not in source)",
          {}}},
        {"dependent_fractions",
         {"dependent scenario: shares of the samples trained on (only with match_sizes false)",
          {}}},
        {"temporal_samples_per_cell",
         {"temporal scenario: training samples per cell (the paper: 1, 3, ..., 21)", {}}},
        {"spatial_cells", {"spatial scenario: cells trained on (only with match_sizes false)", {}}},
        {"min_train_samples",
         {"sub-scenarios with fewer training samples are skipped and reported", {}}},
        {"validation_fraction", {"honest tuning: validation share of the training part", {}}},
        {"regional",
         {"regional scenario: train on one network's stations, test on a campaign reference map "
          "around them (the paper: OzNet in situ → airborne campaign maps at 1 km); needs a "
          "'truth' data role on the sample grid",
          {}}},
        {"regional_network",
         {"network trained on in the regional scenario; auto = the network with the most "
          "stations",
          {}}},
        {"regional_campaign_start",
         {"first day of the campaign window (ISO date); auto = 1 June of the last year of the "
          "sample dates (not in source)",
          {}}},
        {"regional_campaign_days",
         {"length of the campaign window in days (the SMAPEx campaigns: about three weeks); the "
          "network's samples inside it are not trained on",
          {}}},
        {"regional_margin_pixels",
         {"the campaign map covers the network's stations plus this margin in sample-grid pixels "
          "(not in source)",
          {}}},
        {"regional_max_test_samples",
         {"an even subsample of the campaign-map pixels × dates beyond this count", {}}},
        {"map", {"write the prediction map of the best honest model", {}}},
        {"permutation_repeats",
         {"shuffles per predictor of the permutation importance of each method's honest pick at "
          "the largest size of repeat 1; 0 = none (not in source: the method names it as what a "
          "tool adds)",
          {}}},
        {"seed", {"seed of the sub-scenario draws and the searches", {}}},
    };
}

} // namespace soilscope::workloads
