#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace soilscope::analysis {

/// A small in-memory CSV table with a header row: ',' ';' or tab delimited (detected from the
/// header), "..." quoting with "" escapes, \n, \r\n or \r line ends. For result tables
/// (station metrics, sweeps, pairs) that summaries group and compare.
class CsvTable {
  public:
    /// Reads a file; throws soilscope::Error naming the file (and line) when it cannot be read,
    /// is empty, or a row has more cells than the header.
    static CsvTable read(const std::filesystem::path& path);
    /// Parses text (path is for messages).
    static CsvTable parse(std::string_view text, const std::string& path);

    const std::vector<std::string>& columns() const { return m_columns; }
    std::size_t rows() const { return m_rows; }
    bool hasColumn(std::string_view name) const;
    /// Cells of a column as text; throws soilscope::Error naming the file for an unknown column.
    const std::vector<std::string>& text(std::string_view column) const;
    /// Cells as numbers; empty, "NaN", "NA" and non-numeric cells are NaN.
    std::vector<double> numbers(std::string_view column) const;
    /// True when every non-empty cell of the column is a number (and one at least exists).
    bool isNumeric(std::string_view column) const;

  private:
    std::size_t index(std::string_view column) const;
    std::string m_path;
    std::vector<std::string> m_columns;
    std::vector<std::vector<std::string>> m_cells; ///< per column
    std::size_t m_rows = 0;
};

} // namespace soilscope::analysis
