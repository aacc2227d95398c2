#include "stations/ismn_archive.h"

#include "base/error.h"
#include "stations/ismn_reader.h"
#include "stations/static_variables.h"
#include "stations/vsi_file.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace soilscope::stations {

namespace {

bool endsWithNoCase(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) !=
            std::tolower(static_cast<unsigned char>(suffix[i])))
            return false;
    return true;
}

constexpr std::string_view kStaticSuffix = "_static_variables.csv";

std::string folderOf(const std::string& rel) {
    const std::size_t slash = rel.find_last_of('/');
    return slash == std::string::npos ? std::string() : rel.substr(0, slash);
}

std::string fileOf(const std::string& rel) {
    const std::size_t slash = rel.find_last_of('/');
    return slash == std::string::npos ? rel : rel.substr(slash + 1);
}

void sortSensors(Station& st) {
    std::stable_sort(st.sensors.begin(), st.sensors.end(), [](const Sensor& a, const Sensor& b) {
        if (a.variable != b.variable)
            return a.variable < b.variable;
        if (a.depthFrom_m != b.depthFrom_m)
            return a.depthFrom_m < b.depthFrom_m;
        if (a.depthTo_m != b.depthTo_m)
            return a.depthTo_m < b.depthTo_m;
        return a.sourceFile < b.sourceFile;
    });
}

void merge(std::vector<Network>& networks, Station station) {
    auto net = std::find_if(networks.begin(), networks.end(),
                            [&](const Network& n) { return n.name == station.network; });
    if (net == networks.end()) {
        networks.push_back(Network{station.network, {}});
        net = networks.end() - 1;
    }
    if (Station* existing = net->findStation(station.name)) {
        for (auto& s : station.sensors)
            existing->sensors.push_back(std::move(s));
        if (existing->staticVariables.empty())
            existing->staticVariables = std::move(station.staticVariables);
    } else {
        net->stations.push_back(std::move(station));
    }
}

} // namespace

IsmnArchive IsmnArchive::open(const std::filesystem::path& path, const ScanOptions& options) {
    IsmnArchive archive;
    archive.m_path = path;
    std::error_code ec;
    const std::string abs = std::filesystem::absolute(path, ec).lexically_normal().string();
    bool folder = false;
    if (!vsiFileSize(abs, &folder))
        throw Error("no such file or folder", path.string());
    if (folder) {
        archive.scanFolder(abs, options, false);
    } else if (endsWithNoCase(abs, ".zip")) {
        zipDirectoryOf(abs); // a corrupt or truncated archive is named as such, up front
        archive.scanFolder("/vsizip/" + abs, options, true);
    } else {
        Station st = readIsmnFile(abs, options.loadData);
        if (const auto name = parseIsmnFileName(fileOf(abs))) {
            const std::string staticFile =
                folderOf(abs) + "/" + name->prefix + std::string(kStaticSuffix);
            if (vsiFileSize(staticFile)) {
                try {
                    st.staticVariables = readStaticVariables(staticFile);
                } catch (const Error& e) {
                    archive.m_warnings.push_back(std::string("skipped static variables: ") +
                                                 e.what());
                }
            }
        }
        sortSensors(st);
        archive.m_networks.push_back(Network{st.network, {}});
        archive.m_networks.back().stations.push_back(std::move(st));
    }
    reportFraction(options.feedback, 1.0);
    return archive;
}

void IsmnArchive::scanFolder(const std::string& root, const ScanOptions& options, bool isZip) {
    const std::vector<std::string> files = listVsiFilesRecursive(root);
    std::vector<std::string> dataFiles;
    std::map<std::string, std::string> staticFiles; // "folder/prefix" → relative path
    for (const auto& rel : files) {
        const std::string name = fileOf(rel);
        if (endsWithNoCase(name, kStaticSuffix))
            staticFiles[folderOf(rel) + "/" + name.substr(0, name.size() - kStaticSuffix.size())] =
                rel;
        else if (endsWithNoCase(name, ".stm"))
            dataFiles.push_back(rel);
    }
    const std::string what = isZip ? "zip archive" : "folder";
    if (dataFiles.empty())
        throw Error("no ISMN data files (*.stm) in this " + what, m_path.string());

    std::map<std::string, std::vector<StaticVariable>> staticCache;
    for (std::size_t i = 0; i < dataFiles.size(); ++i) {
        reportFraction(options.feedback, static_cast<double>(i) / dataFiles.size());
        const std::string& rel = dataFiles[i];
        Station st;
        try {
            st = readIsmnFile(root + "/" + rel, options.loadData, options.feedback);
        } catch (const Error& e) {
            m_warnings.push_back("skipped " + rel + ": " + e.message() + " (" + e.context() + ")");
            continue;
        }
        if (const auto name = parseIsmnFileName(fileOf(rel))) {
            const std::string key = folderOf(rel) + "/" + name->prefix;
            const auto it = staticFiles.find(key);
            if (it != staticFiles.end()) {
                auto cached = staticCache.find(key);
                if (cached == staticCache.end()) {
                    std::vector<StaticVariable> vars;
                    try {
                        vars = readStaticVariables(root + "/" + it->second);
                    } catch (const Error& e) {
                        m_warnings.push_back("skipped " + it->second + ": " + e.message());
                    }
                    cached = staticCache.emplace(key, std::move(vars)).first;
                }
                st.staticVariables = cached->second;
            }
        }
        merge(m_networks, std::move(st));
    }
    if (m_networks.empty()) {
        std::string list;
        for (const auto& w : m_warnings)
            list += "\n  " + w;
        throw Error("no readable ISMN data file in this " + what + ":" + list, m_path.string());
    }
    std::sort(m_networks.begin(), m_networks.end(),
              [](const Network& a, const Network& b) { return a.name < b.name; });
    for (auto& net : m_networks) {
        std::sort(net.stations.begin(), net.stations.end(),
                  [](const Station& a, const Station& b) { return a.name < b.name; });
        for (auto& st : net.stations)
            sortSensors(st);
    }
}

std::vector<SensorRef> IsmnArchive::sensors() const {
    return select(SensorSelection{});
}

std::vector<SensorRef> IsmnArchive::select(const SensorSelection& selection) const {
    std::vector<SensorRef> out;
    for (std::size_t n = 0; n < m_networks.size(); ++n)
        for (std::size_t s = 0; s < m_networks[n].stations.size(); ++s) {
            const Station& st = m_networks[n].stations[s];
            for (std::size_t k = 0; k < st.sensors.size(); ++k)
                if (selection.matches(m_networks[n], st, st.sensors[k]))
                    out.push_back({n, s, k});
        }
    return out;
}

const Station& IsmnArchive::station(const SensorRef& ref) const {
    return m_networks.at(ref.network).stations.at(ref.station);
}

const Sensor& IsmnArchive::sensor(const SensorRef& ref) const {
    return station(ref).sensors.at(ref.sensor);
}

const Sensor& IsmnArchive::load(const SensorRef& ref) {
    Sensor& s = m_networks.at(ref.network).stations.at(ref.station).sensors.at(ref.sensor);
    loadSensorData(s);
    return s;
}

std::size_t IsmnArchive::sensorCount() const {
    std::size_t n = 0;
    for (const auto& net : m_networks)
        for (const auto& st : net.stations)
            n += st.sensors.size();
    return n;
}

std::optional<SensorRef> soilTemperatureSensor(const IsmnArchive& archive,
                                               const SensorRef& moisture) {
    const double depth = archive.sensor(moisture).depthTo_m;
    std::optional<SensorRef> best;
    for (const auto& r : archive.sensors()) {
        if (r.network != moisture.network || r.station != moisture.station ||
            archive.sensor(r).variable != "soil_temperature")
            continue;
        const double d = std::abs(archive.sensor(r).depthTo_m - depth);
        if (!best) {
            best = r;
            continue;
        }
        const double b = std::abs(archive.sensor(*best).depthTo_m - depth);
        if (d < b || (d == b && archive.sensor(r).depthTo_m < archive.sensor(*best).depthTo_m))
            best = r;
    }
    return best;
}

} // namespace soilscope::stations
