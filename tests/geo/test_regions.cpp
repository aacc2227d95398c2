// Regions from vector files: reprojection from another CRS, the edge rule (a point on a shared
// edge goes to the first polygon), and clear errors for invalid, empty or CRS-less polygons.
#include "base/error.h"
#include "geo/regions.h"

#include <QTemporaryDir>
#include <QtTest>

#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <fstream>

using namespace soilscope;

namespace {

/// Writes polygons (WKT in the layer's CRS) with a "name" field; epsg 0 = no CRS.
void writeLayer(const std::string& path, const char* driver, int epsg,
                const std::vector<std::pair<std::string, std::string>>& polygons) {
    GDALAllRegister();
    auto* drv = GetGDALDriverManager()->GetDriverByName(driver);
    QVERIFY(drv);
    std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    QVERIFY(ds);
    OGRSpatialReference srs;
    if (epsg)
        srs.importFromEPSG(epsg);
    OGRLayer* layer = ds->CreateLayer("basins", epsg ? &srs : nullptr, wkbPolygon, nullptr);
    OGRFieldDefn field("name", OFTString);
    layer->CreateField(&field);
    for (const auto& [name, wkt] : polygons) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("name", name.c_str());
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
        f.SetGeometryDirectly(g);
        QCOMPARE(int(layer->CreateFeature(&f)), int(OGRERR_NONE));
    }
}

std::string square(double x0, double y0, double x1, double y1) {
    return "POLYGON((" + std::to_string(x0) + " " + std::to_string(y0) + "," + std::to_string(x1) +
           " " + std::to_string(y0) + "," + std::to_string(x1) + " " + std::to_string(y1) + "," +
           std::to_string(x0) + " " + std::to_string(y1) + "," + std::to_string(x0) + " " +
           std::to_string(y0) + "))";
}

} // namespace

class TestRegions : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void reprojectsAndAppliesTheEdgeRule() {
        QTemporaryDir tmp;
        const std::string path = (tmp.path() + "/basins.gpkg").toStdString();
        // Web Mercator squares: west 0..1 113 195 m (0°..10° E), east 10°..20° E, 0..10° N.
        const double x10 = 1113194.9079327357, x20 = 2226389.8158654715;
        const double y10 = 1118889.9748579594;
        writeLayer(path, "GPKG", 3857,
                   {{"west", square(0, 0, x10, y10)}, {"east", square(x10, 0, x20, y10)}});
        const auto regions = geo::Regions::open(path, "name");
        QCOMPARE(regions.size(), std::size_t(2));
        QCOMPARE(*regions.regionAt(5, 5), std::string("west"));
        QCOMPARE(*regions.regionAt(15, 9.99), std::string("east"));
        QCOMPARE(*regions.regionAt(10, 5), std::string("west")); // the shared edge: first one
        QVERIFY(!regions.regionAt(25, 5));
        QVERIFY(!regions.regionAt(5, -1));
        QCOMPARE(*geo::Regions::open(path + "#basins").regionAt(15, 5), std::string("2"));
        QVERIFY_THROWS_EXCEPTION(Error, geo::Regions::open(path + "#rivers"));
        try {
            geo::Regions::open(path, "catchment");
            QFAIL("a missing attribute must be refused");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("name") != std::string::npos, e.what());
        }
    }

    void badPolygonsAreClearErrors() {
        QTemporaryDir tmp;
        const std::string bowtie = (tmp.path() + "/bowtie.gpkg").toStdString();
        writeLayer(bowtie, "GPKG", 4326, {{"x", "POLYGON((0 0,1 1,1 0,0 1,0 0))"}});
        try {
            geo::Regions::open(bowtie, "name");
            QFAIL("an invalid polygon must be refused");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("invalid") != std::string::npos, e.what());
            QVERIFY(std::string(e.what()).find("bowtie.gpkg") != std::string::npos);
        }
        const std::string noCrs = (tmp.path() + "/nocrs.shp").toStdString();
        writeLayer(noCrs, "ESRI Shapefile", 0, {{"x", square(0, 0, 1, 1)}});
        try {
            geo::Regions::open(noCrs, "name");
            QFAIL("a layer without CRS must be refused");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("coordinate reference system") != std::string::npos,
                     e.what());
        }
        const std::string empty = (tmp.path() + "/empty.gpkg").toStdString();
        writeLayer(empty, "GPKG", 4326, {});
        QVERIFY_THROWS_EXCEPTION(Error, geo::Regions::open(empty));
        const std::string text = (tmp.path() + "/not.geojson").toStdString();
        std::ofstream(text) << "{ not json";
        QVERIFY_THROWS_EXCEPTION(Error, geo::Regions::open(text));
        QVERIFY_THROWS_EXCEPTION(Error, geo::Regions::open(tmp.path().toStdString() + "/no.shp"));
        QVERIFY_THROWS_EXCEPTION(Error, geo::Regions::box(5, 0, 1, 1));
        QCOMPARE(*geo::Regions::box(0, 0, 1, 1).regionAt(1, 1), std::string("box"));
    }
};

QTEST_APPLESS_MAIN(TestRegions)
#include "test_regions.moc"
