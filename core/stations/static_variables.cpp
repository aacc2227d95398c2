#include "stations/static_variables.h"

#include "base/error.h"
#include "stations/vsi_file.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace soilscope::stations {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\xEF' ||
                          s.front() == '\xBB' || s.front() == '\xBF'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> splitSemicolons(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t p = line.find(';', start);
        out.push_back(trim(line.substr(start, p == std::string_view::npos ? p : p - start)));
        if (p == std::string_view::npos)
            break;
        start = p + 1;
    }
    return out;
}

std::optional<double> toNumber(std::string_view s) {
    if (s.empty())
        return std::nullopt;
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

} // namespace

std::vector<StaticVariable> parseStaticVariables(std::string_view content,
                                                 const std::string& path) {
    std::vector<StaticVariable> out;
    std::vector<std::string_view> header;
    std::size_t lineNo = 0;
    std::size_t pos = 0;
    auto column = [&](const std::vector<std::string_view>& cells, std::string_view name) {
        for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i)
            if (header[i] == name)
                return cells[i];
        return std::string_view{};
    };
    while (pos < content.size()) {
        std::size_t end = content.find_first_of("\r\n", pos);
        if (end == std::string_view::npos)
            end = content.size();
        const std::string_view line = content.substr(pos, end - pos);
        ++lineNo;
        pos = end + ((end + 1 < content.size() && content[end] == '\r' && content[end + 1] == '\n')
                         ? 2
                         : 1);
        if (trim(line).empty())
            continue;
        const auto cells = splitSemicolons(line);
        if (header.empty()) {
            header = cells;
            if (column(cells, "quantity_name").empty() || column(cells, "value").empty())
                throw Error("not an ISMN static variables file: the header lacks "
                            "quantity_name or value",
                            path + ":" + std::to_string(lineNo));
            continue;
        }
        StaticVariable v;
        v.quantity = column(cells, "quantity_name");
        if (v.quantity.empty())
            continue;
        v.unit = column(cells, "unit");
        const auto nan = std::numeric_limits<double>::quiet_NaN();
        v.depthFrom_m = toNumber(column(cells, "depth_from[m]")).value_or(nan);
        v.depthTo_m = toNumber(column(cells, "depth_to[m]")).value_or(nan);
        v.value = column(cells, "value");
        v.number = toNumber(v.value);
        v.description = column(cells, "description");
        v.source = column(cells, "quantity_source_name");
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<StaticVariable> readStaticVariables(const std::string& path) {
    return parseStaticVariables(readVsiFile(path), path);
}

} // namespace soilscope::stations
