#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::geo {

/// Polygons read from an OGR vector file (Shapefile, GeoPackage, GeoJSON, ...), reprojected to
/// longitude/latitude (WGS 84), each named by an attribute (e.g. a catchment id).
/// A point belongs to the first polygon in file order that contains it or has it on its
/// boundary, so a station exactly on an edge shared by two polygons goes to the earlier one.
class Regions {
  public:
    /// Reads the first layer of `path` (or the layer named after '#': "basins.gpkg#catchments").
    /// `attribute` names the field giving each polygon's name; empty = the feature id.
    /// Throws soilscope::Error naming the file for a missing file or field, a layer without
    /// polygons, a layer without a coordinate reference system, or an invalid or empty polygon.
    static Regions open(const std::string& pathAndLayer, const std::string& attribute = {});
    /// A rectangle in longitude/latitude named `name` (west < east, south < north).
    static Regions box(double west, double south, double east, double north,
                       const std::string& name = "box");

    Regions(Regions&&) noexcept;
    Regions& operator=(Regions&&) noexcept;
    ~Regions();

    /// The name of the region holding the point, nullopt outside every region.
    std::optional<std::string> regionAt(double lon, double lat) const;
    /// The region names in file order (repeated names allowed: multi-part regions).
    std::vector<std::string> names() const;
    std::size_t size() const;
    /// One ring (outer boundary or hole) of a region's polygons, in longitude/latitude.
    struct Ring {
        std::string region;
        std::vector<double> lons, lats;
        bool hole = false; ///< an interior ring
    };
    /// Every ring of every polygon in file order, for drawing the regions as they are used.
    std::vector<Ring> rings() const;
    /// Where the regions came from, for messages.
    const std::string& source() const { return m_source; }

  private:
    Regions();
    struct Polygon;
    std::vector<std::unique_ptr<Polygon>> m_polygons;
    std::string m_source;
};

} // namespace soilscope::geo
