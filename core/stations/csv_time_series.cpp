#include "stations/csv_time_series.h"
#include "base/text.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "series/quality_flags.h"
#include "stations/ismn_line_parser.h"

#include <cmath>

namespace soilscope::stations {

namespace {

char detectDelimiter(std::string_view header) {
    std::size_t counts[3] = {0, 0, 0};
    const char candidates[3] = {',', ';', '\t'};
    bool quoted = false;
    for (const char c : header) {
        if (c == '"')
            quoted = !quoted;
        if (quoted)
            continue;
        for (int k = 0; k < 3; ++k)
            if (c == candidates[k])
                ++counts[k];
    }
    int best = 0;
    for (int k = 1; k < 3; ++k)
        if (counts[k] > counts[best])
            best = k;
    return candidates[best];
}

/// Splits one line into cells; "..." quotes may hold delimiters, "" is an escaped quote.
void splitCells(std::string_view line, char delimiter, std::vector<std::string>& cells,
                const std::string& where) {
    cells.clear();
    std::size_t i = 0;
    while (true) {
        std::string cell;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t') && line[i] != delimiter)
            ++i;
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        cell += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                cell += line[i++];
            }
            if (!closed)
                throw Error("unterminated quoted cell", where);
            while (i < line.size() && line[i] != delimiter) {
                if (line[i] != ' ' && line[i] != '\t')
                    throw Error("text after a quoted cell", where);
                ++i;
            }
        } else {
            const std::size_t start = i;
            while (i < line.size() && line[i] != delimiter)
                ++i;
            cell = trimSpace(line.substr(start, i - start));
        }
        cells.push_back(std::move(cell));
        if (i >= line.size())
            break;
        ++i; // the delimiter
    }
}

bool isMissing(std::string_view t) {
    return t.empty() || t == "NaN" || t == "nan" || t == "NA" || t == "NAN" || t == "null";
}

} // namespace

CsvTimeSeries CsvTimeSeries::read(const std::filesystem::path& path) {
    return parse(readTextFile(path), path.string());
}

CsvTimeSeries CsvTimeSeries::parse(std::string_view content, const std::string& path) {
    CsvTimeSeries out;
    out.m_path = path;
    if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF")
        content.remove_prefix(3);
    detail::LineCursor cursor(content);
    std::string_view line;
    std::vector<std::string> cells;
    char delimiter = ',';
    bool haveHeader = false;
    while (cursor.next(line)) {
        if (line.front() == '#')
            continue;
        const std::string where = path + ":" + std::to_string(cursor.lineNumber());
        if (!haveHeader) {
            delimiter = detectDelimiter(line);
            splitCells(line, delimiter, cells, where);
            if (cells.size() < 2)
                throw Error("the header row needs a time column and at least one value column",
                            where);
            out.m_timeColumn = cells[0];
            out.m_columns.assign(cells.begin() + 1, cells.end());
            for (std::size_t c = 0; c < out.m_columns.size(); ++c) {
                if (out.m_columns[c].empty())
                    out.m_columns[c] = "column" + std::to_string(c + 2);
                for (std::size_t d = 0; d < c; ++d)
                    if (out.m_columns[d] == out.m_columns[c])
                        throw Error("column '" + out.m_columns[c] + "' appears twice in the header",
                                    where);
            }
            out.m_cells.resize(out.m_columns.size());
            haveHeader = true;
            continue;
        }
        splitCells(line, delimiter, cells, where);
        while (cells.size() > out.m_columns.size() + 1 && cells.back().empty())
            cells.pop_back();
        if (cells.size() != out.m_columns.size() + 1)
            throw Error(std::to_string(cells.size()) + " cells, but the header has " +
                            std::to_string(out.m_columns.size() + 1) + " columns",
                        where);
        const auto t = parseIsoTime(cells[0]);
        if (!t)
            throw Error("column '" + out.m_timeColumn + "': '" + cells[0] +
                            "' is not an ISO 8601 time",
                        where);
        out.m_times.push_back(*t);
        out.m_lines.push_back(cursor.lineNumber());
        for (std::size_t c = 0; c < out.m_columns.size(); ++c)
            out.m_cells[c].push_back(std::move(cells[c + 1]));
    }
    if (!haveHeader)
        throw Error("empty CSV file: no header row", path);
    return out;
}

bool CsvTimeSeries::hasColumn(const std::string& name) const {
    for (const auto& c : m_columns)
        if (c == name)
            return true;
    return false;
}

std::size_t CsvTimeSeries::columnIndex(const std::string& name) const {
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i] == name)
            return i;
    std::string list;
    for (const auto& c : m_columns)
        list += (list.empty() ? "" : ", ") + c;
    throw Error("no column '" + name + "' (the columns are: " + list + ")", m_path);
}

const std::vector<std::string>& CsvTimeSeries::text(const std::string& column) const {
    return m_cells[columnIndex(column)];
}

std::vector<double> CsvTimeSeries::numbers(const std::string& column) const {
    const auto& cells = text(column);
    std::vector<double> out(cells.size(), std::nan(""));
    for (std::size_t r = 0; r < cells.size(); ++r) {
        if (isMissing(cells[r]))
            continue;
        if (!detail::parseDouble(cells[r], out[r]))
            throw Error("column '" + column + "': '" + cells[r] + "' is not a number",
                        m_path + ":" + std::to_string(m_lines[r]));
    }
    return out;
}

std::vector<std::uint32_t> CsvTimeSeries::flags(const std::string& column) const {
    const auto& cells = text(column);
    std::vector<std::uint32_t> out(cells.size());
    for (std::size_t r = 0; r < cells.size(); ++r)
        out[r] = series::parseFlags(cells[r]);
    return out;
}

bool CsvTimeSeries::isNumeric(const std::string& column) const {
    double v = 0;
    for (const auto& cell : text(column))
        if (!isMissing(cell) && !detail::parseDouble(cell, v))
            return false;
    return true;
}

series::TimeSeries CsvTimeSeries::series(const std::string& valueColumn,
                                         const std::string& flagColumn) const {
    series::TimeSeries s;
    s.name = valueColumn;
    s.times = m_times;
    s.values = numbers(valueColumn);
    if (!flagColumn.empty())
        s.flags = flags(flagColumn);
    s.sortAndDeduplicate();
    return s;
}

series::TimeSeries readCsvSeries(const std::filesystem::path& path, const std::string& valueColumn,
                                 const std::string& flagColumn) {
    return CsvTimeSeries::read(path).series(valueColumn, flagColumn);
}

} // namespace soilscope::stations
