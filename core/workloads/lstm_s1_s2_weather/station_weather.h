#pragma once
#include "base/time_utils.h"
#include "geo/grid.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace soilscope::workloads {

/// Daily weather descriptors of a site before a date, from hourly gridded air temperature (K)
/// and precipitation (mm per hour) at the site's cell.
struct WeatherRow {
    float taMin = 0, taMean = 0, taMax = 0; ///< °C over the 24 h before the date
    float precip1d = 0, precip7d = 0;       ///< mm over the 1 and 7 days before the date
    float dryDays = 0;                      ///< consecutive whole days < 0.1 mm before the date
};

/// Names of the WeatherRow channels, in order.
std::vector<std::string> weatherNames();

/// Weather rows for every (site, date): result[site][date]. Sites are lon/lat in degrees;
/// reads only the hourly frames from 30 days before the first date to the last date.
/// NaN where the hourly data do not cover a window.
std::vector<std::vector<WeatherRow>>
stationWeather(const std::filesystem::path& temperatureFile, const std::string& temperatureVariable,
               const std::filesystem::path& precipitationFile,
               const std::string& precipitationVariable,
               const std::vector<std::pair<double, double>>& sites,
               const std::vector<TimePoint>& dates, const Feedback& feedback);

} // namespace soilscope::workloads
