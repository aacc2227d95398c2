#pragma once
#include "analysis/station_table.h"
#include "base/feedback.h"
#include "base/parameter_spec.h"
#include "base/parameter_values.h"
#include "base/text.h"
#include "geo/grid.h"
#include "geo/raster_series.h"
#include "series/time_series.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

/// Input helpers shared by the analysis tasks (spectrum, intraday, station-metrics, summarize).
namespace soilscope::tasks::analysis_inputs {

/// True for ISMN inputs: a folder, a .zip archive or a .stm file.
bool isStationPath(const std::filesystem::path& path);
/// True for CSV/text time series files.
bool isTablePath(const std::filesystem::path& path);

/// A finite number, or JSON null.
nlohmann::json numberOrNull(double v);

/// Builds one CSV line: quoted text cells ("" escapes) and %.10g numbers (NaN -> empty).
class CsvLine {
  public:
    CsvLine& text(const std::string& cell);
    CsvLine& number(double value);
    CsvLine& integer(long long value);
    /// The line with a trailing newline.
    std::string str() const { return m_line + '\n'; }

  private:
    void separator();
    std::string m_line;
    bool m_first = true;
};

/// The grouped summaries of one product of a station table as JSON: per grouping in `groupBy`
/// (see analysis::groupSummary), rows of group, stations, pairs, pooled metrics and per-station
/// medians.
nlohmann::json groupSummariesJson(const analysis::StationTable& table, std::size_t product,
                                  const std::vector<std::string>& groupBy, std::size_t minPairs);

/// One time series with a readable description and its location (NaN when unknown).
struct SeriesInput {
    series::TimeSeries series;
    std::string description;
    double lon = std::numeric_limits<double>::quiet_NaN();
    double lat = std::numeric_limits<double>::quiet_NaN();
};

/// Parameters selecting one series: --column (CSV), --station/--network/--sm-variable/
/// --depth-min/--depth-max/--flags (ISMN), --variable + --lon/--lat (a pixel of a raster series).
std::vector<ParameterSpec> seriesSelectionParams();

/// Loads the series named by `pathParameter` and the selection parameters; throws
/// soilscope::Error naming the file and the problem.
SeriesInput loadSeries(const ParameterValues& values, const std::string& pathParameter,
                       Feedback& feedback);

/// Parameters selecting ISMN sensors: --sm-variable, --depth-min, --depth-max, --network, --flags.
std::vector<ParameterSpec> stationSelectionParams();

/// One station of a network: site (with land_cover and climate attributes), the series of its
/// shallowest selected sensor (accepted flags, finite values) and that sensor's description.
struct StationInput {
    analysis::StationSite site;
    series::TimeSeries series;
    std::string sensor;
    /// Why the series is empty when the sensor has observations (the flag filter), else "".
    std::string note;
    /// The station's own soil temperature (the sensor nearest in depth to `sensor`, the flag
    /// filter applied); empty when not asked for or the station has none.
    series::TimeSeries soilTemperature;
    std::string soilTemperatureSensor; ///< "soil_temperature 0.05-0.05 m" when loaded
};

/// Loads every station with a sensor matching the selection parameters (and, with
/// `withSoilTemperature`, each station's soil temperature sensor nearest in depth); reports
/// progress in [from, to] percent. Throws soilscope::Error naming the archive when none matches.
std::vector<StationInput> loadStations(const ParameterValues& values,
                                       const std::string& pathParameter, Feedback& feedback,
                                       double from, double to, bool withSoilTemperature = false);

/// Part `part` of a raster series' time steps cut into `parts` contiguous ranges
/// ([part·T/parts, (part+1)·T/parts) of T steps); by default all of them.
struct StepShare {
    std::size_t part = 0;
    std::size_t parts = 1;
};

/// The series of a raster series at lon/lat points (the pixel containing each; empty series
/// for points outside), reading every time step of its `share` once; progress in [from, to]
/// percent.
std::vector<series::TimeSeries> seriesAtPoints(const geo::RasterSeries& rasterSeries,
                                               const std::vector<geo::LonLat>& points,
                                               Feedback& feedback, double from, double to,
                                               StepShare share = {});

/// A product's series at the stations: one per point (empty outside the product or beyond the
/// farthest distance) and, per point, the product cell it comes from (a pixel "row R col C" or a
/// grid point's "lon X lat Y"), so stations in one cell can be told apart from the others.
struct SeriesAtPoints {
    std::vector<series::TimeSeries> series;
    std::vector<std::string> cells;
    /// A recognised product (not a raster series): per point, why its series is empty ("" when
    /// it has data).
    bool recognised = false;
    std::vector<std::string> whyEmpty;
};

/// Reads a candidate product at the points: a recognised product (ASCAT/ERS cells, CCI images,
/// swaths, SMAP, Sentinel-1) at its nearest location within maxDistanceKm with the observation
/// mask, or a raster series (netCDF/GRIB with a time axis, dated GeoTIFFs; only the time steps
/// `share`) at the pixel holding each point. Progress in [from, to].
SeriesAtPoints readProductAtPoints(const std::string& path, const std::string& variable,
                                   const std::string& mask, double maxDistanceKm,
                                   const std::vector<geo::LonLat>& points, Feedback& feedback,
                                   double from, double to, StepShare share = {});
/// Warns naming the product when points of a recognised product got no data.
void warnAboutPointsWithoutData(const std::string& path, const SeriesAtPoints& read,
                                Feedback& feedback);
/// readProductAtPoints, then warnAboutPointsWithoutData.
SeriesAtPoints productAtPoints(const std::string& path, const std::string& variable,
                               const std::string& mask, double maxDistanceKm,
                               const std::vector<geo::LonLat>& points, Feedback& feedback,
                               double from, double to);

/// Ground spacing in metres: zonal = mean over rows of the geodesic column spacing (geographic
/// grids), meridional = the row spacing at the middle row.
geo::GroundSpacing meanGroundSpacing(const geo::Grid& grid);

/// Time steps of a raster series selected by dates ("2019-06-01" matches every step of that
/// UTC day; a full time matches the nearest step within 30 min); all steps when empty.
std::vector<std::size_t> selectSteps(const geo::RasterSeries& rasterSeries,
                                     const std::vector<std::string>& dates);

} // namespace soilscope::tasks::analysis_inputs
