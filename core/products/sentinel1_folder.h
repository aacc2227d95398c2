#pragma once
#include "base/time_utils.h"
#include "products/point_series_file.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::products {

/// How σ⁰ values are stored or wanted.
enum class BackscatterScale { Decibel, Linear };

/// One acquisition of a polarisation: its file and band, and how its values are stored.
struct Sentinel1Scene {
    TimePoint time;
    std::filesystem::path path;
    int band = 1;
    BackscatterScale scale = BackscatterScale::Decibel;
};

/// A folder of Sentinel-1 σ⁰ scenes as GeoTIFFs (as SNAP, the ESA toolboxes or Google Earth
/// Engine exports write them), one file per acquisition, dated by the name
/// (S1A_IW_GRDH_1SDV_20170810T053435_…, or any YYYYMMDDThhmmss / YYYYMMDD in it). A
/// polarisation is a band described VV or VH (Sigma0_VV_db, …) or a file named …_VV….tif;
/// the incidence angle a band described incidence/angle. dB or linear comes from the band's
/// units or description or the file name (…_db…), else from the declared scale.
class Sentinel1Folder {
  public:
    static bool recognises(const std::filesystem::path& folder);
    /// The scenes of `polarisation` ("VV", "VH" or "incidence"); throws soilscope::Error naming
    /// the folder when none is found, or a file whose scale is unknown and not declared.
    Sentinel1Folder(const std::filesystem::path& folder, const std::string& polarisation,
                    std::optional<BackscatterScale> declared = std::nullopt);

    const std::vector<Sentinel1Scene>& scenes() const { return m_scenes; }
    /// The series at lon/lat points (the pixel containing each), in `want` (dB or linear; as
    /// stored when nullopt); the incidence angle is returned as stored (degrees).
    std::vector<LocationSeries> seriesAt(const std::vector<std::pair<double, double>>& lonLat,
                                         std::optional<BackscatterScale> want) const;

  private:
    std::filesystem::path m_folder;
    std::string m_polarisation;
    std::vector<Sentinel1Scene> m_scenes;
};

/// A Sentinel-1 variable: the polarisation ("VV", "VH", "incidence"), the scale wanted and the
/// scale the files store when they do not say it.
struct BackscatterVariable {
    std::string polarisation = "VV";
    std::optional<BackscatterScale> want, stored;
};

/// "VV", "VH:db", "VV:linear", "VV@db" (stored in dB), "VH@linear:db", "incidence".
BackscatterVariable parseBackscatterVariable(const std::string& text);

} // namespace soilscope::products
