#pragma once
#include "series/time_series.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace soilscope::stations {

/// A CSV file whose first column is an ISO 8601 time (fractional seconds allowed) and whose
/// other columns are numbers or text such as quoted, comma-joined flags ("D01,D02").
/// The delimiter (',', ';' or tab) is detected from the header row; "..." quoting with ""
/// escapes is understood; empty cells, NaN and NA are missing values.
class CsvTimeSeries {
  public:
    /// Reads the whole file; throws soilscope::Error naming file, line and column.
    static CsvTimeSeries read(const std::filesystem::path& path);
    /// Parses content already in memory (path is for messages).
    static CsvTimeSeries parse(std::string_view content, const std::string& path);

    const std::string& path() const { return m_path; }
    const std::string& timeColumn() const { return m_timeColumn; }
    /// Column names after the time column, in file order.
    const std::vector<std::string>& columns() const { return m_columns; }
    bool hasColumn(const std::string& name) const;
    const std::vector<TimePoint>& times() const { return m_times; }
    std::size_t rows() const { return m_times.size(); }

    /// The cells of a column as text (unquoted).
    const std::vector<std::string>& text(const std::string& column) const;
    /// The column as numbers; throws soilscope::Error naming file, line and column on text.
    std::vector<double> numbers(const std::string& column) const;
    /// The column parsed as ISMN flags (series/quality_flags.h).
    std::vector<std::uint32_t> flags(const std::string& column) const;
    /// True when every non-missing cell of the column is a number.
    bool isNumeric(const std::string& column) const;

    /// A series from a numeric value column and, optionally, a flag column (sorted by time,
    /// first of duplicated times kept).
    series::TimeSeries series(const std::string& valueColumn,
                              const std::string& flagColumn = {}) const;

  private:
    std::string m_path;
    std::string m_timeColumn;
    std::vector<std::string> m_columns;
    std::vector<TimePoint> m_times;
    std::vector<std::size_t> m_lines;              ///< source line of each row
    std::vector<std::vector<std::string>> m_cells; ///< per column, per row

    std::size_t columnIndex(const std::string& name) const;
};

/// Reads one series from a CSV time series file: readCsvSeries("ref.csv", "sm", "sm_flag").
/// Throws soilscope::Error naming file, line and column (or the missing column).
series::TimeSeries readCsvSeries(const std::filesystem::path& path, const std::string& valueColumn,
                                 const std::string& flagColumn = {});

} // namespace soilscope::stations
