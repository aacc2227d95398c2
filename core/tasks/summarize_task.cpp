// Task "summarize": grouped summaries of a result table (station metrics, scenario sweeps,
// matched pairs): box/violin statistics with KDEs per group and value column, paired and
// Welch t-tests between two groups, and an error-vs-date 2-D histogram.
#include "analysis/csv_table.h"
#include "analysis/summary_statistics.h"
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/time_utils.h"
#include "base/utf8.h"
#include "tasks/analysis_inputs.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace soilscope::tasks {

namespace {

namespace fs = std::filesystem;
using analysis_inputs::CsvLine;
using analysis_inputs::numberOrNull;

/// The group label of every row: the values of the group columns joined by '|'; "season" and
/// "month" derive from --time-column when the table has no such column.
std::vector<std::string> rowGroups(const analysis::CsvTable& t, const std::vector<std::string>& by,
                                   const std::string& timeColumn) {
    std::vector<std::string> groups(t.rows());
    for (const auto& column : by) {
        const bool derived = (column == "season" || column == "month") && !t.hasColumn(column);
        if (derived && timeColumn.empty())
            throw UsageError("grouping by " + column + " needs --time-column", "--group-by");
        const auto& cells = t.text(derived ? timeColumn : column);
        for (std::size_t r = 0; r < t.rows(); ++r) {
            std::string g = cells[r];
            if (derived) {
                const auto time = parseIsoTime(cells[r]);
                if (!time)
                    g = "unknown";
                else if (column == "season")
                    g = analysis::seasonName(analysis::seasonOf(*time));
                else {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "%02u", analysis::monthOf(*time));
                    g = buf;
                }
            }
            if (!groups[r].empty())
                groups[r].push_back('|');
            groups[r].append(g.empty() ? std::string_view("unknown") : std::string_view(g));
        }
    }
    if (by.empty())
        std::fill(groups.begin(), groups.end(), "all");
    return groups;
}

nlohmann::json boxJson(const analysis::BoxStatistics& b) {
    return {{"n", b.n},
            {"min", numberOrNull(b.min)},
            {"whisker_low", numberOrNull(b.whiskerLow)},
            {"q1", numberOrNull(b.q1)},
            {"median", numberOrNull(b.median)},
            {"q3", numberOrNull(b.q3)},
            {"whisker_high", numberOrNull(b.whiskerHigh)},
            {"max", numberOrNull(b.max)},
            {"mean", numberOrNull(b.mean)},
            {"std", numberOrNull(b.stddev)},
            {"outliers", b.outliers}};
}

nlohmann::json testJson(const analysis::TTest& t) {
    return {{"t", numberOrNull(t.t)},
            {"df", numberOrNull(t.df)},
            {"p", numberOrNull(t.p)},
            {"mean_difference", numberOrNull(t.meanDifference)},
            {"n", t.n}};
}

/// Values of the x column as numbers, ISO times becoming days since 1970-01-01.
std::vector<double> axisValues(const analysis::CsvTable& t, const std::string& column,
                               bool& isTime) {
    isTime = !t.isNumeric(column);
    if (!isTime)
        return t.numbers(column);
    std::vector<double> out;
    for (const auto& s : t.text(column)) {
        const auto time = parseIsoTime(s);
        out.push_back(time ? static_cast<double>(time->time_since_epoch().count()) / 86400.0
                           : std::numeric_limits<double>::quiet_NaN());
    }
    return out;
}

} // namespace

class SummarizeTask : public Task {
  public:
    TaskInfo info() const override {
        return {"summarize",
                "Grouped summaries and tests of a result table",
                "Reads a CSV table (e.g. station_metrics.csv of station-metrics, a scenario sweep, "
                "or matched pairs) and summarises each value column per group (columns of "
                "--group-by; 'season' (DJF, MAM, JJA, SON) and 'month' are derived from "
                "--time-column when the table has no such column): violin/box statistics "
                "(quartiles by linear interpolation, whiskers at the most extreme values within "
                "1.5 IQR, outliers) and a Gaussian KDE with Scott's bandwidth. With --compare A,B "
                "(groups of --compare-column) every value column gets a Welch t-test and, when "
                "--pair-by names the column pairing rows (e.g. station), a paired t-test and the "
                "count of rows where B > A. --hist-x/--hist-y give a 2-D histogram (e.g. error "
                "versus date). Writes summary.json, groups.csv, kde.csv and histogram2d.csv.",
                "Analysis",
                {"summarize --input stations/station_metrics.csv --values R,ubRMSD --group-by "
                 "product,land_cover "
                 "--out summary/ --json",
                 "summarize --input station_metrics.csv --values R --compare-column product "
                 "--compare ERA,CNN "
                 "--pair-by station --out cmp/",
                 "summarize --input pairs.csv --values error --time-column time --group-by season "
                 "--hist-x time --hist-y error --out err/"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto input = pathParam("input", "CSV table with a header row");
        input.fileFilter = "Tables (*.csv *.txt)";
        return {
            input,
            folderOutputParam("out", "output folder"),
            listParam("values",
                      "numeric columns to summarise (empty: every numeric column not grouped by)"),
            listParam("group-by", "grouping columns, or season/month derived from --time-column"),
            stringParam("time-column", "column of ISO times for season/month groups"),
            stringParam("compare-column", "column whose groups --compare picks"),
            listParam("compare", "two groups A,B of --compare-column to test (B - A)"),
            stringParam("pair-by", "column pairing rows of A and B for the paired t-test"),
            intParam("kde-points", "KDE evaluation points", 128, 2, 100000),
            stringParam("hist-x", "2-D histogram: x column (numbers or ISO times)"),
            stringParam("hist-y", "2-D histogram: y column"),
            intParam("x-bins", "2-D histogram: x bins", 24, 1, 100000),
            intParam("y-bins", "2-D histogram: y bins", 40, 1, 100000)};
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"groups", OutputKind::Table,
                 "box and violin statistics of every value column per group"},
                {"kde", OutputKind::Table, "the Gaussian KDE of every value column per group"},
                {"histogram", OutputKind::Table, "the 2-D histogram of --hist-y against --hist-x"},
                {"summary", OutputKind::JsonDocument,
                 "the groups, the comparison tests and the histogram (summary.json)"}};
    }

    void validate(const ParameterValues& v) const override {
        if (!v.list("compare").empty() && v.list("compare").size() != 2)
            throw UsageError("--compare needs exactly two groups, e.g. ERA,CNN", "--compare");
        if (!v.list("compare").empty() && v.text("compare-column").empty())
            throw UsageError("--compare needs --compare-column", "--compare-column");
        if (v.text("hist-x").empty() != v.text("hist-y").empty())
            throw UsageError("a 2-D histogram needs both --hist-x and --hist-y", "--hist-x");
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        const auto table = analysis::CsvTable::read(v.path("input"));
        const fs::path outDir = v.path("out");
        fs::create_directories(outDir);
        const auto by = v.list("group-by");
        const std::string timeColumn = v.text("time-column");
        auto values = v.list("values");
        if (values.empty()) {
            for (const auto& c : table.columns())
                if (std::find(by.begin(), by.end(), c) == by.end() && c != timeColumn &&
                    table.isNumeric(c))
                    values.push_back(c);
        }
        if (values.empty())
            throw Error("the table has no numeric column to summarise", v.path("input").string());
        for (const auto& c : values)
            if (!table.hasColumn(c))
                throw Error("no column '" + c + "'", v.path("input").string());
        const auto groups = rowGroups(table, by, timeColumn);
        std::map<std::string, std::vector<std::size_t>> members;
        for (std::size_t r = 0; r < groups.size(); ++r)
            members[groups[r]].push_back(r);
        feedback.setProgress(20);

        std::string groupsCsv =
            "group,value,n,min,whisker_low,q1,median,q3,whisker_high,max,mean,std,outliers\n";
        std::string kdeCsv = "group,value,x,density\n";
        nlohmann::json groupsJson = nlohmann::json::array();
        const auto kdePoints = static_cast<std::size_t>(v.integer("kde-points"));
        std::size_t done = 0;
        for (const auto& [group, rows] : members) {
            feedback.throwIfCanceled();
            nlohmann::json gj = {{"group", group}, {"rows", rows.size()}};
            for (const auto& column : values) {
                const auto all = table.numbers(column);
                std::vector<double> x;
                for (const auto r : rows)
                    x.push_back(all[r]);
                const auto box = analysis::boxStatistics(x);
                gj["values"][column] = boxJson(box);
                groupsCsv += CsvLine()
                                 .text(group)
                                 .text(column)
                                 .integer(static_cast<long long>(box.n))
                                 .number(box.min)
                                 .number(box.whiskerLow)
                                 .number(box.q1)
                                 .number(box.median)
                                 .number(box.q3)
                                 .number(box.whiskerHigh)
                                 .number(box.max)
                                 .number(box.mean)
                                 .number(box.stddev)
                                 .integer(static_cast<long long>(box.outliers))
                                 .str();
                try {
                    const auto kde = analysis::gaussianKde(x, kdePoints);
                    gj["values"][column]["kde_bandwidth"] = kde.bandwidth;
                    for (std::size_t i = 0; i < kde.x.size(); ++i)
                        kdeCsv += CsvLine()
                                      .text(group)
                                      .text(column)
                                      .number(kde.x[i])
                                      .number(kde.density[i])
                                      .str();
                } catch (const Error&) {
                    gj["values"][column]["kde_bandwidth"] = nullptr; // < 2 values or no spread
                }
            }
            groupsJson.push_back(gj);
            feedback.setProgress(20.0 + 50.0 * static_cast<double>(++done) /
                                            static_cast<double>(members.size()));
        }
        writeTextAtomically(outDir / "groups.csv", groupsCsv);
        writeTextAtomically(outDir / "kde.csv", kdeCsv);

        TaskResult result;
        auto& j = result.json;
        j["input"] = v.path("input").string();
        j["rows"] = table.rows();
        j["group_by"] = by;
        j["values"] = values;
        j["groups"] = groupsJson;
        j["groups_csv"] = (outDir / "groups.csv").string();
        j["kde_csv"] = (outDir / "kde.csv").string();
        if (!v.list("compare").empty())
            j["comparison"] = compare(table, v, values);
        if (!v.text("hist-x").empty())
            j["histogram2d"] = histogram(table, v, outDir);
        writeTextAtomically(outDir / "summary.json", dumpJson(j, 2) + "\n");
        const auto specs = outputs();
        result.outputs.push_back(declaredOutput(specs, "groups", (outDir / "groups.csv").string()));
        result.outputs.push_back(declaredOutput(specs, "kde", (outDir / "kde.csv").string()));
        if (j.contains("histogram2d"))
            result.outputs.push_back(
                declaredOutput(specs, "histogram", (outDir / "histogram2d.csv").string()));
        result.outputs.push_back(
            declaredOutput(specs, "summary", (outDir / "summary.json").string()));
        result.summary = std::to_string(table.rows()) + " rows in " +
                         std::to_string(members.size()) + " group(s), " +
                         std::to_string(values.size()) + " value column(s) -> " + outDir.string();
        feedback.setProgress(100);
        return result;
    }

  private:
    static nlohmann::json compare(const analysis::CsvTable& t, const ParameterValues& v,
                                  const std::vector<std::string>& values) {
        const auto pick = v.list("compare");
        const auto& labels = t.text(v.text("compare-column"));
        const std::string pairBy = v.text("pair-by");
        nlohmann::json out = {{"column", v.text("compare-column")}, {"a", pick[0]}, {"b", pick[1]}};
        for (const auto& column : values) {
            const auto x = t.numbers(column);
            std::vector<double> a, b;
            std::map<std::string, std::pair<double, double>> paired;
            for (std::size_t r = 0; r < t.rows(); ++r) {
                const bool inA = labels[r] == pick[0], inB = labels[r] == pick[1];
                if (!inA && !inB)
                    continue;
                (inA ? a : b).push_back(x[r]);
                if (!pairBy.empty()) {
                    auto& slot = paired.try_emplace(t.text(pairBy)[r], std::nan(""), std::nan(""))
                                     .first->second;
                    (inA ? slot.first : slot.second) = x[r];
                }
            }
            if (a.empty() || b.empty()) {
                std::string message = "group '";
                message.append(a.empty() ? pick[0] : pick[1]).append("' has no row in column '");
                message.append(v.text("compare-column")).append("'");
                throw Error(message, v.path("input").string());
            }
            nlohmann::json cj = {{"welch", testJson(analysis::welchTTest(b, a))},
                                 {"median_a", numberOrNull(analysis::median(a))},
                                 {"median_b", numberOrNull(analysis::median(b))}};
            if (!pairBy.empty()) {
                std::vector<double> pa, pb;
                std::size_t greater = 0, compared = 0;
                for (const auto& [key, ab] : paired) {
                    pa.push_back(ab.first);
                    pb.push_back(ab.second);
                    if (std::isfinite(ab.first) && std::isfinite(ab.second)) {
                        ++compared;
                        if (ab.second > ab.first)
                            ++greater;
                    }
                }
                cj["paired"] = testJson(analysis::pairedTTest(pb, pa));
                cj["b_greater"] = greater;
                cj["compared"] = compared;
            }
            out["values"][column] = cj;
        }
        return out;
    }

    static nlohmann::json histogram(const analysis::CsvTable& t, const ParameterValues& v,
                                    const fs::path& outDir) {
        bool xTime = false, yTime = false;
        const auto x = axisValues(t, v.text("hist-x"), xTime);
        const auto y = axisValues(t, v.text("hist-y"), yTime);
        double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
                continue;
            x0 = std::min(x0, x[i]);
            x1 = std::max(x1, x[i]);
            y0 = std::min(y0, y[i]);
            y1 = std::max(y1, y[i]);
        }
        if (!(x1 > x0) || !(y1 > y0))
            throw Error("the histogram columns have no spread of finite values",
                        v.path("input").string());
        const auto h =
            analysis::histogram2D(x, y, x0, x1, static_cast<std::size_t>(v.integer("x-bins")), y0,
                                  y1, static_cast<std::size_t>(v.integer("y-bins")));
        std::string csv = "x_from,x_to,y_from,y_to,count\n";
        const double dx = (x1 - x0) / static_cast<double>(h.xBins),
                     dy = (y1 - y0) / static_cast<double>(h.yBins);
        const auto xText = [&](double value) {
            return xTime ? formatIsoTime(
                               TimePoint(std::chrono::seconds(std::llround(value * 86400.0))))
                         : csvNumber(value);
        };
        for (std::size_t by = 0; by < h.yBins; ++by)
            for (std::size_t bx = 0; bx < h.xBins; ++bx) {
                const double xa = x0 + dx * static_cast<double>(bx),
                             ya = y0 + dy * static_cast<double>(by);
                csv += CsvLine()
                           .text(xText(xa))
                           .text(xText(xa + dx))
                           .number(ya)
                           .number(ya + dy)
                           .integer(static_cast<long long>(h.counts[by * h.xBins + bx]))
                           .str();
            }
        writeTextAtomically(outDir / "histogram2d.csv", csv);
        return {{"x", v.text("hist-x")}, {"y", v.text("hist-y")},
                {"x_is_time", xTime},    {"x_bins", h.xBins},
                {"y_bins", h.yBins},     {"y_min", y0},
                {"y_max", y1},           {"csv", (outDir / "histogram2d.csv").string()}};
    }
};

SOILSCOPE_REGISTER_TASK(SummarizeTask, "summarize")

} // namespace soilscope::tasks
