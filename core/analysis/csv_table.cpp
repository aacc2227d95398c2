#include "analysis/csv_table.h"

#include "base/atomic_file.h"
#include "base/error.h"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace soilscope::analysis {

namespace {

/// Splits the text into rows of cells, honouring quotes (which may span lines).
std::vector<std::vector<std::string>> splitRows(std::string_view text, char delimiter) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell.push_back(c);
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == delimiter) {
            row.push_back(std::move(cell));
            cell.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            if (any || !cell.empty()) {
                row.push_back(std::move(cell));
                rows.push_back(std::move(row));
            }
            row.clear();
            cell.clear();
            any = false;
        } else {
            cell.push_back(c);
            any = true;
        }
    }
    if (any || !cell.empty()) {
        row.push_back(std::move(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

double toNumber(const std::string& s) {
    if (s.empty())
        return std::numeric_limits<double>::quiet_NaN();
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    while (end && (*end == ' ' || *end == '\t'))
        ++end;
    if (end == s.c_str() || (end && *end != '\0'))
        return std::numeric_limits<double>::quiet_NaN();
    return v;
}

bool isMissingText(const std::string& s) {
    return s.empty() || s == "NaN" || s == "nan" || s == "NA" || s == "null";
}

} // namespace

CsvTable CsvTable::read(const std::filesystem::path& path) {
    return parse(readTextFile(path), path.string());
}

CsvTable CsvTable::parse(std::string_view text, const std::string& path) {
    const std::size_t headerEnd = text.find_first_of("\r\n");
    const std::string_view header = text.substr(0, headerEnd);
    char delimiter = ',';
    if (header.find(',') == std::string_view::npos) {
        if (header.find(';') != std::string_view::npos)
            delimiter = ';';
        else if (header.find('\t') != std::string_view::npos)
            delimiter = '\t';
    }
    auto rows = splitRows(text, delimiter);
    if (rows.empty())
        throw Error("the table is empty", path);
    CsvTable t;
    t.m_path = path;
    t.m_columns = std::move(rows.front());
    for (auto& c : t.m_columns) {
        while (!c.empty() && (c.back() == ' ' || c.back() == '\t'))
            c.pop_back();
        while (!c.empty() && (c.front() == ' ' || c.front() == '\t'))
            c.erase(c.begin());
    }
    t.m_cells.assign(t.m_columns.size(), {});
    t.m_rows = rows.size() - 1;
    for (auto& col : t.m_cells)
        col.reserve(t.m_rows);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() > t.m_columns.size())
            throw Error("row " + std::to_string(r + 1) + " has " + std::to_string(rows[r].size()) +
                            " cells, the header " + std::to_string(t.m_columns.size()),
                        path);
        for (std::size_t c = 0; c < t.m_columns.size(); ++c)
            t.m_cells[c].push_back(c < rows[r].size() ? std::move(rows[r][c]) : std::string());
    }
    return t;
}

bool CsvTable::hasColumn(std::string_view name) const {
    for (const auto& c : m_columns)
        if (c == name)
            return true;
    return false;
}

std::size_t CsvTable::index(std::string_view column) const {
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i] == column)
            return i;
    throw Error("no column '" + std::string(column) + "'", m_path);
}

const std::vector<std::string>& CsvTable::text(std::string_view column) const {
    return m_cells[index(column)];
}

std::vector<double> CsvTable::numbers(std::string_view column) const {
    const auto& cells = text(column);
    std::vector<double> out;
    out.reserve(cells.size());
    for (const auto& s : cells)
        out.push_back(isMissingText(s) ? std::numeric_limits<double>::quiet_NaN() : toNumber(s));
    return out;
}

bool CsvTable::isNumeric(std::string_view column) const {
    bool any = false;
    for (const auto& s : text(column)) {
        if (isMissingText(s))
            continue;
        if (std::isnan(toNumber(s)))
            return false;
        any = true;
    }
    return any;
}

} // namespace soilscope::analysis
