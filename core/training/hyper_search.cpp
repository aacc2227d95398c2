#include "training/hyper_search.h"

#include "base/error.h"
#include "base/json_text.h"
#include "training/evaluation.h"
#include "training/fold.h"
#include "training/trainer.h"

#include <cmath>
#include <limits>
#include <random>
#include <string_view>

namespace soilscope::training {

namespace {

constexpr const char* kTrainingPrefix = "training.";

bool higherIsBetter(const std::string& score) {
    return score == "r" || score == "r2";
}

double scoreOf(const std::map<std::string, double>& metrics, const std::string& score) {
    const auto it = metrics.find(score);
    if (it == metrics.end())
        throw Error("unknown score '" + score + "'", "search");
    const double v = it->second;
    if (!std::isfinite(v))
        return std::numeric_limits<double>::infinity();
    return higherIsBetter(score) ? -v : v; // minimised internally
}

} // namespace

nlohmann::json drawTraining(const nlohmann::json& space, unsigned long long seed) {
    std::mt19937_64 rng(seed ^ 0x7261696e696e67ULL);
    nlohmann::json drawn = nlohmann::json::object();
    for (const auto& [name, range] : space.items()) {
        if (!name.starts_with(kTrainingPrefix))
            continue;
        const std::string setting = name.substr(std::string_view(kTrainingPrefix).size());
        if (range.contains("choices")) {
            const auto& c = range["choices"];
            if (!c.is_array() || c.empty())
                throw Error("empty choices for " + name, "search space");
            drawn[setting] = c[std::uniform_int_distribution<std::size_t>(0, c.size() - 1)(rng)];
            continue;
        }
        if (!range.contains("min") || !range.contains("max") || !range["min"].is_number() ||
            !range["max"].is_number())
            throw Error("search range of " + name + " needs numbers min and max", "search space");
        const double lo = range["min"].get<double>(), hi = range["max"].get<double>();
        if (!std::isfinite(lo) || !std::isfinite(hi) || hi < lo)
            throw Error("search range of " + name + " needs finite min ≤ max", "search space");
        drawn[setting] =
            range.value("log", false) && lo > 0
                ? std::exp(std::uniform_real_distribution<double>(std::log(lo), std::log(hi))(rng))
                : std::uniform_real_distribution<double>(lo, hi)(rng);
    }
    return drawn;
}

TrainSettings withDrawnTraining(const TrainSettings& settings, const nlohmann::json& drawn) {
    if (drawn.empty())
        return settings;
    nlohmann::json j = settings.toJson();
    for (const auto& [name, value] : drawn.items()) {
        nlohmann::json* at = &j;
        std::size_t from = 0;
        for (std::size_t dot = name.find('.'); dot != std::string::npos;
             from = dot + 1, dot = name.find('.', from)) {
            at = &(*at)[name.substr(from, dot - from)];
            if (!at->is_object())
                throw Error("'training." + name + "' is not a training setting", "search space");
        }
        const std::string leaf = name.substr(from);
        if (!at->contains(leaf))
            throw Error("'training." + name + "' is not a training setting", "search space");
        (*at)[leaf] = value;
    }
    return TrainSettings::fromJson(j);
}

models::ModelSpec drawSpec(const models::ModelSpec& base, const nlohmann::json& space,
                           unsigned long long seed) {
    std::mt19937_64 rng(seed);
    models::ModelSpec spec = base;
    const auto& params = models::modelParameters(base.family);
    for (const auto& [name, range] : space.items()) {
        if (name.starts_with(kTrainingPrefix))
            continue; // drawTraining's
        const models::ModelParameter* p = nullptr;
        for (const auto& q : params)
            if (q.name == name)
                p = &q;
        if (!p)
            throw Error("unknown parameter '" + name + "'", "search space of " + base.family);
        if (range.contains("choices")) {
            const auto& c = range["choices"];
            if (!c.is_array() || c.empty())
                throw Error("empty choices for " + name, "search space");
            spec.params[name] = c[std::uniform_int_distribution<std::size_t>(0, c.size() - 1)(rng)];
            continue;
        }
        const double lo = range.value("min", p->minimum), hi = range.value("max", p->maximum);
        if (!std::isfinite(lo) || !std::isfinite(hi) || hi < lo)
            throw Error("search range of " + name + " needs finite min ≤ max", "search space");
        const bool logScale = range.value("log", p->logScale) && lo > 0;
        double v =
            logScale
                ? std::exp(std::uniform_real_distribution<double>(std::log(lo), std::log(hi))(rng))
                : std::uniform_real_distribution<double>(lo, hi)(rng);
        if (p->type == models::ModelParameterType::Int)
            spec.params[name] = std::llround(std::clamp(v, lo, hi));
        else
            spec.params[name] = v;
    }
    return models::resolveSpec(spec);
}

SearchDraw searchDraw(const models::ModelSpec& base, const TrainSettings& settings,
                      const features::Dataset& data, const Split& split,
                      const SearchSettings& search, int d, Feedback& feedback) {
    if (split.test.empty())
        throw Error("search needs a test part", "search");
    if (search.innerFolds == 0 && split.validation.empty())
        throw Error("honest selection needs a validation part or inner folds", "search");
    SearchDraw draw;
    draw.spec = drawSpec(base, search.space, search.seed + std::uint64_t(d) * 7919ULL);
    draw.training = drawTraining(search.space, search.seed + std::uint64_t(d) * 7919ULL);
    const TrainSettings drawSettings = withDrawnTraining(settings, draw.training);
    if (search.innerFolds >= 2) {
        // Nested CV: k inner folds over the training part, grouped as requested.
        features::GroupLabels g = data.subset(split.train).groups;
        SplitSettings inner;
        inner.scheme = "group_kfold";
        inner.folds = search.innerFolds;
        inner.validationFraction = 0;
        inner.seed = search.seed + std::uint64_t(d);
        inner.groupBy = search.innerGroupBy;
        if (search.innerGroupBy == "sample") {
            g.user.clear();
            for (std::size_t i = 0; i < split.train.size(); ++i)
                g.user.push_back(std::to_string(i));
            inner.groupBy = "user";
        }
        double sum = 0;
        for (const auto& f : makeSplits(g, split.train.size(), inner)) {
            std::vector<std::size_t> tr, va;
            for (auto i : f.train)
                tr.push_back(split.train[i]);
            for (auto i : f.test)
                va.push_back(split.train[i]);
            const Split innerFold{.train = tr, .validation = va};
            const auto model =
                trainFold(draw.spec, drawSettings, data, innerFold, feedback, FoldReports::Quiet);
            sum += scoreOf(model.evaluate(data, va, {}).pooled, search.score);
        }
        draw.innerScore = sum / search.innerFolds;
        const auto model =
            trainFold(draw.spec, drawSettings, data, split, feedback, FoldReports::Quiet);
        draw.testMetrics = model.evaluate(data, split.test, {}).pooled;
    } else {
        // One fit per draw: validation scores it (and drives early stopping), test is held out.
        const auto model =
            trainFold(draw.spec, drawSettings, data, split, feedback, FoldReports::Quiet);
        draw.innerScore = scoreOf(model.evaluate(data, split.validation, {}).pooled, search.score);
        draw.testMetrics = model.evaluate(data, split.test, {}).pooled;
    }
    // Every draw is also scored on the test part: the oracle picks from these.
    draw.testScore = scoreOf(draw.testMetrics, search.score);
    if (higherIsBetter(search.score)) {
        draw.innerScore = -draw.innerScore;
        draw.testScore = -draw.testScore;
    }
    return draw;
}

SearchResult selectDraws(std::vector<SearchDraw> draws, const std::string& score) {
    if (draws.empty())
        throw Error("search needs at least one draw", "search");
    SearchResult result;
    result.draws = std::move(draws);
    auto better = [&](double a, double b) { return higherIsBetter(score) ? a > b : a < b; };
    for (std::size_t i = 1; i < result.draws.size(); ++i) {
        if (better(result.draws[i].innerScore, result.draws[result.honestIndex].innerScore))
            result.honestIndex = i;
        if (better(result.draws[i].testScore, result.draws[result.oracleIndex].testScore))
            result.oracleIndex = i;
    }
    return result;
}

SearchResult randomSearch(const models::ModelSpec& base, const TrainSettings& settings,
                          const features::Dataset& data, const Split& split,
                          const SearchSettings& search, Feedback& feedback) {
    if (search.draws < 1)
        throw Error("search needs at least one draw", "search");
    std::vector<SearchDraw> draws;
    for (int d = 0; d < search.draws; ++d) {
        if (feedback.isCanceled())
            throw CanceledError();
        draws.push_back(searchDraw(base, settings, data, split, search, d, feedback));
        feedback.setProgress(100.0 * (d + 1) / search.draws);
    }
    return selectDraws(std::move(draws), search.score);
}

nlohmann::json SearchDraw::toJson() const {
    nlohmann::json metrics = nlohmann::json::object();
    for (const auto& [name, v] : testMetrics)
        metrics[name] = jsonNumber(v);
    nlohmann::json out = {{"spec", spec.toJson()},
                          {"inner_score", jsonNumber(innerScore)},
                          {"test_score", jsonNumber(testScore)},
                          {"test_metrics", metrics}};
    if (!training.empty())
        out["training"] = training;
    return out;
}

SearchDraw SearchDraw::fromJson(const nlohmann::json& j) {
    SearchDraw d;
    d.spec = models::ModelSpec::fromJson(j.at("spec"));
    d.training = j.value("training", nlohmann::json::object());
    d.innerScore = numberFromJson(j.at("inner_score"));
    d.testScore = numberFromJson(j.at("test_score"));
    for (const auto& [name, v] : j.at("test_metrics").items())
        d.testMetrics[name] = numberFromJson(v);
    return d;
}

nlohmann::json SearchSettings::toJson() const {
    return {{"draws", draws},
            {"seed", seed},
            {"space", space},
            {"score", score},
            {"inner_folds", innerFolds},
            {"inner_group_by", innerGroupBy}};
}

SearchSettings SearchSettings::fromJson(const nlohmann::json& j) {
    SearchSettings s;
    try {
        s.draws = j.value("draws", s.draws);
        s.seed = j.value("seed", s.seed);
        s.space = j.value("space", s.space);
        s.score = j.value("score", s.score);
        s.innerFolds = j.value("inner_folds", s.innerFolds);
        s.innerGroupBy = j.value("inner_group_by", s.innerGroupBy);
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("bad search settings: ") + e.what(), "search");
    }
    if (s.innerFolds == 1 || s.innerFolds < 0)
        throw Error("inner folds must be 0 or ≥ 2", "search");
    return s;
}

nlohmann::json SearchResult::toJson() const {
    nlohmann::json d = nlohmann::json::array();
    for (const auto& x : draws)
        d.push_back(x.toJson());
    auto pick = [&](std::size_t i) {
        return nlohmann::json{{"index", i},
                              {"spec", draws.at(i).spec.toJson()},
                              {"inner_score", draws.at(i).innerScore},
                              {"test_score", draws.at(i).testScore},
                              {"test_metrics", draws.at(i).testMetrics}};
    };
    return {{"draws", d}, {"honest", pick(honestIndex)}, {"oracle", pick(oracleIndex)}};
}

SearchResult SearchResult::fromJson(const nlohmann::json& j) {
    SearchResult r;
    for (const auto& d : j.at("draws"))
        r.draws.push_back(SearchDraw::fromJson(d));
    r.honestIndex = j.at("honest").at("index").get<std::size_t>();
    r.oracleIndex = j.at("oracle").at("index").get<std::size_t>();
    if (r.honestIndex >= r.draws.size() || r.oracleIndex >= r.draws.size())
        throw Error("a search result selects a draw it does not hold", "search");
    return r;
}

} // namespace soilscope::training
