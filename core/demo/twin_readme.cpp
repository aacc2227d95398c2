#include "demo/twin_documents.h"

#include <sstream>
#include <string>

namespace soilscope::demo {

std::string twinReadme(const TwinContext& ctx) {
    const TwinConfig& c = ctx.config;
    std::ostringstream o;
    o << "# SoilScope twin region (" << c.preset << ", seed " << c.seed << ")\n\n"
      << "A **synthetic** study region whose truth is known, written in the formats real data come "
         "in.\n"
      << "Nothing here is a measurement: every value was simulated by `soilscope-cli demo --preset "
      << c.preset << " --seed " << c.seed
      << "`, and the same command gives byte-identical data files.\n\n"
      << "- Box: " << c.lonMin << "–" << c.lonMin + c.coarseNx * c.coarseRes << " °E, "
      << c.latMax - c.coarseNy * c.coarseRes << "–" << c.latMax
      << " °N (southern France, synthetic landscape)\n"
      << "- Period: " << formatIsoTime(c.start) << " to " << formatIsoTime(c.end()) << " ("
      << c.hours << " hours)\n"
      << "- Grids: 0.25° (" << c.coarseNx << " × " << c.coarseNy << " cells, EPSG:4326); a "
      << c.fineRes << " m UTM grid (" << c.fineGrid().width() << " × " << c.fineGrid().height()
      << " px, EPSG:" << c.fineEpsg << ") "
      << (c.fineBlockCells > 0 ? "covering " + std::to_string(c.fineBlockCells) + " × " +
                                     std::to_string(c.fineBlockCells) + " whole 0.25° cells"
                               : std::string("around one 0.25° cell"))
      << "; a " << c.sarRes << "° Sentinel-1 grid; ~1 km (" << c.lstRes
      << "°) LST over the fine area; 0.1° precipitation\n"
      << "- Stations: " << c.stationCount
      << " in four networks (SYNFINE inside the fine area, SYNMIDI, SYNAGRI, SYNHILL)\n\n"
      << "## How the truth is made\n\n"
      << "1. **Landscape**: fractal elevation, sand/clay, organic carbon and ESA WorldCover land "
         "cover (10 tree, 30 grassland,\n"
      << "   40 cropland, 50 built-up, 80 water) are smooth functions of lon/lat, so every grid "
         "samples the same landscape.\n"
      << "   Porosity, residual water content, field capacity and conductivity come from a "
         "pedotransfer function (Cosby 1984).\n"
      << "2. **Weather**: moving Gaussian rain cells (frontal in winter, convective in summer; "
         "`truth/storms.csv`), air and\n"
      << "   soil temperature with seasonal and diurnal cycles, clouds around storms, shortwave "
         "radiation, Priestley–Taylor PET.\n"
      << "3. **Vegetation**: LAI cycles per land-cover class, NDVI from LAI, VWC = 1.9134 NDVI² − "
         "0.3215 NDVI (+1.5 kg m⁻² stems for trees).\n"
      << "4. **Soil moisture 0–5 cm**: an hourly bucket per 0.25° cell and per station "
         "(saturation-excess infiltration,\n"
      << "   drainage and capillary rise to a 5–30 cm store, evaporation with a diurnal cycle "
         "limited by moisture), always within\n"
      << "   [residual, porosity]. `truth/water_balance_daily_0p25deg.nc` closes: storage_end − "
         "storage_start = P − R − E − D.\n"
      << "5. Finer grids take the 0.25° relative saturation, interpolated, and add wetness "
         "(topography) and texture effects;\n"
      << "   the 60 m grid also resolves sub-kilometre relief (about ±20 m) that the coarser grids "
         "average away, with wetter\n"
      << "   hollows and drier rises (spatial std of the 60 m truth ≈ 0.03 m3/m3 at intermediate "
         "wetness).\n\n"
      << "## Observations and products\n\n"
      << "| file | what | variables |\n|---|---|---|\n";
    for (const auto& f : ctx.manifest.files()) {
        o << "| `" << f.path << "` | " << f.description << (f.truth ? " **(truth)**" : "") << " | ";
        for (std::size_t i = 0; i < f.variables.size(); ++i)
            o << (i ? ", " : "") << f.variables[i].name
              << (f.variables[i].units.empty() ? "" : " [" + f.variables[i].units + "]");
        o << " |\n";
    }
    o << "\n`twin.json` holds the same list with grids, time spans, the Water Cloud Model "
         "parameters\n"
      << "(A, B, C, D per sensor) and the overpass times; `projects/` holds one project per "
         "workload.\n\n"
      << "## Formats\n\n"
      << "- Gridded series: CF-1.8 NetCDF-4 (`time`, `lat`/`lon` or projected `y`/`x`, a "
         "grid-mapping variable with the EPSG\n"
      << "  code), DEFLATE-compressed; packed integers use `scale_factor`/`add_offset` and "
         "`_FillValue`. Times are UTC,\n"
      << "  `hours since 1970-01-01`. Accumulations (precipitation) end at the time stamp; states "
         "are instantaneous.\n"
      << "- ASCAT-like data sit at the nearest UTC hour of each overpass; `time_offset` gives the "
         "exact time,\n"
      << "  `orbit_direction` 0 = descending (09:30 local solar time), 1 = ascending (21:30).\n"
      << "- Static layers: tiled GeoTIFF, one band per layer, band descriptions name the layers.\n"
      << "- Stations: an ISMN *header_values* zip "
         "(`Network/Station/NET_NET_Station_sm_0.050000_0.050000_Sensor_start_end.stm`,\n"
      << "  `*_static_variables.csv`). Flags: `G` good, `D06` spike, `D01` frozen soil, "
         "`C01`–`C03` implausible values.\n\n"
      << "## Project files\n\n"
      << "`projects/<workload>.soilscope.json` name the data each workload uses:\n\n"
      << "```json\n{\"format\": \"soilscope-project\", \"version\": 1, \"name\": \"...\", "
         "\"workload\": \"wcm_lstm\",\n"
      << " \"data\": {\"vh\": {\"path\": \"../sentinel1/s1_sigma0.nc\", \"variable\": \"vh\"},\n"
      << "          \"clay\": {\"path\": \"../static/static_sar_grid.tif\", \"variable\": "
         "\"clay\", \"band\": 5}, ...}}\n```\n\n"
      << "Each `data` entry maps a role to a file (path relative to the project file), a variable, "
         "its units and, for\n"
      << "GeoTIFFs, a band; entries without a path are model constants from the literature (e.g. "
         "`wcm_vh`: B = 0.084,\n"
      << "the WCM-LSTM paper's grassland value; `vwc_from_ndvi`: Jackson et al. 2004), never the "
         "generator's own: those\n"
      << "(its water cloud models, stem water) are in `truth/parameters.json`.\n"
      << "Roles named `truth` point into `truth/`, which no workload input reads: they exist to "
         "check results.\n"
      << "Model settings are added by the learning engine.\n\n"
      << "## Known simplifications\n\n"
      << "- Each Sentinel-1 date images the whole box; incidence varies across 250 km swaths.\n"
      << "- The 60 m grid covers about one 0.25° cell in `tiny` and `small` and about 3 × 2 in "
         "`standard`, unless the twin was\n"
      << "  generated with `--fine-cells N` (N × N whole cells). Beyond it, `samples/` holds "
         "single 60 m pixels on a\n"
      << "  lattice of " << c.fineSamplesPerCell << " × " << c.fineSamplesPerCell
      << " per 0.25° cell over the whole box (static layers, Sentinel-2, LST), from which\n"
      << "  ffnn_downscaling_60m averages its 0.25° training samples.\n"
      << "- ASCAT is a single satellite; swaths are 550 km wide beside a 720 km nadir gap.\n";
    return o.str();
}

} // namespace soilscope::demo
