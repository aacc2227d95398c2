#pragma once
#include "base/time_utils.h"

#include <cstdint>
#include <string>
#include <vector>

namespace soilscope::demo {

/// One rain storm: a Gaussian cell moving at constant velocity, with a sine-shaped life cycle.
struct Storm {
    int id = 0;
    double startHour = 0.0; ///< hours since the simulation origin
    double duration_h = 6.0;
    double lon0 = 0.0; ///< centre at start
    double lat0 = 0.0;
    double radius_km = 30.0; ///< Gaussian sigma
    double peak_mm_h = 3.0;  ///< intensity at the centre at mid-life
    double u_kmh = 20.0;     ///< eastward speed
    double v_kmh = 5.0;      ///< northward speed
    bool convective = false;
};

/// Hourly weather of the twin as functions of place and time: stochastic storms, air and soil
/// temperature with seasonal and diurnal cycles, clouds, shortwave radiation and potential
/// evaporation. Hours are counted from an origin (the start of the spin-up).
class Weather {
  public:
    /// Draws the storm catalogue for [origin, origin + hours) over the box (with a margin).
    Weather(std::uint64_t seed, TimePoint origin, int hours, double lonMin, double lonMax,
            double latMin, double latMax);

    TimePoint origin() const { return m_origin; }
    const std::vector<Storm>& storms() const { return m_storms; }
    /// Precipitation accumulated over the hour ending at hour index h (mm), at a point.
    double precipitation(double lon, double lat, int h) const;
    /// Cloud fraction 0..1 at a point and (fractional) hour.
    double cloudiness(double lon, double lat, double hour) const;
    /// Air temperature at 2 m (°C) at a point, elevation and hour.
    double airTemperature(double lon, double lat, double elevation_m, double hour) const;
    /// Soil temperature 0–5 cm (°C).
    double soilTemperature(double lon, double lat, double elevation_m, double hour) const;
    /// Surface shortwave down (W m-2), hourly mean around the hour.
    double shortwave(double lon, double lat, double hour) const;
    /// Potential evaporation over the hour ending at h (mm), Priestley–Taylor-like.
    double potentialEvaporation(double lon, double lat, double elevation_m, int h) const;
    /// Local solar hour (0..24) at a longitude for an hour index.
    double solarHour(double lon, double hour) const;
    /// Day of year (1..366, fractional) of an hour index.
    double dayOfYear(double hour) const;
    /// CSV of the storm catalogue (one line per storm, ISO start time).
    std::string stormsCsv() const;

  private:
    double synoptic(double hour, std::uint64_t stream) const;
    double computeDayOfYear(double hour) const;
    std::uint64_t m_seed;
    TimePoint m_origin;
    int m_hours;
    std::vector<Storm> m_storms;
    std::vector<std::vector<int>> m_activeByHour; ///< storms alive during each hour (with margin)
    std::vector<double> m_synPeriods;
    std::vector<double> m_synPhases;
    std::vector<double> m_doyTable;
};

/// Kilometres per degree of latitude.
inline constexpr double kKmPerDegree = 111.195;

} // namespace soilscope::demo
