#include "stations/ismn_reader.h"

#include "base/error.h"
#include "series/quality_flags.h"
#include "stations/ismn_line_parser.h"
#include "stations/vsi_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <optional>

namespace soilscope::stations {

namespace {

using detail::isNumber;
using detail::LineCursor;
using detail::Tokens;

bool isDateToken(std::string_view t) {
    return t.size() == 10 && t[4] == '/' && t[7] == '/' && detail::isDigits(t.substr(0, 4));
}

std::string fileNameOf(const std::string& path) {
    const std::size_t slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string joinTokens(const Tokens& tokens, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to && i < tokens.size(); ++i) {
        if (!out.empty())
            out += ' ';
        out += tokens[i];
    }
    return out;
}

/// Index of the latitude: the first k >= first with `count` numbers from k on (the standard
/// one-token station name is tried first so that numeric station names still work).
std::optional<std::size_t> findNumberRun(const Tokens& tokens, std::size_t first,
                                         std::size_t count) {
    for (std::size_t k = first; k + count <= tokens.size(); ++k) {
        bool ok = true;
        for (std::size_t i = 0; i < count && ok; ++i)
            ok = isNumber(tokens[k + i]);
        if (ok)
            return k;
    }
    return std::nullopt;
}

double number(std::string_view t, const std::string& where, const char* what) {
    double v = 0;
    if (!detail::parseDouble(t, v))
        throw Error("'" + std::string(t) + "' is not a number (expected " + what + ")", where);
    return v;
}

/// The layout of one ISMN file, found from its first line and file name.
struct Layout {
    IsmnFormat format = IsmnFormat::HeaderValues;
    Station station;
    Sensor sensor;            ///< header_values and ceop_sep: the one sensor
    std::size_t latIndex = 0; ///< ceop formats: token index of the latitude
    std::size_t firstDataLine = 0;
};

Layout readLayout(std::string_view content, const std::string& path) {
    LineCursor cursor(content);
    std::string_view line;
    if (!cursor.next(line))
        throw Error("empty file: no ISMN header or data line", path);
    const std::string where = path + ":" + std::to_string(cursor.lineNumber());
    Tokens tokens;
    detail::tokenize(line, tokens);
    const auto name = parseIsmnFileName(fileNameOf(path));
    Layout layout;
    Station& st = layout.station;
    if (!isDateToken(tokens[0])) {
        // header_values: "CSE network station lat lon elevation depth_from depth_to instrument"
        const auto k = tokens.size() >= 8 && findNumberRun(tokens, 3, 5)
                           ? findNumberRun(tokens, 3, 5)
                           : std::nullopt;
        if (!k)
            throw Error("not an ISMN file: the first line '" + std::string(line.substr(0, 120)) +
                            "' is neither a header (CSE network station lat lon elevation "
                            "depth_from depth_to instrument) nor a dated record",
                        where);
        layout.format = IsmnFormat::HeaderValues;
        st.network = std::string(tokens[1]);
        st.name = joinTokens(tokens, 2, *k);
        st.lat = number(tokens[*k], where, "latitude");
        st.lon = number(tokens[*k + 1], where, "longitude");
        st.elevation_m = number(tokens[*k + 2], where, "elevation");
        layout.sensor.depthFrom_m = number(tokens[*k + 3], where, "depth_from");
        layout.sensor.depthTo_m = number(tokens[*k + 4], where, "depth_to");
        layout.sensor.instrument = joinTokens(tokens, *k + 5, tokens.size());
        layout.firstDataLine = cursor.position();
    } else {
        // ceop_sep: "date time date time CSE network station lat lon elev from to value flag
        // [prov]" ceop:     "date time date time CSE network station lat lon elev - depth ts flag
        // sm flag"
        const auto k = tokens.size() >= 12 ? findNumberRun(tokens, 7, 3) : std::nullopt;
        if (!k)
            throw Error("not an ISMN file: the first record lacks CSE, network, station, "
                        "latitude, longitude and elevation",
                        where);
        const std::size_t after = tokens.size() - *k;
        layout.latIndex = *k;
        st.network = std::string(tokens[5]);
        st.name = joinTokens(tokens, 6, *k);
        st.lat = number(tokens[*k], where, "latitude");
        st.lon = number(tokens[*k + 1], where, "longitude");
        st.elevation_m = number(tokens[*k + 2], where, "elevation");
        if (after == 9 && !(name && name->hasVariable)) {
            layout.format = IsmnFormat::Ceop;
        } else if (after == 7 || after == 8) {
            layout.format = IsmnFormat::CeopSeparate;
            layout.sensor.depthFrom_m = number(tokens[*k + 3], where, "depth_from");
            layout.sensor.depthTo_m = number(tokens[*k + 4], where, "depth_to");
        } else {
            throw Error("not an ISMN ceop record: " + std::to_string(tokens.size()) +
                            " fields (ceop_sep has 14 or 15, ceop 16)",
                        where);
        }
        layout.firstDataLine = 0;
    }
    Sensor& s = layout.sensor;
    s.format = layout.format;
    s.sourceFile = path;
    s.variable = name && name->hasVariable ? name->variable : std::string("unknown");
    if (s.instrument.empty())
        s.instrument = name && !name->instrument.empty() ? name->instrument : "n.s";
    return layout;
}

void finishSeries(Sensor& s, const Station& st) {
    s.series.name = st.network + "/" + st.name + "/" + s.variable;
    s.series.units = variableUnits(s.variable);
    auto& t = s.series.times;
    bool sorted = true;
    for (std::size_t i = 1; i < t.size() && sorted; ++i)
        sorted = t[i - 1] < t[i];
    if (sorted)
        return;
    std::vector<std::size_t> order(t.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return t[a] < t[b]; });
    std::vector<std::size_t> kept;
    for (const auto i : order)
        if (kept.empty() || t[kept.back()] != t[i])
            kept.push_back(i);
    series::TimeSeries out;
    out.name = s.series.name;
    out.units = s.series.units;
    for (const auto i : kept) {
        out.times.push_back(t[i]);
        out.values.push_back(s.series.values[i]);
        out.flags.push_back(s.series.flags[i]);
    }
    s.series = std::move(out);
    if (!s.providerFlags.empty())
        s.providerFlags.permute(kept);
}

/// Visits the records of a header_values or ceop_sep file in content[from..]; line numbers
/// continue from `lines`, which ends as the number of lines read. False when `visit` stopped.
template <class Visit>
bool visitRecords(std::string_view content, std::size_t from, std::size_t& lines,
                  const Layout& layout, detail::RecordParser& parser, Visit&& visit) {
    LineCursor cursor(content, from, lines);
    std::string_view line;
    Tokens tokens;
    const std::size_t valueIndex = layout.latIndex + 5;
    IsmnRecord record;
    while (cursor.next(line)) {
        const std::size_t lineNo = cursor.lineNumber();
        if (layout.format == IsmnFormat::HeaderValues) {
            record = parser.headerValuesRecord(line, lineNo);
        } else {
            detail::tokenize(line, tokens);
            if (tokens.size() < valueIndex + 2)
                parser.fail("truncated ceop_sep record: " + std::to_string(tokens.size()) +
                                " fields",
                            lineNo);
            record.time = parser.time(tokens[0], tokens[1], lineNo);
            record.value = parser.value(tokens[valueIndex], lineNo);
            record.flags = parser.flags(tokens[valueIndex + 1]);
            record.providerFlag =
                tokens.size() > valueIndex + 2 ? tokens[valueIndex + 2] : std::string_view{};
        }
        if (!visit(record))
            return false;
    }
    lines = cursor.lineNumber();
    return true;
}

void parseSingleSensor(std::string_view content, const std::string& path, Layout& layout) {
    Sensor& s = layout.sensor;
    detail::RecordParser parser(path);
    const std::size_t expected =
        content.size() / (layout.format == IsmnFormat::HeaderValues ? 28 : 120) + 16;
    s.series.reserve(expected);
    s.series.flags.reserve(expected);
    s.providerFlags.reserve(expected);
    std::size_t lines = layout.firstDataLine ? 1 : 0;
    visitRecords(content, layout.firstDataLine, lines, layout, parser, [&s](const IsmnRecord& r) {
        s.series.times.push_back(r.time);
        s.series.values.push_back(r.value);
        s.series.flags.push_back(r.flags);
        s.providerFlags.push(r.providerFlag);
        return true;
    });
    s.loaded = true;
    finishSeries(s, layout.station);
}

/// ceop combined files: for every depth two sensors (soil_temperature in degC from column
/// latIndex+5 with its flag, soil_moisture in m3/m3 from latIndex+7 with its flag); the UTC
/// nominal date/time of columns 0-1 is used; -999.99 marks a missing value.
void parseCeop(std::string_view content, const std::string& path, Layout& layout) {
    detail::RecordParser parser(path);
    LineCursor cursor(content);
    std::string_view line;
    Tokens tokens;
    const std::size_t k = layout.latIndex;
    std::vector<Sensor>& sensors = layout.station.sensors;
    auto sensorFor = [&](double depth, const char* variable) -> Sensor& {
        for (auto& s : sensors)
            if (s.variable == variable && std::abs(s.depthTo_m - depth) < 1e-9)
                return s;
        Sensor s;
        s.variable = variable;
        s.depthFrom_m = depth;
        s.depthTo_m = depth;
        s.instrument = "n.s";
        s.sourceFile = path;
        s.format = IsmnFormat::Ceop;
        s.loaded = true;
        sensors.push_back(std::move(s));
        return sensors.back();
    };
    while (cursor.next(line)) {
        const std::size_t lineNo = cursor.lineNumber();
        detail::tokenize(line, tokens);
        if (tokens.size() < k + 9)
            throw Error("truncated ceop record: " + std::to_string(tokens.size()) +
                            " fields, expected " + std::to_string(k + 9),
                        path + ":" + std::to_string(lineNo));
        const TimePoint t = parser.time(tokens[0], tokens[1], lineNo);
        const double depth = number(tokens[k + 4], path + ":" + std::to_string(lineNo), "depth");
        const std::pair<const char*, std::size_t> columns[] = {{"soil_temperature", k + 5},
                                                               {"soil_moisture", k + 7}};
        for (const auto& [variable, col] : columns) {
            Sensor& s = sensorFor(depth, variable);
            double v = parser.value(tokens[col], lineNo);
            if (v == -999.99)
                v = std::nan("");
            s.series.times.push_back(t);
            s.series.values.push_back(v);
            s.series.flags.push_back(parser.flags(tokens[col + 1]));
            s.providerFlags.push({});
        }
    }
    std::stable_sort(sensors.begin(), sensors.end(), [](const Sensor& a, const Sensor& b) {
        return a.variable != b.variable ? a.variable < b.variable : a.depthFrom_m < b.depthFrom_m;
    });
    for (auto& s : sensors)
        finishSeries(s, layout.station);
}

} // namespace

std::optional<IsmnFileName> parseIsmnFileName(std::string_view fileName) {
    std::string_view stem = fileName;
    if (const auto dot = stem.rfind('.'); dot != std::string_view::npos)
        stem = stem.substr(0, dot);
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t p = stem.find('_', start);
        parts.push_back(stem.substr(start, p == std::string_view::npos ? p : p - start));
        if (p == std::string_view::npos)
            break;
        start = p + 1;
    }
    auto isDate8 = [](std::string_view t) { return t.size() == 8 && detail::isDigits(t); };
    if (parts.size() < 5 || !isDate8(parts[parts.size() - 1]) || !isDate8(parts[parts.size() - 2]))
        return std::nullopt;
    IsmnFileName out;
    out.cse = parts[0];
    out.network = parts[1];
    // The variable is the token before the first pair of depth numbers.
    std::size_t depthAt = 0;
    for (std::size_t i = 3; i + 2 < parts.size() - 1; ++i)
        if (isNumber(parts[i]) && isNumber(parts[i + 1]) &&
            parts[i].find('.') != std::string_view::npos) {
            depthAt = i;
            break;
        }
    const std::size_t stationEnd = depthAt ? depthAt - 1 : parts.size() - 2;
    if (stationEnd <= 2)
        return std::nullopt;
    std::string station;
    for (std::size_t i = 2; i < stationEnd; ++i)
        station += (i > 2 ? "_" : "") + std::string(parts[i]);
    out.station = station;
    out.prefix = out.cse + "_" + out.network + "_" + station;
    if (depthAt) {
        out.hasVariable = true;
        out.variable = variableLongName(parts[depthAt - 1]);
        detail::parseDouble(parts[depthAt], out.depthFrom_m);
        detail::parseDouble(parts[depthAt + 1], out.depthTo_m);
        for (std::size_t i = depthAt + 2; i + 2 < parts.size(); ++i)
            out.instrument += (out.instrument.empty() ? "" : "_") + std::string(parts[i]);
    }
    return out;
}

namespace {
/// Text editors on Windows start UTF-8 files with a byte-order mark; it is not data.
std::string_view withoutBom(std::string_view content) {
    return content.substr(0, 3) == "\xEF\xBB\xBF" ? content.substr(3) : content;
}
} // namespace

Station parseIsmnBuffer(std::string_view content, const std::string& path, bool loadData) {
    content = withoutBom(content);
    Layout layout = readLayout(content, path);
    if (layout.format == IsmnFormat::Ceop) {
        parseCeop(content, path, layout);
        return std::move(layout.station);
    }
    if (loadData)
        parseSingleSensor(content, path, layout);
    layout.station.sensors.push_back(std::move(layout.sensor));
    return std::move(layout.station);
}

Station readIsmnFile(const std::string& path, bool loadData, Feedback* feedback) {
    if (!loadData) {
        // The header is the first line; ceop files need the whole content for their depths.
        const std::string start(withoutBom(readVsiFileStart(path, 4096)));
        LineCursor cursor(start);
        std::string_view first;
        if (cursor.next(first) && cursor.position() < start.size()) {
            Layout layout = readLayout(start, path);
            if (layout.format != IsmnFormat::Ceop) {
                layout.station.sensors.push_back(std::move(layout.sensor));
                return std::move(layout.station);
            }
        }
    }
    return parseIsmnBuffer(readVsiFile(path, feedback), path, true);
}

namespace {
/// End of the complete lines of a block whose end is not the file's: after its last '\n' that
/// is not the first half of a "\n\r" break (0 when no line is complete yet).
std::size_t completeLinesEnd(std::string_view block) {
    for (std::size_t p = block.size(); p-- > 1;)
        if (block[p - 1] == '\n' && block[p] != '\r')
            return p;
    return 0;
}
} // namespace

void streamIsmnRecords(const std::string& path, Feedback* feedback,
                       const std::function<bool(const IsmnRecord&)>& visit) {
    std::string block; // the lines not yet parsed
    std::optional<Layout> layout;
    detail::RecordParser parser(path);
    std::size_t lines = 0;
    bool go = true;
    auto parse = [&](bool atEnd) {
        const std::size_t end = atEnd ? block.size() : completeLinesEnd(block);
        if (end == 0)
            return;
        std::size_t from = 0;
        if (!layout) {
            const std::size_t bom = withoutBom(block).data() - block.data();
            layout = readLayout(std::string_view(block).substr(bom, end - bom), path);
            if (layout->format == IsmnFormat::Ceop)
                throw Error("a ceop file holds several sensors: it is read whole, not streamed",
                            path);
            from = bom + layout->firstDataLine;
            lines = layout->firstDataLine ? 1 : 0;
        }
        go = visitRecords(std::string_view(block).substr(0, end), from, lines, *layout, parser,
                          visit);
        block.erase(0, end);
    };
    readVsiFileChunks(path, feedback, [&](std::string_view chunk) {
        block.append(chunk);
        parse(false);
        return go;
    });
    if (go)
        parse(true);
    if (!layout)
        throw Error("empty file: no ISMN header or data line", path);
}

void loadSensorData(Sensor& sensor) {
    if (sensor.loaded)
        return;
    Station st = readIsmnFile(sensor.sourceFile, true);
    for (auto& s : st.sensors) {
        if (s.variable == sensor.variable && std::abs(s.depthFrom_m - sensor.depthFrom_m) < 1e-9 &&
            std::abs(s.depthTo_m - sensor.depthTo_m) < 1e-9) {
            sensor.series = std::move(s.series);
            sensor.providerFlags = std::move(s.providerFlags);
            sensor.loaded = true;
            return;
        }
    }
    throw Error("the file no longer holds " + sensor.variable + " at " +
                    std::to_string(sensor.depthFrom_m) + "-" + std::to_string(sensor.depthTo_m) +
                    " m",
                sensor.sourceFile);
}

} // namespace soilscope::stations
