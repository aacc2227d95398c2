#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace soilscope::features {

/// The spectral indices SoilScope knows by name.
enum class SpectralIndex { NDVI, EVI, GNDVI, MSI, NDMI, NDWI, SAVI, NBRI, BSI, NDRE };

/// "NDVI", "EVI", ...
std::string spectralIndexName(SpectralIndex index);
/// Parses a name (case-insensitive); throws soilscope::Error listing the known ones.
SpectralIndex parseSpectralIndex(const std::string& name);
/// All indices, in declaration order.
std::vector<SpectralIndex> allSpectralIndices();

/// Spectral roles used by the index formulas (reflectance in 0..1).
enum class BandRole { Blue, Green, Red, RedEdge, Nir, Swir1, Swir2 };

/// "blue", "green", "red", "rededge", "nir", "swir1", "swir2".
std::string bandRoleName(BandRole role);
BandRole parseBandRole(const std::string& name);
/// The roles an index formula reads.
std::vector<BandRole> rolesOf(SpectralIndex index);

/// How a sensor's bands are laid out in a file and which band plays which role, e.g.
/// Landsat 7: file bands {B1,B2,B3,B4,B5,B7}, red = B3, nir = B4; Sentinel-2: red = B4,
/// nir = B8 (or B8A, as in the seq2seq workload), swir1 = B11, swir2 = B12, rededge = B5.
struct SensorBands {
    std::string sensor;                    ///< "landsat7", "sentinel2" or a user name
    std::vector<std::string> fileBands;    ///< band names in file order (1-based band = index+1)
    std::map<BandRole, std::string> roles; ///< role -> band name
    double reflectanceScale = 1.0;         ///< reflectance = DN * scale + offset
    double reflectanceOffset = 0.0;

    /// 1-based band number in the file for a role; throws naming the sensor and the role.
    int bandNumber(BandRole role) const;
    /// 1-based band number of a band name ("B4"); throws when absent.
    int bandNumber(const std::string& bandName) const;
};

/// Landsat 7 ETM+ with the reflective bands 1,2,3,4,5,7 in that order.
SensorBands landsat7Bands();
/// Sentinel-2 MSI with bands B2 B3 B4 B5 B6 B8 B8A B11 B12 in that order (nir = B8).
SensorBands sentinel2Bands();
/// A preset by name ("landsat7", "sentinel2"); throws for unknown names.
SensorBands sensorBandsPreset(const std::string& sensor);

/// Pointers to the reflectance arrays of each role (nullptr where not needed).
struct IndexInputs {
    std::map<BandRole, const float*> bands;
};

/// Computes an index for n pixels. NaN inputs, zero denominators and non-finite results give
/// NaN. Inputs are reflectances; call scaleReflectance first for DNs.
void computeSpectralIndex(SpectralIndex index, const IndexInputs& inputs, std::size_t n,
                          float* out);

/// The index of one pixel from role reflectances (NaN where undefined).
double spectralIndexValue(SpectralIndex index, const std::map<BandRole, double>& reflectance);

} // namespace soilscope::features
