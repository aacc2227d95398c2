#include "series/series_table.h"

#include "base/atomic_file.h"
#include "base/text.h"
#include "base/time_utils.h"
#include "series/quality_flags.h"

#include <map>

namespace soilscope::series {

std::string seriesTableCsv(const std::vector<TimeSeries>& columns) {
    std::map<TimePoint, std::size_t> rows;
    for (const auto& s : columns)
        for (const TimePoint t : s.times)
            rows.emplace(t, 0);
    std::size_t row = 0;
    for (auto& [t, index] : rows)
        index = row++;

    std::vector<std::vector<std::string>> cells(rows.size());
    std::string header = "time";
    for (const auto& s : columns) {
        header += ',' + csvQuote(s.units.empty() ? s.name : s.name + " [" + s.units + "]");
        if (s.hasFlags())
            header += ',' + csvQuote(s.name + " flags");
        std::vector<std::string> values(rows.size()), flags(s.hasFlags() ? rows.size() : 0);
        for (std::size_t i = 0; i < s.size(); ++i) {
            const std::size_t r = rows.at(s.times[i]);
            values[r] = csvNumber(s.values[i]);
            if (s.hasFlags())
                flags[r] = formatFlags(s.flags[i]);
        }
        for (std::size_t r = 0; r < rows.size(); ++r) {
            cells[r].push_back(std::move(values[r]));
            if (s.hasFlags())
                cells[r].push_back(flags[r].find(',') == std::string::npos ? flags[r]
                                                                           : csvQuote(flags[r]));
        }
    }
    std::string out = header + '\n';
    for (const auto& [t, r] : rows) {
        out += formatIsoTime(t);
        for (const auto& cell : cells[r])
            out += ',' + cell;
        out += '\n';
    }
    return out;
}

void writeSeriesTable(const std::filesystem::path& path, const std::vector<TimeSeries>& columns) {
    writeTextAtomically(path, seriesTableCsv(columns));
}

} // namespace soilscope::series
