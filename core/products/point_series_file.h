#pragma once
#include "products/observation_mask.h"
#include "series/time_series.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::products {

class NetcdfFile;

/// One location (CF "instance") of a point-series file.
struct SeriesLocation {
    long long id = 0; ///< the cf_role=timeseries_id variable (ASCAT: gpi), else the index
    double lon = 0.0;
    double lat = 0.0;
};

/// What a variable is given for.
enum class VariableShape {
    Observation,         ///< one value per observation (sm, ssf, proc_flag, time, ...)
    Location,            ///< one value per location (por_gldas, topo, ...)
    LocationByDayOfYear, ///< one value per location and day of year (ASCAT frozen, snow)
    Other
};

struct PointVariable {
    std::string name;
    std::string units;
    std::string longName;
    VariableShape shape = VariableShape::Other;
};

/// A series read from a point-series file.
struct LocationSeries {
    series::TimeSeries series;
    std::size_t observations = 0; ///< observations of the location before the mask
    std::size_t masked = 0;       ///< observations removed by the mask
    std::size_t duplicates = 0;   ///< observations at a time already seen (the first is kept)
    series::TimeSeries rejected;  ///< the observations the mask removed, in time order
};

/// The observations `keep` accepts (all when empty) as a sorted series, and those it rejects
/// apart; duplicated times keep the first and are counted. With `members`, observation i is
/// times/values[members[i]].
LocationSeries keptSeries(const std::vector<TimePoint>& times, const std::vector<double>& values,
                          const std::vector<char>& keep, const std::string& name,
                          const std::string& units,
                          const std::vector<std::size_t>* members = nullptr);

/// Great-circle distance in km on a sphere of radius 6371 km.
double distanceKm(double lon1, double lat1, double lon2, double lat2);

/// A CF discrete-sampling-geometry netCDF file of featureType timeSeries (CF 1.6 §H.2): the
/// observations of many locations in one sample dimension, as a contiguous ragged array
/// (`row_size` with sample_dimension, as in ASCAT/ERS WARP cell files) or an indexed ragged array
/// (`locationIndex` with instance_dimension). Throws soilscope::Error naming the file for a file
/// of another kind, a missing time or lon/lat variable, a row_size that does not add up to the
/// sample dimension, or an index outside the locations.
class PointSeriesFile {
  public:
    explicit PointSeriesFile(const std::filesystem::path& path);
    ~PointSeriesFile();
    PointSeriesFile(PointSeriesFile&&) noexcept;
    PointSeriesFile& operator=(PointSeriesFile&&) noexcept;

    /// True for a netCDF file whose featureType is timeSeries (reads only the header).
    static bool recognises(const std::filesystem::path& path);

    const std::string& path() const;
    /// "contiguous ragged array" or "indexed ragged array".
    std::string layout() const;
    const std::vector<SeriesLocation>& locations() const { return m_locations; }
    std::size_t observationCount() const { return m_observations; }
    const std::vector<PointVariable>& variables() const { return m_variables; }
    const PointVariable& variable(const std::string& name) const;
    /// The first soil-moisture variable ("sm", "soil_moisture", a standard name with
    /// soil_moisture), or "" when there is none.
    std::string soilMoistureVariable() const;
    /// Global attribute text ("" when absent).
    std::string attribute(const std::string& name) const;

    /// The location nearest to lon/lat (great circle) and its distance in km.
    std::pair<std::size_t, double> nearest(double lon, double lat) const;
    /// The location with this id, nullopt when there is none.
    std::optional<std::size_t> findId(long long id) const;
    /// A per-location variable's value at location i (NaN when missing).
    double locationValue(const std::string& variable, std::size_t i) const;

    /// The series of an observation variable at location i; observations the mask rejects are
    /// removed (a mask may use observation, location and day-of-year variables).
    LocationSeries series(std::size_t location, const std::string& variable,
                          const ObservationMask& mask = {}) const;
    /// The series of every location (reads each variable once).
    std::vector<LocationSeries> allSeries(const std::string& variable,
                                          const ObservationMask& mask = {}) const;

  private:
    std::vector<double> observationValues(const std::string& variable, std::size_t location,
                                          const std::vector<TimePoint>& times) const;
    std::vector<char>
    maskOf(const ObservationMask& mask, std::size_t location, const std::vector<TimePoint>& times,
           const std::function<std::vector<double>(const std::string&)>& observationValuesOf) const;
    std::vector<TimePoint> timesOf(const std::vector<double>& raw) const;

    std::unique_ptr<NetcdfFile> m_file;
    std::vector<SeriesLocation> m_locations;
    std::vector<PointVariable> m_variables;
    std::size_t m_observations = 0;
    std::string m_sampleDim, m_instanceDim, m_timeVariable, m_timeUnits, m_timeCalendar;
    std::string m_dayOfYearVariable;
    bool m_indexed = false;
    std::vector<std::size_t> m_offsets;              ///< contiguous: first observation
    std::vector<std::size_t> m_counts;               ///< contiguous: row_size
    std::vector<std::vector<std::size_t>> m_members; ///< indexed: observations per location
};

} // namespace soilscope::products
