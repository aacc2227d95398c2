#include "geo/regions.h"

#include "base/error.h"
#include "geo/gdal_support.h"

#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>

namespace soilscope::geo {

struct Regions::Polygon {
    std::string name;
    std::unique_ptr<OGRGeometry> geometry;
    OGREnvelope envelope;
};

Regions::Regions() = default;
Regions::Regions(Regions&&) noexcept = default;
Regions& Regions::operator=(Regions&&) noexcept = default;
Regions::~Regions() = default;

Regions Regions::open(const std::string& pathAndLayer, const std::string& attribute) {
    detail::ensureGdal();
    std::string path = pathAndLayer, layerName;
    if (const auto hash = pathAndLayer.rfind('#');
        hash != std::string::npos && !std::filesystem::exists(pathAndLayer)) {
        path = pathAndLayer.substr(0, hash);
        layerName = pathAndLayer.substr(hash + 1);
    }
    if (!std::filesystem::exists(path))
        throw Error("the region file does not exist", path);
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds)
        throw Error("not a vector file GDAL/OGR can read (Shapefile, GeoPackage, GeoJSON, ...)",
                    path);
    OGRLayer* layer = layerName.empty() ? (ds->GetLayerCount() > 0 ? ds->GetLayer(0) : nullptr)
                                        : ds->GetLayerByName(layerName.c_str());
    if (!layer)
        throw Error(layerName.empty() ? "the file has no layer" : "no layer '" + layerName + "'",
                    path);
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (!srs)
        throw Error("the layer has no coordinate reference system (a Shapefile needs its .prj)",
                    path);
    int field = -1;
    if (!attribute.empty()) {
        field = layer->GetLayerDefn()->GetFieldIndex(attribute.c_str());
        if (field < 0) {
            std::string fields;
            for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i)
                fields += (i ? ", " : "") +
                          std::string(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
            throw Error("no attribute '" + attribute + "' (the layer has: " + fields + ")", path);
        }
    }
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRSpatialReference> source(srs->Clone());
    source->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> toLonLat;
    if (!source->IsSame(&wgs84)) {
        toLonLat.reset(OGRCreateCoordinateTransformation(source.get(), &wgs84));
        if (!toLonLat)
            throw Error("cannot transform the layer's coordinate reference system to WGS 84", path);
    }
    Regions out;
    out.m_source = pathAndLayer;
    layer->ResetReading();
    while (auto* raw = layer->GetNextFeature()) {
        std::unique_ptr<OGRFeature> feature(raw);
        const std::string name = field >= 0 ? std::string(feature->GetFieldAsString(field))
                                            : std::to_string(feature->GetFID());
        const OGRGeometry* g = feature->GetGeometryRef();
        const std::string where = path + ": feature " + std::to_string(feature->GetFID()) +
                                  (field >= 0 ? " ('" + name + "')" : std::string());
        if (!g || g->IsEmpty())
            throw Error("the feature has an empty geometry", where);
        const auto type = wkbFlatten(g->getGeometryType());
        if (type != wkbPolygon && type != wkbMultiPolygon)
            throw Error("the feature is not a polygon (" + std::string(g->getGeometryName()) + ")",
                        where);
        if (!g->IsValid())
            throw Error("the polygon is invalid (self-intersecting or badly closed rings); repair "
                        "it first, e.g. with QGIS 'Fix geometries'",
                        where);
        auto polygon = std::make_unique<Polygon>();
        polygon->name = name;
        polygon->geometry.reset(g->clone());
        if (toLonLat && polygon->geometry->transform(toLonLat.get()) != OGRERR_NONE)
            throw Error("the polygon cannot be transformed to WGS 84", where);
        polygon->geometry->getEnvelope(&polygon->envelope);
        out.m_polygons.push_back(std::move(polygon));
    }
    if (out.m_polygons.empty())
        throw Error("the layer has no polygons", path);
    return out;
}

Regions Regions::box(double west, double south, double east, double north,
                     const std::string& name) {
    if (!(west < east) || !(south < north) || !std::isfinite(west + south + east + north))
        throw Error("the bounding box needs west < east and south < north");
    OGRLinearRing ring;
    ring.addPoint(west, south);
    ring.addPoint(east, south);
    ring.addPoint(east, north);
    ring.addPoint(west, north);
    ring.closeRings();
    auto polygon = std::make_unique<Polygon>();
    auto p = std::make_unique<OGRPolygon>();
    p->addRing(&ring);
    polygon->geometry = std::move(p);
    polygon->geometry->getEnvelope(&polygon->envelope);
    polygon->name = name;
    Regions out;
    out.m_source = "bounding box";
    out.m_polygons.push_back(std::move(polygon));
    return out;
}

std::optional<std::string> Regions::regionAt(double lon, double lat) const {
    if (!std::isfinite(lon) || !std::isfinite(lat))
        return std::nullopt;
    const OGRPoint point(lon, lat);
    for (const auto& p : m_polygons) {
        const auto& e = p->envelope;
        if (lon < e.MinX || lon > e.MaxX || lat < e.MinY || lat > e.MaxY)
            continue;
        if (p->geometry->Intersects(&point))
            return p->name;
    }
    return std::nullopt;
}

std::vector<std::string> Regions::names() const {
    std::vector<std::string> out;
    for (const auto& p : m_polygons)
        out.push_back(p->name);
    return out;
}

std::size_t Regions::size() const {
    return m_polygons.size();
}

std::vector<Regions::Ring> Regions::rings() const {
    std::vector<Ring> out;
    const auto addRing = [&out](const std::string& name, const OGRLinearRing* ring, bool hole) {
        if (!ring)
            return;
        Ring r{name, {}, {}, hole};
        for (int i = 0; i < ring->getNumPoints(); ++i) {
            r.lons.push_back(ring->getX(i));
            r.lats.push_back(ring->getY(i));
        }
        out.push_back(std::move(r));
    };
    const auto addPolygon = [&](const std::string& name, const OGRPolygon* polygon) {
        addRing(name, polygon->getExteriorRing(), false);
        for (int i = 0; i < polygon->getNumInteriorRings(); ++i)
            addRing(name, polygon->getInteriorRing(i), true);
    };
    for (const auto& p : m_polygons) {
        const auto type = wkbFlatten(p->geometry->getGeometryType());
        if (type == wkbPolygon)
            addPolygon(p->name, p->geometry->toPolygon());
        else if (type == wkbMultiPolygon)
            for (const auto* part : *p->geometry->toMultiPolygon())
                addPolygon(p->name, part);
    }
    return out;
}

} // namespace soilscope::geo
