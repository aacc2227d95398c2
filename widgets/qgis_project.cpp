#include "widgets/qgis_project.h"

#include "base/error.h"
#include "demo/zip_writer.h"
#include "widgets/figure_export.h"
#include "widgets/map_canvas.h"

#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <cmath>
#include <memory>

namespace soilscope::widgets {

namespace {

QString tableName(const QString& layerName, int index) {
    QString name = layerName;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]+")), QStringLiteral("_"));
    return name.isEmpty() ? QStringLiteral("stations_%1").arg(index) : name;
}

/// Writes every station layer as a table of points (WGS 84) with its metrics as attributes.
void writeStations(const QString& path, const MapCanvas& map, QStringList& tables) {
    GDALAllRegister();
    QFile::remove(path);
    auto* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    std::unique_ptr<GDALDataset> ds(
        driver ? driver->Create(path.toStdString().c_str(), 0, 0, 0, GDT_Unknown, nullptr)
               : nullptr);
    if (!ds)
        throw Error("cannot create the GeoPackage of the stations", path.toStdString());
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    for (int i = 0; i < map.layerCount(); ++i) {
        const MapLayer& l = map.layer(i);
        if (l.type != MapLayer::Type::Stations) {
            tables << QString();
            continue;
        }
        QString name = tableName(l.name, i);
        while (tables.contains(name))
            name += QStringLiteral("_");
        tables << name;
        OGRLayer* layer = ds->CreateLayer(name.toStdString().c_str(), &wgs84, wkbPoint, nullptr);
        if (!layer)
            throw Error("cannot create table " + name.toStdString(), path.toStdString());
        for (const char* field : {"network", "station"}) {
            OGRFieldDefn f(field, OFTString);
            layer->CreateField(&f);
        }
        const QStringList metrics = l.metricNames();
        for (const auto& m : metrics) {
            OGRFieldDefn f(m.toStdString().c_str(), OFTReal);
            layer->CreateField(&f);
        }
        for (const auto& s : l.stations) {
            OGRFeature feature(layer->GetLayerDefn());
            feature.SetField("network", s.network.toStdString().c_str());
            feature.SetField("station", s.name.toStdString().c_str());
            for (auto it = s.metrics.begin(); it != s.metrics.end(); ++it)
                if (std::isfinite(it.value()))
                    feature.SetField(it.key().toStdString().c_str(), it.value());
            OGRPoint point(s.lon, s.lat);
            feature.SetGeometry(&point);
            if (layer->CreateFeature(&feature) != OGRERR_NONE)
                throw Error("cannot write station " + s.name.toStdString(), path.toStdString());
        }
    }
}

void spatialRef(QXmlStreamWriter& x, const QString& wkt) {
    x.writeStartElement(QStringLiteral("spatialrefsys"));
    x.writeTextElement(QStringLiteral("wkt"), wkt);
    x.writeEndElement();
}

/// The <pipe> element of a layer's style (its band, not the exported single band).
QString pipeOf(const MapLayer& layer) {
    const QString qml = qgisStyle(layer);
    const int from = qml.indexOf(QStringLiteral("<pipe>"));
    const int to = qml.indexOf(QStringLiteral("</pipe>"));
    if (from < 0 || to < 0)
        return {};
    QString pipe = qml.mid(from, to + 7 - from);
    pipe.replace(QStringLiteral("band=\"1\""), QStringLiteral("band=\"%1\"").arg(layer.band));
    return pipe;
}

/// A raster's data source for QGIS: a file as an absolute path, a GDAL connection string
/// (NETCDF:"file":variable, HDF5:..., /vsizip/...) as it is.
/// Rasters that live in GDAL's memory (the VRT of an image folder) written as files beside the
/// project, by their /vsimem/ path.
using SavedCopies = QHash<QString, QString>;

QString rasterSource(const QString& path, const SavedCopies& copies = {}) {
    if (copies.contains(path))
        return copies.value(path);
    if (QFileInfo::exists(path))
        return QFileInfo(path).absoluteFilePath();
    return path;
}

/// A polygon layer's file ("file.gpkg#layer" → "file.gpkg|layername=layer") and its CRS as
/// WKT (empty when unknown).
QString vectorSource(const QString& pathAndLayer) {
    const QString layer = pathAndLayer.section(QLatin1Char('#'), 1);
    const QString file = rasterSource(pathAndLayer.section(QLatin1Char('#'), 0, 0));
    return layer.isEmpty() ? file : file + QStringLiteral("|layername=") + layer;
}
QString vectorCrsWkt(const QString& pathAndLayer) {
    const QString layerName = pathAndLayer.section(QLatin1Char('#'), 1);
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(pathAndLayer.section(QLatin1Char('#'), 0, 0).toStdString().c_str(),
                          GDAL_OF_VECTOR | GDAL_OF_READONLY));
    OGRLayer* layer = !ds                   ? nullptr
                      : layerName.isEmpty() ? ds->GetLayer(0)
                                            : ds->GetLayerByName(layerName.toStdString().c_str());
    const OGRSpatialReference* srs = layer ? layer->GetSpatialRef() : nullptr;
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2018", nullptr};
    if (!srs || srs->exportToWkt(&wkt, options) != OGRERR_NONE) {
        CPLFree(wkt);
        return {};
    }
    const QString out = QString::fromUtf8(wkt);
    CPLFree(wkt);
    return out;
}

/// Copies a well-formed XML fragment (one element) into the writer.
void copyElement(QXmlStreamWriter& x, const QString& fragment) {
    QXmlStreamReader r(fragment);
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartDocument() || r.isEndDocument() || r.isDTD() ||
            (r.isCharacters() && r.isWhitespace()))
            continue;
        x.writeCurrentToken(r);
    }
}

QString projectXml(const MapCanvas& map, const QString& stationsFile, const QStringList& tables,
                   const SavedCopies& copies) {
    const QString crs = map.mapCrs().isEmpty() ? QStringLiteral("EPSG:4326") : map.mapCrs();
    OGRSpatialReference srs;
    srs.SetFromUserInput(crs.toStdString().c_str());
    char* wktText = nullptr;
    srs.exportToWkt(&wktText, nullptr);
    const QString wkt = QString::fromUtf8(wktText ? wktText : "");
    CPLFree(wktText);
    QStringList ids;
    for (int i = 0; i < map.layerCount(); ++i)
        ids << QStringLiteral("soilscope_%1_%2")
                   .arg(i)
                   .arg(QUuid::createUuid().toString(QUuid::Id128));
    QString out;
    QXmlStreamWriter x(&out);
    x.setAutoFormatting(true);
    x.writeStartDocument();
    x.writeDTD(QStringLiteral("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"));
    x.writeStartElement(QStringLiteral("qgis"));
    x.writeAttribute(QStringLiteral("version"), QStringLiteral("3.22.0"));
    x.writeAttribute(QStringLiteral("projectname"), QStringLiteral("SoilScope"));
    x.writeTextElement(QStringLiteral("title"), QStringLiteral("SoilScope"));
    x.writeStartElement(QStringLiteral("projectCrs"));
    spatialRef(x, wkt);
    x.writeEndElement();
    // QGIS reads <projectCrs> only when the project says it uses projections.
    x.writeStartElement(QStringLiteral("properties"));
    x.writeStartElement(QStringLiteral("SpatialRefSys"));
    x.writeStartElement(QStringLiteral("ProjectionsEnabled"));
    x.writeAttribute(QStringLiteral("type"), QStringLiteral("int"));
    x.writeCharacters(QStringLiteral("1"));
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
    // Layer tree: QGIS lists the top layer first; the map's layer 0 is the bottom one.
    x.writeStartElement(QStringLiteral("layer-tree-group"));
    for (int i = map.layerCount() - 1; i >= 0; --i) {
        const MapLayer& l = map.layer(i);
        x.writeStartElement(QStringLiteral("layer-tree-layer"));
        x.writeAttribute(QStringLiteral("id"), ids[i]);
        x.writeAttribute(QStringLiteral("name"), l.name);
        x.writeAttribute(QStringLiteral("checked"), l.visible ? QStringLiteral("Qt::Checked")
                                                              : QStringLiteral("Qt::Unchecked"));
        x.writeAttribute(QStringLiteral("expanded"), QStringLiteral("1"));
        x.writeEndElement();
    }
    x.writeEndElement();
    x.writeStartElement(QStringLiteral("projectlayers"));
    for (int i = 0; i < map.layerCount(); ++i) {
        const MapLayer& l = map.layer(i);
        const bool raster = l.type == MapLayer::Type::Raster;
        const bool polygons = l.type == MapLayer::Type::Polygons;
        const QString polygonCrs = polygons ? vectorCrsWkt(l.path) : QString();
        x.writeStartElement(QStringLiteral("maplayer"));
        x.writeAttribute(QStringLiteral("type"),
                         raster ? QStringLiteral("raster") : QStringLiteral("vector"));
        if (!raster)
            x.writeAttribute(QStringLiteral("geometry"),
                             polygons ? QStringLiteral("Polygon") : QStringLiteral("Point"));
        x.writeTextElement(QStringLiteral("id"), ids[i]);
        x.writeTextElement(QStringLiteral("datasource"),
                           raster     ? rasterSource(l.path, copies)
                           : polygons ? vectorSource(l.path)
                                      : stationsFile + QStringLiteral("|layername=") + tables[i]);
        x.writeTextElement(QStringLiteral("layername"), l.name);
        x.writeStartElement(QStringLiteral("srs"));
        if (raster && l.grid.hasCrs())
            spatialRef(x, QString::fromStdString(l.grid.crsWkt()));
        else if (!polygonCrs.isEmpty())
            spatialRef(x, polygonCrs);
        else
            spatialRef(
                x, QStringLiteral(
                       "GEOGCRS[\"WGS 84\",ENSEMBLE[\"World Geodetic System 1984 "
                       "ensemble\",MEMBER[\"World Geodetic System 1984 (Transit)\"],MEMBER[\"World "
                       "Geodetic System 1984 (G730)\"],ELLIPSOID[\"WGS "
                       "84\",6378137,298.257223563,LENGTHUNIT[\"metre\",1]],ENSEMBLEACCURACY[2.0]],"
                       "PRIMEM[\"Greenwich\",0,ANGLEUNIT[\"degree\",0.0174532925199433]],CS["
                       "ellipsoidal,2],AXIS[\"geodetic latitude "
                       "(Lat)\",north,ORDER[1],ANGLEUNIT[\"degree\",0.0174532925199433]],AXIS["
                       "\"geodetic longitude "
                       "(Lon)\",east,ORDER[2],ANGLEUNIT[\"degree\",0.0174532925199433]],USAGE["
                       "SCOPE[\"Horizontal component of 3D "
                       "system.\"],AREA[\"World.\"],BBOX[-90,-180,90,180]],ID[\"EPSG\",4326]]"));
        x.writeEndElement();
        x.writeTextElement(QStringLiteral("provider"),
                           raster ? QStringLiteral("gdal") : QStringLiteral("ogr"));
        if (raster)
            copyElement(x, pipeOf(l));
        x.writeEndElement();
    }
    x.writeEndElement();
    const geo::Bounds b = map.visibleBounds();
    x.writeStartElement(QStringLiteral("mapcanvas"));
    x.writeAttribute(QStringLiteral("name"), QStringLiteral("theMapCanvas"));
    x.writeStartElement(QStringLiteral("extent"));
    x.writeTextElement(QStringLiteral("xmin"), QString::number(b.xmin, 'g', 17));
    x.writeTextElement(QStringLiteral("ymin"), QString::number(b.ymin, 'g', 17));
    x.writeTextElement(QStringLiteral("xmax"), QString::number(b.xmax, 'g', 17));
    x.writeTextElement(QStringLiteral("ymax"), QString::number(b.ymax, 'g', 17));
    x.writeEndElement();
    x.writeStartElement(QStringLiteral("destinationsrs"));
    spatialRef(x, wkt);
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndDocument();
    return out;
}

} // namespace

void writeQgisProject(const QString& path, const MapCanvas& map) {
    if (map.layerCount() == 0)
        throw Error("the map has no layer to hand to QGIS", path.toStdString());
    const QFileInfo info(path);
    const bool zipped = info.suffix().compare(QStringLiteral("qgz"), Qt::CaseInsensitive) == 0;
    if (!zipped && info.suffix().compare(QStringLiteral("qgs"), Qt::CaseInsensitive) != 0)
        throw Error("a QGIS project ends in .qgz or .qgs", path.toStdString());
    QStringList tables;
    bool stations = false;
    for (int i = 0; i < map.layerCount(); ++i)
        stations = stations || map.layer(i).type == MapLayer::Type::Stations;
    const QString gpkg = info.absolutePath() + QLatin1Char('/') + info.completeBaseName() +
                         QStringLiteral("_stations.gpkg");
    if (stations)
        writeStations(gpkg, map, tables);
    else
        for (int i = 0; i < map.layerCount(); ++i)
            tables << QString();
    SavedCopies copies;
    for (int i = 0; i < map.layerCount(); ++i) {
        const QString source = map.layer(i).path;
        if (!source.startsWith(QLatin1String("/vsimem/")) || copies.contains(source))
            continue;
        const QString copy = info.absolutePath() + QLatin1Char('/') + info.completeBaseName() +
                             QLatin1Char('_') + QFileInfo(source).fileName();
        VSILFILE* in = VSIFOpenL(source.toStdString().c_str(), "rb");
        QByteArray bytes;
        if (in) {
            char buffer[65536];
            std::size_t got = 0;
            while ((got = VSIFReadL(buffer, 1, sizeof buffer, in)) > 0)
                bytes.append(buffer, qsizetype(got));
            VSIFCloseL(in);
        }
        QSaveFile file(copy);
        if (!in || !file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit())
            throw Error("cannot write the layer '" + map.layer(i).name.toStdString() +
                            "' beside the project",
                        copy.toStdString());
        copies.insert(source, copy);
    }
    const QString xml = projectXml(map, gpkg, tables, copies);
    if (zipped) {
        demo::ZipWriter zip;
        zip.addFile((info.completeBaseName() + QStringLiteral(".qgs")).toStdString(),
                    xml.toStdString());
        zip.write(path.toStdString());
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(xml.toUtf8()) < 0 || !file.commit())
        throw Error("cannot write the QGIS project", path.toStdString());
}

QString qgisExecutable() {
    return QStandardPaths::findExecutable(QStringLiteral("qgis"));
}

} // namespace soilscope::widgets
