#include "tasks/intraday_collector.h"

#include "base/time_utils.h"
#include "tasks/analysis_inputs.h"

#include <cmath>
#include <cstdlib>

namespace soilscope::tasks::intraday {

using analysis_inputs::CsvLine;
using analysis_inputs::numberOrNull;

const char* const kProductNames[kProducts] = {"product", "reference_o", "reference_24h"};

namespace {

nlohmann::json conditionJson(const ConditionStats& c) {
    return {{"condition", c.condition.label},
            {"threshold_mm", numberOrNull(c.threshold)},
            {"n", c.delta.n()},
            {"log10_n", c.delta.n() ? nlohmann::json(std::log10(static_cast<double>(c.delta.n())))
                                    : nlohmann::json()},
            {"r_delta", numberOrNull(c.delta.r())},
            {"r_max", numberOrNull(c.max.r())},
            {"r_min", numberOrNull(c.min.r())},
            {"n_24h", c.delta24.n()},
            {"r_delta_24h", numberOrNull(c.delta24.r())},
            {"mean_delta_product", numberOrNull(c.delta.meanX())},
            {"mean_delta_reference_o", numberOrNull(c.delta.meanY())},
            {"mean_delta_reference_24h", numberOrNull(c.delta24.meanY())}};
}

void csvRow(std::string& csv, const ConditionStats& c) {
    const double n = static_cast<double>(c.delta.n());
    csv += CsvLine()
               .text(c.condition.label)
               .number(c.threshold)
               .integer(static_cast<long long>(c.delta.n()))
               .number(n > 0 ? std::log10(n) : std::nan(""))
               .number(c.delta.r())
               .number(c.max.r())
               .number(c.min.r())
               .integer(static_cast<long long>(c.delta24.n()))
               .number(c.delta24.r())
               .number(c.delta.meanX())
               .number(c.delta.meanY())
               .number(c.delta24.meanY())
               .str();
}

} // namespace

std::string dayText(std::int64_t day) {
    return formatIsoDate(TimePoint(std::chrono::seconds(day * 86400)));
}

Collector::Collector(const ParameterValues& v, std::size_t units, std::string unitHeader,
                     std::function<std::string(std::size_t)> unitCells)
    : m_meansCondition(analysis::PrecipitationCondition::parse(v.text("means-condition"))),
      m_means(kProducts, analysis::PixelDayMeans(units)), m_unitCells(std::move(unitCells)),
      m_unitHeader(std::move(unitHeader)) {
    for (const auto& c : v.list("conditions")) {
        ConditionStats s;
        s.condition = analysis::PrecipitationCondition::parse(c);
        m_conditions.push_back(std::move(s));
    }
    for (const auto& t : v.list("thresholds"))
        for (const bool dryBefore : {false, true}) {
            ConditionStats s;
            s.condition =
                analysis::PrecipitationCondition::parse("pt>" + t + (dryBefore ? "&pt1=0" : ""));
            s.threshold = std::strtod(t.c_str(), nullptr);
            m_sweep.push_back(std::move(s));
        }
}

void Collector::writePairsTo(std::ostream& out) {
    m_pairs = &out;
    out << m_unitHeader << ",date,p_t,p_t1";
    for (const char* name : kProductNames)
        for (const char* f : {"max", "min", "delta", "hour_max", "hour_min", "count"})
            out << ',' << name << '_' << f;
    out << '\n';
}

void Collector::add(std::size_t unit, std::int64_t day, const UnitDay& pd, double pt, double pt1) {
    const auto& a = pd.days[0];
    const auto& bo = pd.days[1];
    const auto& b24 = pd.days[2];
    if (!a)
        return; // days without product observations are not compared
    if (bo)
        ++m_pairedDays;
    for (auto* list : {&m_conditions, &m_sweep})
        for (auto& c : *list) {
            if (!c.condition.test(pt, pt1))
                continue;
            if (bo) {
                c.delta.add(a->delta, bo->delta);
                c.max.add(a->smMax, bo->smMax);
                c.min.add(a->smMin, bo->smMin);
            }
            if (b24)
                c.delta24.add(a->delta, b24->delta);
        }
    if (m_meansCondition.test(pt, pt1))
        for (int k = 0; k < kProducts; ++k)
            if (pd.days[k])
                m_means[static_cast<std::size_t>(k)].add(unit, *pd.days[k]);
    if (!m_pairs)
        return;
    std::string line = m_unitCells(unit);
    CsvLine rest;
    rest.text(dayText(day)).number(pt).number(pt1);
    for (const auto& d : pd.days) {
        if (d)
            rest.number(d->smMax)
                .number(d->smMin)
                .number(d->delta)
                .number(d->hourMax)
                .number(d->hourMin)
                .integer(static_cast<long long>(d->count));
        else
            rest.number(std::nan(""))
                .number(std::nan(""))
                .number(std::nan(""))
                .number(std::nan(""))
                .number(std::nan(""))
                .integer(0);
    }
    line.push_back(',');
    line.append(rest.str());
    *m_pairs << line;
}

nlohmann::json Collector::conditionsJson() const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : m_conditions)
        out.push_back(conditionJson(c));
    return out;
}

nlohmann::json Collector::sweepJson() const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : m_sweep)
        out.push_back(conditionJson(c));
    return out;
}

std::string Collector::rVsNCsv() const {
    std::string csv = "condition,threshold_mm,n,log10_n,r_delta,r_max,r_min,n_24h,r_delta_24h,"
                      "mean_delta_product,mean_delta_reference_o,mean_delta_reference_24h\n";
    for (const auto& c : m_conditions)
        csvRow(csv, c);
    for (const auto& c : m_sweep)
        csvRow(csv, c);
    return csv;
}

} // namespace soilscope::tasks::intraday
