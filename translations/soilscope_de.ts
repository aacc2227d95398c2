<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Application</name>
    <message>
        <source>Plugin %1 %2: %3</source>
        <translation>Plugin %1 %2: %3</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>SoilScope: soil moisture from satellites and stations</source>
        <translation>SoilScope: Bodenfeuchte aus Satelliten- und Stationsdaten</translation>
    </message>
    <message>
        <source>Open a project file.</source>
        <translation>Eine Projektdatei öffnen.</translation>
    </message>
    <message>
        <source>Open the twin-region demo in DIR (generated first if missing).</source>
        <translation>Die Zwillingsregion-Demo in DIR öffnen (wird erzeugt, falls sie fehlt).</translation>
    </message>
    <message>
        <source>Render the window to a PNG and exit.</source>
        <translation>Das Fenster als PNG speichern und beenden.</translation>
    </message>
    <message>
        <source>User interface language (en, de).</source>
        <translation>Sprache der Benutzeroberfläche (en, de).</translation>
    </message>
    <message>
        <source>Rasters or station archives to open.</source>
        <translation>Zu öffnende Raster oder Stationsarchive.</translation>
    </message>
    <message>
        <source>unknown view &apos;%1&apos; (use one of: %2)</source>
        <translation>unbekannte Ansicht „%1“ (erlaubt: %2)</translation>
    </message>
    <message>
        <source>use either --project or --demo, not both</source>
        <translation>entweder --project oder --demo verwenden, nicht beides</translation>
    </message>
    <message>
        <source>With --screenshot: train the project first, quick (a short run) or full (its own settings); --view training implies quick.</source>
        <translation>Mit --screenshot: zuerst das Projekt trainieren, quick (ein kurzer Lauf) oder full (seine eigenen Einstellungen); --view training bedeutet quick.</translation>
    </message>
    <message>
        <source>unknown training mode &apos;%1&apos; (use quick or full)</source>
        <translation>unbekannter Trainingsmodus „%1“ (quick oder full verwenden)</translation>
    </message>
    <message>
        <source>View for --screenshot: map, timeseries, scatter, spectrum, intraday, training, scenarios, stations, predictor.</source>
        <translation>Ansicht für --screenshot: map, timeseries, scatter, spectrum, intraday, training, scenarios, stations, predictor.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Band %1</source>
        <translation>Kanal %1</translation>
    </message>
    <message>
        <source>Generating the twin region in %1…</source>
        <translation>Die Zwillingsregion wird in %1 erzeugt…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>SoilScope demo</source>
        <translation>SoilScope-Demo</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value (JSON)</source>
        <translation>Wert (JSON)</translation>
    </message>
    <message>
        <source>A search without a space draws %1</source>
        <translation>Eine Suche ohne Suchraum zieht %1</translation>
    </message>
</context>
<context>
    <name>TaskStrings</name>
    <message>
        <source>Generate the twin region</source>
        <translation>Die Zwillingsregion erzeugen</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>folder to create (an existing twin there is replaced)</source>
        <translation>anzulegender Ordner (ein dort vorhandener Zwilling wird ersetzt)</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Voreinstellung</translation>
    </message>
    <message>
        <source>tiny</source>
        <translation>winzig</translation>
    </message>
    <message>
        <source>small</source>
        <translation>klein</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>random seed: the same seed gives the same twin</source>
        <translation>Zufallsstartwert: derselbe Startwert ergibt denselben Zwilling</translation>
    </message>
    <message>
        <source>Intraday soil-moisture amplitude</source>
        <translation>Tagesgang-Amplitude der Bodenfeuchte</translation>
    </message>
    <message>
        <source>Per pixel-day (UTC day, or local mean solar day = UTC + longitude/15 h) with at least --min-observations values: SM_max, SM_min, delta_SM and the hours of max and min for the product (its valid values are the observation times), the reference sampled at those times (nearest step within --tolerance; &apos;reference_o&apos;) and the reference at all its steps (&apos;reference_24h&apos;). Daily precipitation p_t and p_t-1 (sum of the values within the day, nearest precipitation pixel) condition the correlations of delta_SM, SM_max and SM_min between product and reference_o: one row per --conditions entry and per --thresholds value (p_t &gt; X, and p_t &gt; X with p_t-1 = 0), with N and log10 N. Writes intraday.json, r_vs_n.csv, per-pixel means over the days passing --means-condition (hour_max, hour_min as circular means; sm_max, sm_min, delta_sm, days) as means_&lt;product&gt;.tif, and optionally the pixel-day pairs CSV for density scatter plots.</source>
        <translation>Je Pixel und Tag (UTC-Tag oder mittlerer Sonnentag = UTC + Länge/15 h) mit mindestens --min-observations Werten: SM_max, SM_min, delta_SM und die Stunden von Maximum und Minimum für das Produkt (seine gültigen Werte sind die Beobachtungszeitpunkte), die Referenz zu diesen Zeitpunkten abgetastet (nächster Zeitschritt innerhalb von --tolerance; „reference_o“) und die Referenz zu allen ihren Zeitschritten („reference_24h“). Der Tagesniederschlag p_t und p_t-1 (Summe der Werte innerhalb des Tages, nächstes Niederschlagspixel) bedingt die Korrelationen von delta_SM, SM_max und SM_min zwischen Produkt und reference_o: eine Zeile je Eintrag von --conditions und je Wert von --thresholds (p_t &gt; X sowie p_t &gt; X mit p_t-1 = 0), mit N und log10 N. Schreibt intraday.json, r_vs_n.csv, die Mittel je Pixel über die Tage, die --means-condition erfüllen (hour_max, hour_min als zirkuläre Mittel; sm_max, sm_min, delta_sm, days), als means_&lt;Produkt&gt;.tif und wahlweise die Pixel-Tag-Paare als CSV für Dichte-Streudiagramme.</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>raster series of the product (NetCDF with time axis, dated bands)</source>
        <translation>Rasterzeitreihe des Produkts (NetCDF mit Zeitachse, datierte Kanäle)</translation>
    </message>
    <message>
        <source>Product variable</source>
        <translation>Produktvariable</translation>
    </message>
    <message>
        <source>variable of the product file</source>
        <translation>Variable der Produktdatei</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>raster series of the reference (e.g. hourly reanalysis) on the same grid</source>
        <translation>Rasterzeitreihe der Referenz (z. B. stündliche Reanalyse) auf demselben Gitter</translation>
    </message>
    <message>
        <source>Reference variable</source>
        <translation>Referenzvariable</translation>
    </message>
    <message>
        <source>variable of the reference file</source>
        <translation>Variable der Referenzdatei</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Stationen</translation>
    </message>
    <message>
        <source>ISMN folder/zip as the reference instead (product sampled at each station)</source>
        <translation>ISMN-Ordner/-Zip stattdessen als Referenz (Produkt an jeder Station abgetastet)</translation>
    </message>
    <message>
        <source>Precipitation</source>
        <translation>Niederschlag</translation>
    </message>
    <message>
        <source>raster series of precipitation (mm per step)</source>
        <translation>Rasterzeitreihe des Niederschlags (mm je Zeitschritt)</translation>
    </message>
    <message>
        <source>Precipitation variable</source>
        <translation>Niederschlagsvariable</translation>
    </message>
    <message>
        <source>variable of the precipitation file</source>
        <translation>Variable der Niederschlagsdatei</translation>
    </message>
    <message>
        <source>output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>day definition</source>
        <translation>Tagesdefinition</translation>
    </message>
    <message>
        <source>utc</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>local-solar</source>
        <translation>mittlere Sonnenzeit</translation>
    </message>
    <message>
        <source>Min observations</source>
        <translation>Mindestzahl Beobachtungen</translation>
    </message>
    <message>
        <source>observations a day needs</source>
        <translation>Beobachtungen, die ein Tag braucht</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>Toleranz</translation>
    </message>
    <message>
        <source>reference value matched to an observation within ±this</source>
        <translation>Referenzwert, der einer Beobachtung innerhalb von ± diesem Wert zugeordnet wird</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <source>precipitation conditions (terms pt/pt1 OP mm joined by &amp;)</source>
        <translation>Niederschlagsbedingungen (Terme pt/pt1 OP mm, verknüpft mit &amp;)</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>Schwellenwerte</translation>
    </message>
    <message>
        <source>r-vs-N sweep: p_t thresholds in mm</source>
        <translation>r-über-N-Reihe: Schwellenwerte von p_t in mm</translation>
    </message>
    <message>
        <source>Means condition</source>
        <translation>Bedingung der Mittel</translation>
    </message>
    <message>
        <source>condition of the days averaged in the per-pixel means</source>
        <translation>Bedingung der Tage, die in die Mittel je Pixel eingehen</translation>
    </message>
    <message>
        <source>Pairs out</source>
        <translation>Paare (Ausgabe)</translation>
    </message>
    <message>
        <source>CSV of every pixel- or station-day (for density scatter plots)</source>
        <translation>CSV aller Pixel- oder Stationstage (für Dichte-Streudiagramme)</translation>
    </message>
    <message>
        <source>Sm variable</source>
        <translation>Bodenfeuchtevariable</translation>
    </message>
    <message>
        <source>ISMN variable</source>
        <translation>ISMN-Variable</translation>
    </message>
    <message>
        <source>Depth min</source>
        <translation>Tiefe min</translation>
    </message>
    <message>
        <source>ISMN: keep sensors with depth_from &gt;= this (m)</source>
        <translation>ISMN: Sensoren mit depth_from &gt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>Depth max</source>
        <translation>Tiefe max</translation>
    </message>
    <message>
        <source>ISMN: keep sensors with depth_to &lt;= this (m)</source>
        <translation>ISMN: Sensoren mit depth_to &lt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Stationsnetz</translation>
    </message>
    <message>
        <source>ISMN: only this network</source>
        <translation>ISMN: nur dieses Stationsnetz</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>ISMN flags accepted, e.g. G (all: every observation)</source>
        <translation>akzeptierte ISMN-Flags, z. B. G (all: jede Beobachtung)</translation>
    </message>
    <message>
        <source>Predict a map with a trained model</source>
        <translation>Eine Karte mit einem trainierten Modell vorhersagen</translation>
    </message>
    <message>
        <source>Loads a model bundle, computes its predictors from the input layers (each given as role=path, or role=path#variable for a NetCDF variable) block by block, applies the model with the bundle&apos;s normalisation and writes soil moisture for each date as a tiled, compressed GeoTIFF (Cloud Optimized layout) with nodata, band descriptions and a QGIS style (.qml) beside it.</source>
        <translation>Lädt ein Modellbündel, berechnet seine Prädiktoren aus den Eingangsebenen (jeweils als Rolle=Pfad oder Rolle=Pfad#Variable für eine NetCDF-Variable angegeben) blockweise, wendet das Modell mit der Normalisierung des Bündels an und schreibt die Bodenfeuchte jedes Datums als gekacheltes, komprimiertes GeoTIFF (Cloud-Optimized-Aufbau) mit Nodata-Wert, Kanalbeschreibungen und einem QGIS-Stil (.qml) daneben.</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>Lernen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>model bundle folder (written by train)</source>
        <translation>Ordner des Modellbündels (von train geschrieben)</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Eingänge</translation>
    </message>
    <message>
        <source>input layers: role=path[#variable], comma-separated</source>
        <translation>Eingangsebenen: Rolle=Pfad[#Variable], durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>ISO date(s) to predict, comma-separated (none for static predictors)</source>
        <translation>ISO-Datum/-Daten der Vorhersage, durch Kommas getrennt (keines bei statischen Prädiktoren)</translation>
    </message>
    <message>
        <source>output GeoTIFF</source>
        <translation>Ausgabe-GeoTIFF</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Kachel</translation>
    </message>
    <message>
        <source>tile size in pixels</source>
        <translation>Kachelgröße in Pixeln</translation>
    </message>
    <message>
        <source>Grid role</source>
        <translation>Gitterrolle</translation>
    </message>
    <message>
        <source>the role whose grid the map uses (default: the first input)</source>
        <translation>die Rolle, deren Gitter die Karte verwendet (Standard: der erste Eingang)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>where the model runs</source>
        <translation>wo das Modell läuft</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>cpu</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>cuda</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Masks</source>
        <translation>Masken</translation>
    </message>
    <message>
        <source>apply the masks saved in the bundle (land cover, value ranges, quality flags); their layers are needed in --inputs</source>
        <translation>die im Bündel gespeicherten Masken anwenden (Landbedeckung, Wertebereiche, Qualitäts-Flags); ihre Ebenen werden in --inputs benötigt</translation>
    </message>
    <message>
        <source>Cog</source>
        <translation>COG</translation>
    </message>
    <message>
        <source>Cloud Optimized GeoTIFF layout with overviews</source>
        <translation>Cloud-Optimized-GeoTIFF-Aufbau mit Übersichten</translation>
    </message>
    <message>
        <source>Describe a raster</source>
        <translation>Ein Raster beschreiben</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Training runs</source>
        <translation>Trainingsläufe</translation>
    </message>
    <message>
        <source>Lists the training runs recorded in a project&apos;s run store (the SQLite file runs.sqlite in the project&apos;s output folder), or shows one run: its configuration, per-epoch history and pooled, per-station and per-group metrics.</source>
        <translation>Listet die Trainingsläufe aus dem Laufspeicher eines Projekts auf (die SQLite-Datei runs.sqlite im Ausgabeordner des Projekts) oder zeigt einen Lauf: seine Konfiguration, den Verlauf je Epoche und die gepoolten Metriken sowie die Metriken je Station und je Gruppe.</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>project file whose run store to read</source>
        <translation>Projektdatei, deren Laufspeicher gelesen wird</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>run store file (instead of --project)</source>
        <translation>Laufspeicher-Datei (statt --project)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>run id to show (0 = list all runs)</source>
        <translation>anzuzeigende Lauf-ID (0 = alle Läufe auflisten)</translation>
    </message>
    <message>
        <source>Hyper-parameter search</source>
        <translation>Hyperparameter-Suche</translation>
    </message>
    <message>
        <source>project file (*.soilscope.json)</source>
        <translation>Projektdatei (*.soilscope.json)</translation>
    </message>
    <message>
        <source>Draws</source>
        <translation>Ziehungen</translation>
    </message>
    <message>
        <source>random draws</source>
        <translation>Zufallsziehungen</translation>
    </message>
    <message>
        <source>seed of the draws</source>
        <translation>Startwert der Ziehungen</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Suchraum</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>metric the selections optimise</source>
        <translation>Metrik, die die Auswahlen optimieren</translation>
    </message>
    <message>
        <source>rmse</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>mae</source>
        <translation>MAE</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>r2</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>Inner folds</source>
        <translation>Innere CV-Folds</translation>
    </message>
    <message>
        <source>0: score on the split&apos;s validation part; k &gt;= 2: nested k-fold CV</source>
        <translation>0: Bewertung auf dem Validierungsteil der Aufteilung; k &gt;= 2: verschachtelte k-fache Kreuzvalidierung</translation>
    </message>
    <message>
        <source>Inner group by</source>
        <translation>Innere Gruppierung</translation>
    </message>
    <message>
        <source>grouping of the inner folds</source>
        <translation>Gruppierung der inneren CV-Folds</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>Stichprobe</translation>
    </message>
    <message>
        <source>station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>cell</source>
        <translation>Zelle</translation>
    </message>
    <message>
        <source>user</source>
        <translation>benutzerdefiniert</translation>
    </message>
    <message>
        <source>year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilung</translation>
    </message>
    <message>
        <source>which split of the project&apos;s scheme (1 = first)</source>
        <translation>welche Aufteilung des Schemas des Projekts (1 = erste)</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>epochs per draw for neural families (0 = the project&apos;s)</source>
        <translation>Epochen je Ziehung für neuronale Familien (0 = die des Projekts)</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>CPU threads for LibTorch (0 = default)</source>
        <translation>CPU-Threads für LibTorch (0 = Standard)</translation>
    </message>
    <message>
        <source>Power spectrum of maps or a time series</source>
        <translation>Leistungsspektrum von Karten oder einer Zeitreihe</translation>
    </message>
    <message>
        <source>Maps: the spatial power density spectrum, zonal and meridional, as in the 60 m downscaling paper: forward finite-difference derivative, autocovariance over the pixel pairs valid in both positions, Fourier transform (Hann lag window), k^-2 correction, average over the selected dates, and a log-log power-law fit over [k-min, k-max] (cycles per metre; distances in metres, geodesic for geographic grids). The effective resolution is 1/(2 k_eff), k_eff being the highest wavenumber up to which the spectrum, averaged in bins of 0.1 decade, stays within --departure-factor of the fitted law. Series (CSV, ISMN station, or a raster pixel with --lon/--lat): Welch for regular series, Lomb-Scargle for gappy ones, frequency in cycles per day, with the diurnal peak reported.</source>
        <translation>Karten: das räumliche Leistungsdichtespektrum, zonal und meridional, wie im 60-m-Downscaling-Artikel: vorwärts gerichtete Ableitung mit finiten Differenzen, Autokovarianz über die in beiden Positionen gültigen Pixelpaare, Fourier-Transformation (Hann-Lagfenster), k^-2-Korrektur, Mittel über die gewählten Daten und eine doppelt logarithmische Potenzgesetz-Anpassung über [k-min, k-max] (Zyklen je Meter; Abstände in Metern, geodätisch bei geographischen Gittern). Die effektive Auflösung ist 1/(2 k_eff), wobei k_eff die höchste Wellenzahl ist, bis zu der das in Klassen von 0,1 Dekaden gemittelte Spektrum innerhalb von --departure-factor des angepassten Gesetzes bleibt. Zeitreihen (CSV, ISMN-Station oder ein Rasterpixel mit --lon/--lat): Welch für regelmäßige Reihen, Lomb-Scargle für lückenhafte, Frequenz in Zyklen je Tag, mit Angabe des Tagesgang-Maximums.</translation>
    </message>
    <message>
        <source>raster (GeoTIFF, NetCDF, ...) for maps; CSV, ISMN folder/zip or a raster with --lon/--lat for a series</source>
        <translation>Raster (GeoTIFF, NetCDF, …) für Karten; CSV, ISMN-Ordner/-Zip oder ein Raster mit --lon/--lat für eine Zeitreihe</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>map</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>series</source>
        <translation>Zeitreihe</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>map: band of a plain raster (0: time steps of a raster series)</source>
        <translation>Karte: Kanal eines einfachen Rasters (0: Zeitschritte einer Rasterzeitreihe)</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>NetCDF/HDF variable of a raster series</source>
        <translation>NetCDF-/HDF-Variable einer Rasterzeitreihe</translation>
    </message>
    <message>
        <source>map: dates (YYYY-MM-DD or full ISO times) to average; empty: all steps</source>
        <translation>Karte: zu mittelnde Daten (JJJJ-MM-TT oder volle ISO-Zeiten); leer: alle Zeitschritte</translation>
    </message>
    <message>
        <source>K min</source>
        <translation>k min</translation>
    </message>
    <message>
        <source>lower end of the fit, cycles per metre (default 8 k_step)</source>
        <translation>unteres Ende der Anpassung, Zyklen je Meter (Standard 8 k_step)</translation>
    </message>
    <message>
        <source>K max</source>
        <translation>k max</translation>
    </message>
    <message>
        <source>upper end of the fit, cycles per metre (default Nyquist/2)</source>
        <translation>oberes Ende der Anpassung, Zyklen je Meter (Standard Nyquist/2)</translation>
    </message>
    <message>
        <source>Departure factor</source>
        <translation>Abweichungsfaktor</translation>
    </message>
    <message>
        <source>effective resolution: allowed departure from the fit</source>
        <translation>effektive Auflösung: zulässige Abweichung von der Anpassung</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <source>undo the derivative by k^-2 (as the paper) or by the exact finite-difference transfer 4 sin^2(pi k dx)/dx^2</source>
        <translation>die Ableitung durch k^-2 rückgängig machen (wie im Artikel) oder durch die exakte Übertragungsfunktion der finiten Differenz 4 sin^2(pi k dx)/dx^2</translation>
    </message>
    <message>
        <source>k2</source>
        <translation>k^-2</translation>
    </message>
    <message>
        <source>finite-difference</source>
        <translation>finite Differenz</translation>
    </message>
    <message>
        <source>Max lag</source>
        <translation>Maximaler Versatz</translation>
    </message>
    <message>
        <source>map: largest autocovariance lag in pixels (0: all)</source>
        <translation>Karte: größter Autokovarianz-Versatz in Pixeln (0: alle)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>series: spectrum method (auto: Welch if regular without gaps, else Lomb-Scargle)</source>
        <translation>Zeitreihe: Spektralmethode (auto: Welch bei regelmäßiger Reihe ohne Lücken, sonst Lomb-Scargle)</translation>
    </message>
    <message>
        <source>welch</source>
        <translation>Welch</translation>
    </message>
    <message>
        <source>periodogram</source>
        <translation>Periodogramm</translation>
    </message>
    <message>
        <source>lomb-scargle</source>
        <translation>Lomb-Scargle</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>series: Welch segment length in samples (0: automatic)</source>
        <translation>Zeitreihe: Welch-Segmentlänge in Werten (0: automatisch)</translation>
    </message>
    <message>
        <source>Csv out</source>
        <translation>CSV (Ausgabe)</translation>
    </message>
    <message>
        <source>CSV of the spectrum</source>
        <translation>CSV des Spektrums</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>value column of a CSV time series</source>
        <translation>Wertespalte einer CSV-Zeitreihe</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>ISMN station (default: the first matching sensor)</source>
        <translation>ISMN-Station (Standard: der erste passende Sensor)</translation>
    </message>
    <message>
        <source>ISMN network</source>
        <translation>ISMN-Stationsnetz</translation>
    </message>
    <message>
        <source>ISMN flags to accept, e.g. G (all: every observation)</source>
        <translation>zu akzeptierende ISMN-Flags, z. B. G (all: jede Beobachtung)</translation>
    </message>
    <message>
        <source>Lon</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Lat</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Validate products at every station of a network</source>
        <translation>Produkte an jeder Station eines Stationsnetzes validieren</translation>
    </message>
    <message>
        <source>Samples each gridded product at the pixel containing each station (the shallowest sensor matching the selection), matches it to the station series (station as reference, nearest product value within ±window) and computes the metrics with 95 % intervals per station. Reports medians over stations, Gaussian KDEs (Scott&apos;s bandwidth) of R, bias, ubRMSD and RMSD over stations, per-station differences of every product against the first (&quot;better at N of M sites&quot;), grouped summaries (pooled and per-station medians) and writes station_metrics.csv, station_metrics.geojson (for maps), distributions.csv and summary.json.</source>
        <translation>Tastet jedes gerasterte Produkt im Pixel ab, das die jeweilige Station enthält (der flachste zur Auswahl passende Sensor), ordnet es der Stationszeitreihe zu (Station als Referenz, nächster Produktwert innerhalb von ±window) und berechnet die Metriken mit 95-%-Intervallen je Station. Gibt Mediane über die Stationen aus, Gauß-Kerndichteschätzungen (Scotts Bandbreite) von R, Bias, ubRMSD und RMSD über die Stationen, die Unterschiede jedes Produkts gegenüber dem ersten je Station („besser an N von M Standorten“), gruppierte Zusammenfassungen (gepoolt und Mediane je Station) und schreibt station_metrics.csv, station_metrics.geojson (für Karten), distributions.csv und summary.json.</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>ISMN folder or zip archive</source>
        <translation>ISMN-Ordner oder Zip-Archiv</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <source>variable of each product file (empty: the only one)</source>
        <translation>Variable jeder Produktdatei (leer: die einzige)</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Namen</translation>
    </message>
    <message>
        <source>product names (default: file stems)</source>
        <translation>Produktnamen (Standard: Dateinamen ohne Endung)</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>matching window ±</source>
        <translation>Zuordnungsfenster ±</translation>
    </message>
    <message>
        <source>Min pairs</source>
        <translation>Mindestzahl Paare</translation>
    </message>
    <message>
        <source>pairs a station needs for metrics</source>
        <translation>Paare, die eine Station für Metriken braucht</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Gruppieren nach</translation>
    </message>
    <message>
        <source>grouped summaries: all, network, station, season, month, land_cover, climate, or a --site-attributes column</source>
        <translation>gruppierte Zusammenfassungen: all, network, station, season, month, land_cover, climate oder eine Spalte aus --site-attributes</translation>
    </message>
    <message>
        <source>Compare metric</source>
        <translation>Vergleichsmetrik</translation>
    </message>
    <message>
        <source>metric of the per-station product comparison</source>
        <translation>Metrik des Produktvergleichs je Station</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>rho</source>
        <translation>rho (Spearman)</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>Bias</translation>
    </message>
    <message>
        <source>RMSD</source>
        <translation>RMSD</translation>
    </message>
    <message>
        <source>ubRMSD</source>
        <translation>ubRMSD</translation>
    </message>
    <message>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <source>NSE</source>
        <translation>NSE</translation>
    </message>
    <message>
        <source>KGE</source>
        <translation>KGE</translation>
    </message>
    <message>
        <source>Site attributes</source>
        <translation>Standortattribute</translation>
    </message>
    <message>
        <source>CSV with a &apos;station&apos; column (and optionally &apos;network&apos;) whose other columns (e.g. region) become grouping attributes</source>
        <translation>CSV mit einer Spalte „station“ (und wahlweise „network“), deren übrige Spalten (z. B. Region) zu Gruppierungsattributen werden</translation>
    </message>
    <message>
        <source>List in situ stations</source>
        <translation>In-situ-Stationen auflisten</translation>
    </message>
    <message>
        <source>Reads an ISMN archive (a folder of network/station folders, a zip archive read in place, or a single .stm file in the header_values, ceop_sep or ceop format) and lists the selected sensors with location, depth, instrument and a summary of their observations: n (records), n_good (flagged G), first/last time and mean value.</source>
        <translation>Liest ein ISMN-Archiv (einen Ordner mit Stationsnetz-/Stationsordnern, ein an Ort und Stelle gelesenes Zip-Archiv oder eine einzelne .stm-Datei im Format header_values, ceop_sep oder ceop) und listet die ausgewählten Sensoren mit Lage, Tiefe, Messgerät und einer Zusammenfassung ihrer Beobachtungen auf: n (Datensätze), n_good (Flag G), erste/letzte Zeit und Mittelwert.</translation>
    </message>
    <message>
        <source>ISMN folder, zip archive or .stm file</source>
        <translation>ISMN-Ordner, Zip-Archiv oder .stm-Datei</translation>
    </message>
    <message>
        <source>variable to keep, e.g. soil_moisture (empty: all)</source>
        <translation>zu behaltende Variable, z. B. soil_moisture (leer: alle)</translation>
    </message>
    <message>
        <source>keep sensors with depth_from &gt;= this (m)</source>
        <translation>Sensoren mit depth_from &gt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>keep sensors with depth_to &lt;= this (m)</source>
        <translation>Sensoren mit depth_to &lt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>network to keep (empty: all)</source>
        <translation>zu behaltendes Stationsnetz (leer: alle)</translation>
    </message>
    <message>
        <source>station to keep (empty: all)</source>
        <translation>zu behaltende Station (leer: alle)</translation>
    </message>
    <message>
        <source>ISMN flags of the observations to summarise, e.g. G,U (all: every one)</source>
        <translation>ISMN-Flags der zusammenzufassenden Beobachtungen, z. B. G,U (all: jede)</translation>
    </message>
    <message>
        <source>Grouped summaries and tests of a result table</source>
        <translation>Gruppierte Zusammenfassungen und Tests einer Ergebnistabelle</translation>
    </message>
    <message>
        <source>Reads a CSV table (e.g. station_metrics.csv of station-metrics, a scenario sweep, or matched pairs) and summarises each value column per group (columns of --group-by; &apos;season&apos; (DJF, MAM, JJA, SON) and &apos;month&apos; are derived from --time-column when the table has no such column): violin/box statistics (quartiles by linear interpolation, whiskers at the most extreme values within 1.5 IQR, outliers) and a Gaussian KDE with Scott&apos;s bandwidth. With --compare A,B (groups of --compare-column) every value column gets a Welch t-test and, when --pair-by names the column pairing rows (e.g. station), a paired t-test and the count of rows where B &gt; A. --hist-x/--hist-y give a 2-D histogram (e.g. error versus date). Writes summary.json, groups.csv, kde.csv and histogram2d.csv.</source>
        <translation>Liest eine CSV-Tabelle (z. B. station_metrics.csv von station-metrics, eine Szenarienreihe oder zugeordnete Paare) und fasst jede Wertespalte je Gruppe zusammen (Spalten von --group-by; „season“ (DJF, MAM, JJA, SON) und „month“ werden aus --time-column abgeleitet, wenn die Tabelle keine solche Spalte hat): Violin-/Boxplot-Statistiken (Quartile durch lineare Interpolation, Whisker an den extremsten Werten innerhalb von 1,5 IQR, Ausreißer) und eine Gauß-Kerndichteschätzung mit Scotts Bandbreite. Mit --compare A,B (Gruppen von --compare-column) erhält jede Wertespalte einen Welch-t-Test und, wenn --pair-by die Spalte nennt, die Zeilen paart (z. B. station), einen gepaarten t-Test und die Zahl der Zeilen mit B &gt; A. --hist-x/--hist-y ergeben ein 2-D-Histogramm (z. B. Fehler über dem Datum). Schreibt summary.json, groups.csv, kde.csv und histogram2d.csv.</translation>
    </message>
    <message>
        <source>CSV table with a header row</source>
        <translation>CSV-Tabelle mit Kopfzeile</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>numeric columns to summarise (empty: every numeric column not grouped by)</source>
        <translation>zusammenzufassende numerische Spalten (leer: jede numerische Spalte, nach der nicht gruppiert wird)</translation>
    </message>
    <message>
        <source>grouping columns, or season/month derived from --time-column</source>
        <translation>Gruppierungsspalten oder aus --time-column abgeleitete Jahreszeit/Monat</translation>
    </message>
    <message>
        <source>Time column</source>
        <translation>Zeitspalte</translation>
    </message>
    <message>
        <source>column of ISO times for season/month groups</source>
        <translation>Spalte mit ISO-Zeiten für Jahreszeit-/Monatsgruppen</translation>
    </message>
    <message>
        <source>Compare column</source>
        <translation>Vergleichsspalte</translation>
    </message>
    <message>
        <source>column whose groups --compare picks</source>
        <translation>Spalte, deren Gruppen --compare auswählt</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>two groups A,B of --compare-column to test (B - A)</source>
        <translation>zwei zu testende Gruppen A,B von --compare-column (B − A)</translation>
    </message>
    <message>
        <source>Pair by</source>
        <translation>Paaren nach</translation>
    </message>
    <message>
        <source>column pairing rows of A and B for the paired t-test</source>
        <translation>Spalte, die Zeilen von A und B für den gepaarten t-Test paart</translation>
    </message>
    <message>
        <source>Kde points</source>
        <translation>KDE-Punkte</translation>
    </message>
    <message>
        <source>KDE evaluation points</source>
        <translation>Auswertungspunkte der Kerndichteschätzung</translation>
    </message>
    <message>
        <source>Hist x</source>
        <translation>Histogramm x</translation>
    </message>
    <message>
        <source>2-D histogram: x column (numbers or ISO times)</source>
        <translation>2-D-Histogramm: x-Spalte (Zahlen oder ISO-Zeiten)</translation>
    </message>
    <message>
        <source>Hist y</source>
        <translation>Histogramm y</translation>
    </message>
    <message>
        <source>2-D histogram: y column</source>
        <translation>2-D-Histogramm: y-Spalte</translation>
    </message>
    <message>
        <source>X bins</source>
        <translation>x-Klassen</translation>
    </message>
    <message>
        <source>2-D histogram: x bins</source>
        <translation>2-D-Histogramm: Klassen in x</translation>
    </message>
    <message>
        <source>Y bins</source>
        <translation>y-Klassen</translation>
    </message>
    <message>
        <source>2-D histogram: y bins</source>
        <translation>2-D-Histogramm: Klassen in y</translation>
    </message>
    <message>
        <source>Learning-curve sweep</source>
        <translation>Lernkurven-Reihe</translation>
    </message>
    <message>
        <source>Trains the project&apos;s model on growing parts of the training part of its split (fractions of the training samples, or of whole stations / cells / groups with --group-by), each size repeated with re-drawn splits and subsets, and evaluates every fit on the unchanged test part (pooled n, R, RMSE, ubRMSE, bias, MAE, R²). The normalisation is fitted on each subset only. Writes sweep.csv (one row per size × repeat) and sweep.json (per size the values of each metric; the GUI&apos;s sweep chart reads it) and stores the run.</source>
        <translation>Trainiert das Modell des Projekts auf wachsenden Anteilen des Trainingsteils seiner Aufteilung (Anteile der Trainingsstichproben oder ganzer Stationen / Zellen / Gruppen mit --group-by), jede Größe mit neu gezogenen Aufteilungen und Teilmengen wiederholt, und bewertet jede Anpassung auf dem unveränderten Testteil (gepooltes n, R, RMSE, ubRMSE, Bias, MAE, R²). Die Normalisierung wird jeweils nur auf der Teilmenge angepasst. Schreibt sweep.csv (eine Zeile je Größe × Wiederholung) und sweep.json (je Größe die Werte jeder Metrik; das Reihendiagramm der Oberfläche liest es) und speichert den Lauf.</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Größen</translation>
    </message>
    <message>
        <source>fractions of the training part, comma-separated</source>
        <translation>Anteile des Trainingsteils, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>repeats per size (re-drawn split and subset)</source>
        <translation>Wiederholungen je Größe (neu gezogene Aufteilung und Teilmenge)</translation>
    </message>
    <message>
        <source>seed of splits and subsets</source>
        <translation>Startwert der Aufteilungen und Teilmengen</translation>
    </message>
    <message>
        <source>what is subsampled: samples or whole groups</source>
        <translation>was unterabgetastet wird: Stichproben oder ganze Gruppen</translation>
    </message>
    <message>
        <source>network</source>
        <translation>Stationsnetz</translation>
    </message>
    <message>
        <source>land_cover</source>
        <translation>Landbedeckung</translation>
    </message>
    <message>
        <source>epochs per fit for neural families (0 = the project&apos;s)</source>
        <translation>Epochen je Anpassung für neuronale Familien (0 = die des Projekts)</translation>
    </message>
    <message>
        <source>output folder (default: &lt;outputs&gt;/sweeps/run-N)</source>
        <translation>Ausgabeordner (Standard: &lt;outputs&gt;/sweeps/run-N)</translation>
    </message>
    <message>
        <source>Train a model</source>
        <translation>Ein Modell trainieren</translation>
    </message>
    <message>
        <source>Loads a project file, computes its predictors, builds the samples with their group labels, splits them by the project&apos;s scheme, fits the normalisation on the training part only, trains the model (CPU or CUDA), validates it on the test part, stores the run in the project&apos;s run store and writes the model bundle and prediction maps.</source>
        <translation>Lädt eine Projektdatei, berechnet ihre Prädiktoren, bildet die Stichproben mit ihren Gruppenbezeichnungen, teilt sie nach dem Schema des Projekts auf, passt die Normalisierung nur auf dem Trainingsteil an, trainiert das Modell (CPU oder CUDA), validiert es auf dem Testteil, speichert den Lauf im Laufspeicher des Projekts und schreibt das Modellbündel und die Vorhersagekarten.</translation>
    </message>
    <message>
        <source>Quick</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <source>a short run: first split, at most 3 epochs, one member, one map</source>
        <translation>ein kurzer Lauf: erste Aufteilung, höchstens 3 Epochen, ein Ensemblemitglied, eine Karte</translation>
    </message>
    <message>
        <source>Generic</source>
        <translation>Generisch</translation>
    </message>
    <message>
        <source>train the project&apos;s single model even when it names one of the five workloads (which otherwise run their own pipeline, docs/workloads.md)</source>
        <translation>das einzelne Modell des Projekts trainieren, auch wenn es eine der fünf Arbeitslasten nennt (die sonst ihre eigene Verarbeitungskette ausführen, docs/workloads.md)</translation>
    </message>
    <message>
        <source>Validate a time series against a reference</source>
        <translation>Eine Zeitreihe gegen eine Referenz validieren</translation>
    </message>
    <message>
        <source>Matches every reference observation with the nearest valid candidate observation within ±window (as pytesmo&apos;s combined_temporal_collocation; flagged and missing values are removed first, or as pytesmo itself with --matching pytesmo), optionally on anomalies and after scaling the candidate to the reference, and reports n, Pearson R, Spearman rho, Kendall tau with p-values, bias (candidate − reference), RMSD, ubRMSD, MAE, MSE and its decomposition, NSE and KGE with analytical (and, with --bootstrap, percentile bootstrap) confidence intervals.</source>
        <translation>Ordnet jeder Referenzbeobachtung die nächste gültige Kandidatenbeobachtung innerhalb von ±window zu (wie combined_temporal_collocation von pytesmo; markierte und fehlende Werte werden vorher entfernt, oder wie pytesmo selbst mit --matching pytesmo), wahlweise auf Anomalien und nach Skalierung des Kandidaten auf die Referenz, und gibt n, Pearson-R, Spearman-rho, Kendall-tau mit p-Werten, Bias (Kandidat − Referenz), RMSD, ubRMSD, MAE, MSE und seine Zerlegung, NSE und KGE mit analytischen (und mit --bootstrap perzentilbasierten Bootstrap-)Konfidenzintervallen aus.</translation>
    </message>
    <message>
        <source>Reference column</source>
        <translation>Referenzspalte</translation>
    </message>
    <message>
        <source>value column of a CSV reference</source>
        <translation>Wertespalte einer CSV-Referenz</translation>
    </message>
    <message>
        <source>Reference flag column</source>
        <translation>Referenz-Flagspalte</translation>
    </message>
    <message>
        <source>flag column of a CSV reference (ISMN flags, e.g. &quot;G&quot;)</source>
        <translation>Flagspalte einer CSV-Referenz (ISMN-Flags, z. B. "G")</translation>
    </message>
    <message>
        <source>Reference station</source>
        <translation>Referenzstation</translation>
    </message>
    <message>
        <source>ISMN station of the reference (default: --station)</source>
        <translation>ISMN-Station der Referenz (Standard: --station)</translation>
    </message>
    <message>
        <source>Reference network</source>
        <translation>Referenz-Stationsnetz</translation>
    </message>
    <message>
        <source>ISMN network of the reference</source>
        <translation>ISMN-Stationsnetz der Referenz</translation>
    </message>
    <message>
        <source>Reference depth min</source>
        <translation>Referenz: Tiefe min</translation>
    </message>
    <message>
        <source>ISMN reference: keep sensors with depth_from &gt;= this (m)</source>
        <translation>ISMN-Referenz: Sensoren mit depth_from &gt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>Reference depth max</source>
        <translation>Referenz: Tiefe max</translation>
    </message>
    <message>
        <source>ISMN reference: keep sensors with depth_to &lt;= this (m)</source>
        <translation>ISMN-Referenz: Sensoren mit depth_to &lt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Kandidat</translation>
    </message>
    <message>
        <source>Candidate column</source>
        <translation>Kandidatenspalte</translation>
    </message>
    <message>
        <source>value column of a CSV candidate</source>
        <translation>Wertespalte eines CSV-Kandidaten</translation>
    </message>
    <message>
        <source>Candidate flag column</source>
        <translation>Kandidaten-Flagspalte</translation>
    </message>
    <message>
        <source>flag column of a CSV candidate (ISMN flags, e.g. &quot;G&quot;)</source>
        <translation>Flagspalte eines CSV-Kandidaten (ISMN-Flags, z. B. "G")</translation>
    </message>
    <message>
        <source>Candidate station</source>
        <translation>Kandidatenstation</translation>
    </message>
    <message>
        <source>ISMN station of the candidate (default: --station)</source>
        <translation>ISMN-Station des Kandidaten (Standard: --station)</translation>
    </message>
    <message>
        <source>Candidate network</source>
        <translation>Kandidaten-Stationsnetz</translation>
    </message>
    <message>
        <source>ISMN network of the candidate</source>
        <translation>ISMN-Stationsnetz des Kandidaten</translation>
    </message>
    <message>
        <source>Candidate variable</source>
        <translation>Kandidatenvariable</translation>
    </message>
    <message>
        <source>Candidate depth min</source>
        <translation>Kandidat: Tiefe min</translation>
    </message>
    <message>
        <source>ISMN candidate: keep sensors with depth_from &gt;= this (m)</source>
        <translation>ISMN-Kandidat: Sensoren mit depth_from &gt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>Candidate depth max</source>
        <translation>Kandidat: Tiefe max</translation>
    </message>
    <message>
        <source>ISMN candidate: keep sensors with depth_to &lt;= this (m)</source>
        <translation>ISMN-Kandidat: Sensoren mit depth_to &lt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>ISMN station for ISMN inputs without their own --*-station</source>
        <translation>ISMN-Station für ISMN-Eingaben ohne eigenes --*-station</translation>
    </message>
    <message>
        <source>ISMN inputs: keep sensors with depth_from &gt;= this (m)</source>
        <translation>ISMN-Eingaben: Sensoren mit depth_from &gt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>ISMN inputs: keep sensors with depth_to &lt;= this (m)</source>
        <translation>ISMN-Eingaben: Sensoren mit depth_to &lt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>accepted ISMN flags, e.g. G or G,U (all: every observation)</source>
        <translation>akzeptierte ISMN-Flags, z. B. G oder G,U (all: jede Beobachtung)</translation>
    </message>
    <message>
        <source>matching window ±, e.g. 1h, 30min, 1d</source>
        <translation>Zuordnungsfenster ±, z. B. 1h, 30min, 1d</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>Skalierung</translation>
    </message>
    <message>
        <source>scale the candidate to the reference</source>
        <translation>den Kandidaten auf die Referenz skalieren</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>mean_std</source>
        <translation>Mittelwert/Standardabweichung</translation>
    </message>
    <message>
        <source>min_max</source>
        <translation>Minimum/Maximum</translation>
    </message>
    <message>
        <source>linreg</source>
        <translation>lineare Regression</translation>
    </message>
    <message>
        <source>cdf</source>
        <translation>CDF-Abgleich</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Anomalien</translation>
    </message>
    <message>
        <source>compare anomalies instead of absolute values</source>
        <translation>Anomalien statt absoluter Werte vergleichen</translation>
    </message>
    <message>
        <source>moving</source>
        <translation>gleitendes Mittel</translation>
    </message>
    <message>
        <source>climatology</source>
        <translation>Klimatologie</translation>
    </message>
    <message>
        <source>Anomaly window</source>
        <translation>Anomaliefenster</translation>
    </message>
    <message>
        <source>window of moving-average anomalies (days)</source>
        <translation>Fenster der Anomalien zum gleitenden Mittel (Tage)</translation>
    </message>
    <message>
        <source>Matching</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <source>nearest: nearest valid candidate; pytesmo: nearest candidate, pair dropped when it is missing</source>
        <translation>nearest: nächster gültiger Kandidat; pytesmo: nächster Kandidat, Paar verworfen, wenn er fehlt</translation>
    </message>
    <message>
        <source>nearest</source>
        <translation>nächster Wert</translation>
    </message>
    <message>
        <source>pytesmo</source>
        <translation>pytesmo</translation>
    </message>
    <message>
        <source>Bootstrap</source>
        <translation>Bootstrap</translation>
    </message>
    <message>
        <source>bootstrap resamples for percentile intervals (0: none)</source>
        <translation>Bootstrap-Stichproben für Perzentilintervalle (0: keine)</translation>
    </message>
    <message>
        <source>random seed of the bootstrap</source>
        <translation>Zufallsstartwert des Bootstraps</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>1 − confidence level of the intervals</source>
        <translation>1 − Konfidenzniveau der Intervalle</translation>
    </message>
    <message>
        <source>CSV of the matched pairs (time,reference,candidate,candidate_time)</source>
        <translation>CSV der zugeordneten Paare (time,reference,candidate,candidate_time)</translation>
    </message>
    <message>
        <source>size: tiny (tests, &lt; 20 MB), small (default, &lt; 300 MB), standard (a few GB)</source>
        <translation>Größe: tiny (Tests, &lt; 20 MB), small (Standard, &lt; 300 MB), standard (einige GB)</translation>
    </message>
    <message>
        <source>Fine cells</source>
        <translation>Feinraster-Zellen</translation>
    </message>
    <message>
        <source>Triple collocation of three data sets</source>
        <translation>Tripelkollokation dreier Datensätze</translation>
    </message>
    <message>
        <source>Matches the candidate and the third data set to every valid reference observation within ±window (nearest valid observation; a reference time is kept only when both have one), optionally on anomalies, and estimates for each of the three its random error standard deviation (in the reference&apos;s units), its signal-to-noise ratio in dB and its scaling factor to the reference, assuming errors independent of each other and of the signal (McColl et al. 2014, covariance notation as pytesmo&apos;s tcol_metrics).</source>
        <translation>Ordnet den Kandidaten und den dritten Datensatz jeder gültigen Referenzbeobachtung innerhalb von ±window zu (nächste gültige Beobachtung; ein Referenzzeitpunkt bleibt nur, wenn beide eine haben), wahlweise auf Anomalien, und schätzt für jeden der drei die Standardabweichung seines Zufallsfehlers (in den Einheiten der Referenz), sein Signal-Rausch-Verhältnis in dB und seinen Skalierungsfaktor zur Referenz, unter der Annahme von Fehlern, die voneinander und vom Signal unabhängig sind (McColl et al. 2014, Kovarianzschreibweise wie pytesmos tcol_metrics).</translation>
    </message>
    <message>
        <source>Third</source>
        <translation>Dritter Datensatz</translation>
    </message>
    <message>
        <source>Third column</source>
        <translation>Spalte des dritten Datensatzes</translation>
    </message>
    <message>
        <source>value column of a CSV third data set</source>
        <translation>Wertespalte eines dritten Datensatzes als CSV</translation>
    </message>
    <message>
        <source>Third flag column</source>
        <translation>Flagspalte des dritten Datensatzes</translation>
    </message>
    <message>
        <source>flag column of a CSV third data set (ISMN flags, e.g. &quot;G&quot;)</source>
        <translation>Flagspalte eines dritten Datensatzes als CSV (ISMN-Flags, z. B. "G")</translation>
    </message>
    <message>
        <source>Third station</source>
        <translation>Station des dritten Datensatzes</translation>
    </message>
    <message>
        <source>ISMN station of the third data set (default: --station)</source>
        <translation>ISMN-Station des dritten Datensatzes (Standard: --station)</translation>
    </message>
    <message>
        <source>Third network</source>
        <translation>Stationsnetz des dritten Datensatzes</translation>
    </message>
    <message>
        <source>ISMN network of the third data set</source>
        <translation>ISMN-Stationsnetz des dritten Datensatzes</translation>
    </message>
    <message>
        <source>Third variable</source>
        <translation>Variable des dritten Datensatzes</translation>
    </message>
    <message>
        <source>Third depth min</source>
        <translation>Dritter Datensatz: Tiefe min</translation>
    </message>
    <message>
        <source>ISMN third data set: keep sensors with depth_from &gt;= this (m)</source>
        <translation>ISMN, dritter Datensatz: Sensoren mit depth_from &gt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>Third depth max</source>
        <translation>Dritter Datensatz: Tiefe max</translation>
    </message>
    <message>
        <source>ISMN third data set: keep sensors with depth_to &lt;= this (m)</source>
        <translation>ISMN, dritter Datensatz: Sensoren mit depth_to &lt;= diesem Wert (m) behalten</translation>
    </message>
    <message>
        <source>Triplets out</source>
        <translation>Tripel (Ausgabe)</translation>
    </message>
    <message>
        <source>CSV of the collocated triplets (time,reference,candidate,third)</source>
        <translation>CSV der kollokierten Tripel (time,reference,candidate,third)</translation>
    </message>
    <message>
        <source>0: the preset&apos;s 60 m area (about one 0.25° cell); an odd N: the 60 m grid covers N × N whole 0.25° cells, for larger 60 m maps (3 on small: ≈ 1.6 GB, about 75 s)</source>
        <translation>0: das 60-m-Gebiet der Voreinstellung (etwa eine 0,25°-Zelle); ungerades N: das 60-m-Raster deckt N × N ganze 0,25°-Zellen ab, für größere 60-m-Karten (3 bei small: ≈ 1,6 GB, etwa 75 s)</translation>
    </message>
    <message>
        <source>where to train (default: the project&apos;s /training/device, else auto)</source>
        <translation>wo trainiert wird (Standard: /training/device des Projekts, sonst auto)</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Setzen</translation>
    </message>
    <message>
        <source>override a project setting: KEY=VALUE, one per line or one per --set (the settings below)</source>
        <translation>eine Projekteinstellung überschreiben: SCHLÜSSEL=WERT, eine je Zeile oder eine je --set (die Einstellungen unten)</translation>
    </message>
    <message>
        <source>Opens a raster in any format GDAL reads (GeoTIFF, NetCDF, HDF, ...) and reports its driver, size, coordinate reference system, geotransform and nodata value, and every variable with its bands, data type, units and time axis (CF time units in any calendar, GRIB valid times, or ISO dates as band descriptions). Distributed products are recognised by their content: a CF point time-series file or folder of cells (ASCAT/ERS WARP) reports its locations, observations and variables; an ESA CCI SM image folder its dates and variables.</source>
        <translation>Öffnet ein Raster in jedem Format, das GDAL liest (GeoTIFF, NetCDF, HDF, ...), und berichtet Treiber, Größe, Koordinatenbezugssystem, Geotransformation und NoData-Wert sowie jede Variable mit ihren Kanälen, Datentyp, Einheiten und Zeitachse (CF-Zeiteinheiten in jedem Kalender, GRIB-Gültigkeitszeiten oder ISO-Daten als Kanalbeschreibungen). Verteilte Produkte werden an ihrem Inhalt erkannt: eine CF-Punktzeitreihendatei oder ein Ordner von Zellen (ASCAT/ERS WARP) berichtet Orte, Beobachtungen und Variablen; ein ESA-CCI-SM-Bildordner seine Daten und Variablen.</translation>
    </message>
    <message>
        <source>raster file, GDAL subdataset name, or a product file or folder (ASCAT cells, CCI images)</source>
        <translation>Rasterdatei, GDAL-Subdatensatzname oder eine Produktdatei bzw. ein Produktordner (ASCAT-Zellen, CCI-Bilder)</translation>
    </message>
    <message>
        <source>map or series spectrum (auto: series for CSV, ISMN and point-product input)</source>
        <translation>Karten- oder Zeitreihenspektrum (auto: Zeitreihe für CSV-, ISMN- und Punktprodukt-Eingaben)</translation>
    </message>
    <message>
        <source>product or raster series: longitude of the point (the nearest grid point, the pixel containing it)</source>
        <translation>Produkt oder Rasterzeitreihe: Länge des Punkts (der nächste Gitterpunkt, das ihn enthaltende Pixel)</translation>
    </message>
    <message>
        <source>product or raster series: latitude of the point</source>
        <translation>Produkt oder Rasterzeitreihe: Breite des Punkts</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>product: location id instead of a point (ASCAT: gpi)</source>
        <translation>Produkt: Ortskennung statt eines Punkts (ASCAT: gpi)</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>Maske</translation>
    </message>
    <message>
        <source>product: observations to keep, e.g. &quot;ssf == 1 and proc_flag == 0&quot; (ASCAT) or &quot;flag == 0&quot; (CCI)</source>
        <translation>Produkt: beizubehaltende Beobachtungen, z. B. "ssf == 1 and proc_flag == 0" (ASCAT) oder "flag == 0" (CCI)</translation>
    </message>
    <message>
        <source>Porosity</source>
        <translation>Porosität</translation>
    </message>
    <message>
        <source>product: porosity variable turning % saturation into m3 m-3 (ASCAT: por_gldas)</source>
        <translation>Produkt: Porositätsvariable, die % Sättigung in m3 m-3 umrechnet (ASCAT: por_gldas)</translation>
    </message>
    <message>
        <source>Max distance</source>
        <translation>Größte Entfernung</translation>
    </message>
    <message>
        <source>product: farthest grid point accepted from the point (km)</source>
        <translation>Produkt: größte zulässige Entfernung des Gitterpunkts vom Punkt (km)</translation>
    </message>
    <message>
        <source>the products: raster series files (netCDF, GRIB, dated GeoTIFF), ASCAT/ERS cell files or folders, ESA CCI SM image folders</source>
        <translation>die Produkte: Rasterzeitreihendateien (netCDF, GRIB, datierte GeoTIFF), ASCAT/ERS-Zelldateien oder -ordner, ESA-CCI-SM-Bildordner</translation>
    </message>
    <message>
        <source>point and image products: observations to keep, one per product (e.g. &quot;ssf == 1 and proc_flag == 0&quot;; empty: all)</source>
        <translation>Punkt- und Bildprodukte: beizubehaltende Beobachtungen, eine Maske je Produkt (z. B. "ssf == 1 and proc_flag == 0"; leer: alle)</translation>
    </message>
    <message>
        <source>point products: farthest grid point accepted from a station (km)</source>
        <translation>Punktprodukte: größte zulässige Entfernung des Gitterpunkts von einer Station (km)</translation>
    </message>
    <message>
        <source>reference time series: CSV file (first column ISO time), ISMN folder, zip archive or .stm file, a product (ASCAT/ERS cell file or folder, ESA CCI SM image folder) or a raster series (netCDF, GRIB) at a point</source>
        <translation>Zeitreihe der Referenz: CSV-Datei (erste Spalte ISO-Zeit), ISMN-Ordner, Zip-Archiv oder .stm-Datei, ein Produkt (ASCAT/ERS-Zelldatei oder -ordner, ESA-CCI-SM-Bildordner) oder eine Rasterzeitreihe (netCDF, GRIB) an einem Punkt</translation>
    </message>
    <message>
        <source>Reference lon</source>
        <translation>Referenz: Länge</translation>
    </message>
    <message>
        <source>product/raster reference: longitude of the point (default: --lon, else the other source&apos;s station)</source>
        <translation>Produkt/Raster als Referenz: Länge des Punkts (Standard: --lon, sonst die Station der anderen Quelle)</translation>
    </message>
    <message>
        <source>Reference lat</source>
        <translation>Referenz: Breite</translation>
    </message>
    <message>
        <source>product/raster reference: latitude of the point (default: --lat)</source>
        <translation>Produkt/Raster als Referenz: Breite des Punkts (Standard: --lat)</translation>
    </message>
    <message>
        <source>Reference location</source>
        <translation>Referenz: Ort</translation>
    </message>
    <message>
        <source>product reference: location id instead of a point (ASCAT: grid point index, gpi)</source>
        <translation>Produkt als Referenz: Ortskennung statt eines Punkts (ASCAT: Gitterpunktindex, gpi)</translation>
    </message>
    <message>
        <source>Reference mask</source>
        <translation>Referenz: Maske</translation>
    </message>
    <message>
        <source>product reference: observations to keep, from the product&apos;s variables, e.g. &quot;ssf == 1 and proc_flag == 0 and frozen &lt; 50&quot; (ASCAT) or &quot;flag == 0&quot; (CCI)</source>
        <translation>Produkt als Referenz: beizubehaltende Beobachtungen aus den Variablen des Produkts, z. B. "ssf == 1 and proc_flag == 0 and frozen &lt; 50" (ASCAT) oder "flag == 0" (CCI)</translation>
    </message>
    <message>
        <source>Reference porosity</source>
        <translation>Referenz: Porosität</translation>
    </message>
    <message>
        <source>product reference: porosity variable (ASCAT: por_gldas, por_hwsd) that turns a degree of saturation in % into m3 m-3</source>
        <translation>Produkt als Referenz: Porositätsvariable (ASCAT: por_gldas, por_hwsd), die einen Sättigungsgrad in % in m3 m-3 umrechnet</translation>
    </message>
    <message>
        <source>candidate time series: CSV file (first column ISO time), ISMN folder, zip archive or .stm file, a product (ASCAT/ERS cell file or folder, ESA CCI SM image folder) or a raster series (netCDF, GRIB) at a point</source>
        <translation>Zeitreihe des Kandidaten: CSV-Datei (erste Spalte ISO-Zeit), ISMN-Ordner, Zip-Archiv oder .stm-Datei, ein Produkt (ASCAT/ERS-Zelldatei oder -ordner, ESA-CCI-SM-Bildordner) oder eine Rasterzeitreihe (netCDF, GRIB) an einem Punkt</translation>
    </message>
    <message>
        <source>Candidate lon</source>
        <translation>Kandidat: Länge</translation>
    </message>
    <message>
        <source>product/raster candidate: longitude of the point (default: --lon, else the other source&apos;s station)</source>
        <translation>Produkt/Raster als Kandidat: Länge des Punkts (Standard: --lon, sonst die Station der anderen Quelle)</translation>
    </message>
    <message>
        <source>Candidate lat</source>
        <translation>Kandidat: Breite</translation>
    </message>
    <message>
        <source>product/raster candidate: latitude of the point (default: --lat)</source>
        <translation>Produkt/Raster als Kandidat: Breite des Punkts (Standard: --lat)</translation>
    </message>
    <message>
        <source>Candidate location</source>
        <translation>Kandidat: Ort</translation>
    </message>
    <message>
        <source>product candidate: location id instead of a point (ASCAT: grid point index, gpi)</source>
        <translation>Produkt als Kandidat: Ortskennung statt eines Punkts (ASCAT: Gitterpunktindex, gpi)</translation>
    </message>
    <message>
        <source>Candidate mask</source>
        <translation>Kandidat: Maske</translation>
    </message>
    <message>
        <source>product candidate: observations to keep, from the product&apos;s variables, e.g. &quot;ssf == 1 and proc_flag == 0 and frozen &lt; 50&quot; (ASCAT) or &quot;flag == 0&quot; (CCI)</source>
        <translation>Produkt als Kandidat: beizubehaltende Beobachtungen aus den Variablen des Produkts, z. B. "ssf == 1 and proc_flag == 0 and frozen &lt; 50" (ASCAT) oder "flag == 0" (CCI)</translation>
    </message>
    <message>
        <source>Candidate porosity</source>
        <translation>Kandidat: Porosität</translation>
    </message>
    <message>
        <source>product candidate: porosity variable (ASCAT: por_gldas, por_hwsd) that turns a degree of saturation in % into m3 m-3</source>
        <translation>Produkt als Kandidat: Porositätsvariable (ASCAT: por_gldas, por_hwsd), die einen Sättigungsgrad in % in m3 m-3 umrechnet</translation>
    </message>
    <message>
        <source>third data set time series: CSV file (first column ISO time), ISMN folder, zip archive or .stm file, a product (ASCAT/ERS cell file or folder, ESA CCI SM image folder) or a raster series (netCDF, GRIB) at a point</source>
        <translation>Zeitreihe des dritten Datensatzes: CSV-Datei (erste Spalte ISO-Zeit), ISMN-Ordner, Zip-Archiv oder .stm-Datei, ein Produkt (ASCAT/ERS-Zelldatei oder -ordner, ESA-CCI-SM-Bildordner) oder eine Rasterzeitreihe (netCDF, GRIB) an einem Punkt</translation>
    </message>
    <message>
        <source>Third lon</source>
        <translation>Dritter Datensatz: Länge</translation>
    </message>
    <message>
        <source>product/raster third data set: longitude of the point (default: --lon, else the other source&apos;s station)</source>
        <translation>Produkt/Raster als dritter Datensatz: Länge des Punkts (Standard: --lon, sonst die Station der anderen Quelle)</translation>
    </message>
    <message>
        <source>Third lat</source>
        <translation>Dritter Datensatz: Breite</translation>
    </message>
    <message>
        <source>product/raster third data set: latitude of the point (default: --lat)</source>
        <translation>Produkt/Raster als dritter Datensatz: Breite des Punkts (Standard: --lat)</translation>
    </message>
    <message>
        <source>Third location</source>
        <translation>Dritter Datensatz: Ort</translation>
    </message>
    <message>
        <source>product third data set: location id instead of a point (ASCAT: grid point index, gpi)</source>
        <translation>Produkt als dritter Datensatz: Ortskennung statt eines Punkts (ASCAT: Gitterpunktindex, gpi)</translation>
    </message>
    <message>
        <source>Third mask</source>
        <translation>Dritter Datensatz: Maske</translation>
    </message>
    <message>
        <source>product third data set: observations to keep, from the product&apos;s variables, e.g. &quot;ssf == 1 and proc_flag == 0 and frozen &lt; 50&quot; (ASCAT) or &quot;flag == 0&quot; (CCI)</source>
        <translation>Produkt als dritter Datensatz: beizubehaltende Beobachtungen aus den Variablen des Produkts, z. B. "ssf == 1 and proc_flag == 0 and frozen &lt; 50" (ASCAT) oder "flag == 0" (CCI)</translation>
    </message>
    <message>
        <source>Third porosity</source>
        <translation>Dritter Datensatz: Porosität</translation>
    </message>
    <message>
        <source>product third data set: porosity variable (ASCAT: por_gldas, por_hwsd) that turns a degree of saturation in % into m3 m-3</source>
        <translation>Produkt als dritter Datensatz: Porositätsvariable (ASCAT: por_gldas, por_hwsd), die einen Sättigungsgrad in % in m3 m-3 umrechnet</translation>
    </message>
    <message>
        <source>products and rasters: longitude of the point</source>
        <translation>Produkte und Raster: Länge des Punkts</translation>
    </message>
    <message>
        <source>products and rasters: latitude of the point</source>
        <translation>Produkte und Raster: Breite des Punkts</translation>
    </message>
    <message>
        <source>products: farthest grid point accepted from the point (km)</source>
        <translation>Produkte: größte zulässige Entfernung des Gitterpunkts vom Punkt (km)</translation>
    </message>
    <message>
        <source>variable to grid (default: the product&apos;s soil moisture)</source>
        <translation>zu rasternde Variable (Standard: die Bodenfeuchte des Produkts)</translation>
    </message>
    <message>
        <source>observations to keep, e.g. &quot;ssf == 1 and proc_flag == 0&quot;</source>
        <translation>beizubehaltende Beobachtungen, z. B. "ssf == 1 and proc_flag == 0"</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Gitter</translation>
    </message>
    <message>
        <source>raster whose grid the output takes (else --bbox)</source>
        <translation>Raster, dessen Gitter die Ausgabe übernimmt (sonst --bbox)</translation>
    </message>
    <message>
        <source>Bbox</source>
        <translation>Begrenzungsrahmen</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <source>nearest observation within the radius, inverse-distance mean, or mean inside the cell</source>
        <translation>nächste Beobachtung innerhalb des Radius, Mittel mit inverser Distanzgewichtung oder Mittel in der Zelle</translation>
    </message>
    <message>
        <source>idw</source>
        <translation>inverse Distanz</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Radius</source>
        <translation>Radius</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>first day (ISO date; default: the first observation)</source>
        <translation>erster Tag (ISO-Datum; Standard: die erste Beobachtung)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>day after the last (ISO date; default: after the last)</source>
        <translation>Tag nach dem letzten (ISO-Datum; Standard: nach dem letzten)</translation>
    </message>
    <message>
        <source>GeoTIFF to write</source>
        <translation>zu schreibendes GeoTIFF</translation>
    </message>
    <message>
        <source>variable of the reference: ISMN (soil_moisture), or of a product (its soil moisture by default; Sentinel-1: VV, VH:db, ...)</source>
        <translation>Variable der Referenz: ISMN (soil_moisture) oder eines Produkts (standardmäßig seine Bodenfeuchte; Sentinel-1: VV, VH:db, ...)</translation>
    </message>
    <message>
        <source>variable of the candidate: ISMN (soil_moisture), or of a product (its soil moisture by default; Sentinel-1: VV, VH:db, ...)</source>
        <translation>Variable des Kandidaten: ISMN (soil_moisture) oder eines Produkts (standardmäßig seine Bodenfeuchte; Sentinel-1: VV, VH:db, ...)</translation>
    </message>
    <message>
        <source>variable of the third data set: ISMN (soil_moisture), or of a product (its soil moisture by default; Sentinel-1: VV, VH:db, ...)</source>
        <translation>Variable des dritten Datensatzes: ISMN (soil_moisture) oder eines Produkts (standardmäßig seine Bodenfeuchte; Sentinel-1: VV, VH:db, ...)</translation>
    </message>
    <message>
        <source>Validate products against a station network (validation framework run)</source>
        <translation>Produkte gegen ein Stationsnetz validieren (Lauf des Validierungs-Frameworks)</translation>
    </message>
    <message>
        <source>the reference: an ISMN folder or zip archive</source>
        <translation>die Referenz: ein ISMN-Ordner oder Zip-Archiv</translation>
    </message>
    <message>
        <source>the candidates: raster series files (netCDF, GRIB, dated GeoTIFF), ASCAT/ERS cell files or folders, CCI image folders, swaths, SMAP L3, Sentinel-1 folders</source>
        <translation>die Kandidaten: Rasterzeitreihen (netCDF, GRIB, datierte GeoTIFFs), ASCAT/ERS-Zelldateien oder -ordner, CCI-Bildordner, Swaths, SMAP L3, Sentinel-1-Ordner</translation>
    </message>
    <message>
        <source>variable of each candidate (empty: the only one)</source>
        <translation>Variable jedes Kandidaten (leer: die einzige)</translation>
    </message>
    <message>
        <source>candidate names (default: file stems)</source>
        <translation>Namen der Kandidaten (Standard: Dateinamen ohne Endung)</translation>
    </message>
    <message>
        <source>Reference name</source>
        <translation>Name der Referenz</translation>
    </message>
    <message>
        <source>name of the reference in outputs</source>
        <translation>Name der Referenz in den Ausgaben</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>first time of the period (ISO date; empty: all)</source>
        <translation>erster Zeitpunkt des Zeitraums (ISO-Datum; leer: alles)</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>end of the period, exclusive (ISO date; empty: all)</source>
        <translation>Ende des Zeitraums, ausschließlich (ISO-Datum; leer: alles)</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>Regionen</translation>
    </message>
    <message>
        <source>polygons of the region (Shapefile, GeoPackage, GeoJSON; &apos;file.gpkg#layer&apos; for a layer), any CRS</source>
        <translation>Polygone der Region (Shapefile, GeoPackage, GeoJSON; 'datei.gpkg#ebene' für eine Ebene), beliebiges KBS</translation>
    </message>
    <message>
        <source>Region attribute</source>
        <translation>Regionsattribut</translation>
    </message>
    <message>
        <source>attribute naming each polygon (empty: feature id)</source>
        <translation>Attribut, das jedes Polygon benennt (leer: Objekt-ID)</translation>
    </message>
    <message>
        <source>region as west,south,east,north in degrees (instead of polygons)</source>
        <translation>Region als West,Süd,Ost,Nord in Grad (statt Polygonen)</translation>
    </message>
    <message>
        <source>temporal matching window ±</source>
        <translation>zeitliches Zuordnungsfenster ±</translation>
    </message>
    <message>
        <source>scaling before the metrics</source>
        <translation>Skalierung vor den Metriken</translation>
    </message>
    <message>
        <source>beta_cdf</source>
        <translation>Beta-CDF</translation>
    </message>
    <message>
        <source>Scale to</source>
        <translation>Skalieren auf</translation>
    </message>
    <message>
        <source>what is scaled: the candidates to the reference, or the reference to each candidate</source>
        <translation>was skaliert wird: die Kandidaten auf die Referenz oder die Referenz auf jeden Kandidaten</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>candidate</source>
        <translation>Kandidat</translation>
    </message>
    <message>
        <source>validate anomalies instead of absolute values</source>
        <translation>Anomalien statt absoluter Werte validieren</translation>
    </message>
    <message>
        <source>moving-average anomaly window (days)</source>
        <translation>Fenster der Anomalien aus gleitendem Mittel (Tage)</translation>
    </message>
    <message>
        <source>Baseline start</source>
        <translation>Beginn des Basiszeitraums</translation>
    </message>
    <message>
        <source>climatology baseline: first date (empty: all data)</source>
        <translation>Basiszeitraum der Klimatologie: erstes Datum (leer: alle Daten)</translation>
    </message>
    <message>
        <source>Baseline end</source>
        <translation>Ende des Basiszeitraums</translation>
    </message>
    <message>
        <source>climatology baseline: end date, exclusive</source>
        <translation>Basiszeitraum der Klimatologie: Enddatum, ausschließlich</translation>
    </message>
    <message>
        <source>apply the SWI exponential filter with this characteristic time T (days) to the candidates</source>
        <translation>den SWI-Exponentialfilter mit dieser charakteristischen Zeit T (Tage) auf die Kandidaten anwenden</translation>
    </message>
    <message>
        <source>Upscale</source>
        <translation>Hochskalieren</translation>
    </message>
    <message>
        <source>average the stations in one cell of the first candidate</source>
        <translation>die Stationen in einer Zelle des ersten Kandidaten mitteln</translation>
    </message>
    <message>
        <source>Soil temperature</source>
        <translation>Bodentemperatur</translation>
    </message>
    <message>
        <source>a temperature layer (raster series or product) masking frozen soil: station observations whose nearest temperature within ±window is below --frozen-below are left out</source>
        <translation>eine Temperaturebene (Rasterzeitreihe oder Produkt), die gefrorenen Boden maskiert: Stationsbeobachtungen, deren nächste Temperatur innerhalb ±Fenster unter --frozen-below liegt, werden ausgelassen</translation>
    </message>
    <message>
        <source>Soil temperature variable</source>
        <translation>Variable der Bodentemperatur</translation>
    </message>
    <message>
        <source>variable of the temperature layer</source>
        <translation>Variable der Temperaturebene</translation>
    </message>
    <message>
        <source>Frozen below</source>
        <translation>Gefroren unter</translation>
    </message>
    <message>
        <source>frozen-soil threshold (°C; the layer&apos;s units are converted)</source>
        <translation>Schwelle für gefrorenen Boden (°C; die Einheiten der Ebene werden umgerechnet)</translation>
    </message>
    <message>
        <source>point and image candidates: observations to keep, one per candidate (e.g. &quot;ssf == 1 and proc_flag == 0&quot;; empty: all)</source>
        <translation>Punkt- und Bildkandidaten: zu behaltende Beobachtungen, eine Bedingung je Kandidat (z. B. "ssf == 1 and proc_flag == 0"; leer: alle)</translation>
    </message>
    <message>
        <source>point candidates: farthest grid point from a station (km)</source>
        <translation>Punktkandidaten: entferntester Gitterpunkt von einer Station (km)</translation>
    </message>
    <message>
        <source>bootstrap resamples for intervals (0: analytic only)</source>
        <translation>Bootstrap-Stichproben für Intervalle (0: nur analytisch)</translation>
    </message>
    <message>
        <source>Bootstrap method</source>
        <translation>Bootstrap-Verfahren</translation>
    </message>
    <message>
        <source>bootstrap interval</source>
        <translation>Bootstrap-Intervall</translation>
    </message>
    <message>
        <source>percentile</source>
        <translation>Perzentil</translation>
    </message>
    <message>
        <source>bca</source>
        <translation>BCa</translation>
    </message>
    <message>
        <source>bootstrap seed (each station&apos;s draw is keyed by it and the station)</source>
        <translation>Bootstrap-Startwert (die Ziehung jeder Station hängt von ihm und der Station ab)</translation>
    </message>
    <message>
        <source>Intra annual</source>
        <translation>Unterjährig</translation>
    </message>
    <message>
        <source>intra-annual metrics</source>
        <translation>unterjährige Metriken</translation>
    </message>
    <message>
        <source>seasons</source>
        <translation>Jahreszeiten</translation>
    </message>
    <message>
        <source>months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>custom intra-annual windows NAME=MM-DD/MM-DD</source>
        <translation>eigene unterjährige Fenster NAME=MM-TT/MM-TT</translation>
    </message>
    <message>
        <source>Window overlap</source>
        <translation>Fensterüberlappung</translation>
    </message>
    <message>
        <source>days added to both ends of each intra-annual window</source>
        <translation>Tage, die an beiden Enden jedes unterjährigen Fensters hinzukommen</translation>
    </message>
    <message>
        <source>Stability</source>
        <translation>Stabilität</translation>
    </message>
    <message>
        <source>per-year metrics and their Theil–Sen trend per decade</source>
        <translation>jährliche Metriken und ihr Theil–Sen-Trend pro Jahrzehnt</translation>
    </message>
    <message>
        <source>Triple collocation</source>
        <translation>Tripelkollokation</translation>
    </message>
    <message>
        <source>grouped summaries: all, network, region, land_cover, climate, season, month</source>
        <translation>gruppierte Zusammenfassungen: all, network, region, land_cover, climate, season, month</translation>
    </message>
    <message>
        <source>Station names</source>
        <translation>Stationsnamen</translation>
    </message>
    <message>
        <source>ISMN: only these stations</source>
        <translation>ISMN: nur diese Stationen</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>ISMN: part of the instrument name</source>
        <translation>ISMN: Teil des Instrumentnamens</translation>
    </message>
    <message>
        <source>Land cover</source>
        <translation>Landbedeckung</translation>
    </message>
    <message>
        <source>ISMN: ESA CCI land cover codes of 2010 (60 takes 61, 62)</source>
        <translation>ISMN: ESA-CCI-Landbedeckungscodes von 2010 (60 umfasst 61, 62)</translation>
    </message>
    <message>
        <source>Climate</source>
        <translation>Klima</translation>
    </message>
    <message>
        <source>ISMN: Köppen–Geiger classes as prefixes (Cf: Cfa, Cfb)</source>
        <translation>ISMN: Köppen–Geiger-Klassen als Präfixe (Cf: Cfa, Cfb)</translation>
    </message>
    <message>
        <source>Site conditions</source>
        <translation>Standortbedingungen</translation>
    </message>
    <message>
        <source>ISMN: static-variable conditions, e.g. &quot;clay fraction &gt;= 20&quot;</source>
        <translation>ISMN: Bedingungen an statische Variablen, z. B. "clay fraction &gt;= 20"</translation>
    </message>
    <message>
        <source>Swi time</source>
        <translation>SWI-Zeit</translation>
    </message>
    <message>
        <source>Validate products against a gridded reference</source>
        <translation>Produkte gegen eine gerasterte Referenz validieren</translation>
    </message>
    <message>
        <source>the gridded reference: a raster series (netCDF, GRIB, dated GeoTIFFs)</source>
        <translation>die gerasterte Referenz: eine Rasterzeitreihe (netCDF, GRIB, datierte GeoTIFFs)</translation>
    </message>
    <message>
        <source>variable of the reference (empty: the only one)</source>
        <translation>Variable der Referenz (leer: die einzige)</translation>
    </message>
    <message>
        <source>the candidates: raster series on any grid</source>
        <translation>die Kandidaten: Rasterzeitreihen auf beliebigem Gitter</translation>
    </message>
    <message>
        <source>pairs a station or cell needs for metrics</source>
        <translation>Paare, die eine Station oder Zelle für Metriken braucht</translation>
    </message>
    <message>
        <source>Resampling</source>
        <translation>Resampling</translation>
    </message>
    <message>
        <source>how candidates on another grid are resampled</source>
        <translation>wie Kandidaten auf einem anderen Gitter umgerechnet werden</translation>
    </message>
    <message>
        <source>bilinear</source>
        <translation>bilinear</translation>
    </message>
    <message>
        <source>average</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Map metrics</source>
        <translation>Kartenmetriken</translation>
    </message>
    <message>
        <source>metrics written as map bands</source>
        <translation>als Kartenbänder geschriebene Metriken</translation>
    </message>
    <message>
        <source>grouped summaries: all, region, season, month</source>
        <translation>gruppierte Zusammenfassungen: all, region, season, month</translation>
    </message>
    <message>
        <source>Validates one or more candidate raster series (netCDF, GRIB, dated GeoTIFFs) against a gridded reference over a period and a region (bounding box or polygons; a cell belongs to the region its centre lies in). Candidates on another grid are resampled onto the reference&apos;s grid at every time step. Every cell is validated as validate-network validates a station (matching within ±window, anomalies, scaling, intervals, intra-annual windows, stability); per-cell metrics are written as one GeoTIFF per candidate with one band per metric, the spatial agreement at each time step of the sparser data set (R, bias, RMSD, ubRMSD over the region&apos;s cells, of the values as read) as spatial_metrics.csv, and the per-cell tables, validation.nc (QA4SM layout) and summary.json as validate-network.</source>
        <translation>Validiert eine oder mehrere Kandidaten-Rasterzeitreihen (netCDF, GRIB, datierte GeoTIFFs) gegen eine gerasterte Referenz über einen Zeitraum und eine Region (Begrenzungsrahmen oder Polygone; eine Zelle gehört zu der Region, in der ihr Mittelpunkt liegt). Kandidaten auf einem anderen Gitter werden zu jedem Zeitschritt auf das Gitter der Referenz umgerechnet. Jede Zelle wird validiert, wie validate-network eine Station validiert (Zuordnung innerhalb ±Fenster, Anomalien, Skalierung, Intervalle, unterjährige Fenster, Stabilität); die Metriken je Zelle werden als ein GeoTIFF je Kandidat mit einem Band je Metrik geschrieben, die räumliche Übereinstimmung zu jedem Zeitschritt des spärlicheren Datensatzes (R, Bias, RMSD, ubRMSD über die Zellen der Region, aus den gelesenen Werten) als spatial_metrics.csv, dazu die Tabellen je Zelle, validation.nc (QA4SM-Layout) und summary.json wie bei validate-network.</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>output folder of an earlier run to compare with: per-station (or per-cell) differences of the metrics and paired tests</source>
        <translation>Ausgabeordner eines früheren Laufs zum Vergleich: Differenzen der Metriken je Station (oder Zelle) und gepaarte Tests</translation>
    </message>
    <message>
        <source>Validates one or more candidate products against an ISMN network over a period and a region (bounding box, or polygons from a Shapefile/GeoPackage/GeoJSON with an attribute to group by): stations selected by network, station, depth, instrument, land cover (ESA CCI 2010 codes), Köppen–Geiger climate and soil properties; optional anomalies (moving average, or climatology from a baseline period), scaling (mean/std, min/max, linreg, CDF, beta CDF) to the reference or to each candidate, the SWI exponential filter on the candidates, upscaling of the stations in one product cell. Each observation of the sparser series takes the nearest one of the other within ±window (12 h by default, as QA4SM). Metrics with analytic and bootstrap (percentile or BCa) intervals, the standard deviation of the differences (N − 1), intra-annual windows (seasons, months or custom, with overlap), per-year stability metrics with their Theil–Sen trend per decade and Mann–Kendall p, and triple collocation of the reference with two candidates (extended collocation with more) with bootstrap intervals. Writes validation.nc (QA4SM layout), station_metrics.csv and .geojson, intra_annual.csv, yearly.csv, stability.csv, triple_collocation.csv and summary.json with grouped summaries.</source>
        <translation>Validiert ein oder mehrere Kandidatenprodukte gegen ein ISMN-Netz über einen Zeitraum und eine Region (Begrenzungsrahmen oder Polygone aus Shapefile/GeoPackage/GeoJSON mit einem Attribut zum Gruppieren): Stationen nach Netz, Station, Tiefe, Instrument, Landbedeckung (ESA-CCI-Codes von 2010), Köppen–Geiger-Klima und Bodeneigenschaften ausgewählt; wahlweise Anomalien (gleitendes Mittel oder Klimatologie aus einem Basiszeitraum), Skalierung (Mittel/Std, Min/Max, lineare Regression, CDF, Beta-CDF) auf die Referenz oder auf jeden Kandidaten, der SWI-Exponentialfilter auf die Kandidaten, Hochskalierung der Stationen in einer Produktzelle. Jede Beobachtung der spärlicheren Reihe nimmt die nächste der anderen innerhalb ±Fenster (standardmäßig 12 h, wie QA4SM). Metriken mit analytischen und Bootstrap-Intervallen (Perzentil oder BCa), die Standardabweichung der Differenzen (N − 1), unterjährige Fenster (Jahreszeiten, Monate oder eigene, mit Überlappung), jährliche Stabilitätsmetriken mit ihrem Theil–Sen-Trend pro Jahrzehnt und Mann–Kendall-p sowie Tripelkollokation der Referenz mit zwei Kandidaten (erweiterte Kollokation mit mehr) mit Bootstrap-Intervallen. Schreibt validation.nc (QA4SM-Layout), station_metrics.csv und .geojson, intra_annual.csv, yearly.csv, stability.csv, triple_collocation.csv und summary.json mit gruppierten Zusammenfassungen.</translation>
    </message>
    <message>
        <source>triple collocation of the reference and two candidates, extended collocation with more</source>
        <translation>Tripelkollokation der Referenz und zweier Kandidaten, erweiterte Kollokation mit mehr</translation>
    </message>
    <message>
        <source>Near</source>
        <translation>Nahe</translation>
    </message>
    <message>
        <source>LON,LAT: list the stations nearest to this point first, with their distance (km)</source>
        <translation>LON,LAT: die diesem Punkt nächsten Stationen zuerst auflisten, mit ihrer Entfernung (km)</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>with --near: the nearest stations kept (0: all)</source>
        <translation>mit --near: die behaltenen nächsten Stationen (0: alle)</translation>
    </message>
    <message>
        <source>Random search over the parameter space of the project&apos;s model family. Each draw is trained on the training part of the project&apos;s split and scored on the validation part (or by nested k-fold CV on the training part) and on the test part. Two selections are reported side by side: honest (best inner score, then its test score) and oracle (best test score, an optimistic upper bound as some papers report). The space is inline JSON or a JSON file mapping parameter names to {&quot;min&quot;, &quot;max&quot;, &quot;log&quot;} or {&quot;choices&quot;}; without it the family&apos;s built-in space is used (the model settings below say what it draws). The run goes into the project&apos;s run store (pooled = the honest selection&apos;s test metrics) and every draw into &lt;outputs&gt;/search/run-N.json.</source>
        <translation>Zufallssuche im Parameterraum der Modellfamilie des Projekts. Jede Ziehung wird auf dem Trainingsteil der Aufteilung des Projekts trainiert und auf dem Validierungsteil (oder per verschachtelter k-facher Kreuzvalidierung auf dem Trainingsteil) sowie auf dem Testteil bewertet. Zwei Auswahlen werden nebeneinander berichtet: ehrlich (beste innere Bewertung, dann deren Testbewertung) und Orakel (beste Testbewertung, eine optimistische Obergrenze, wie sie manche Veröffentlichungen angeben). Der Suchraum ist Inline-JSON oder eine JSON-Datei, die Parameternamen auf {"min", "max", "log"} oder {"choices"} abbildet; ohne ihn wird der eingebaute Suchraum der Familie verwendet (die Modelleinstellungen unten sagen, was er zieht). Der Lauf kommt in den Laufspeicher des Projekts (gepoolt = die Testmetriken der ehrlichen Auswahl) und jede Ziehung nach &lt;outputs&gt;/search/run-N.json.</translation>
    </message>
    <message>
        <source>search space: inline JSON or a JSON file; keys are the family&apos;s parameters, ranges within theirs (default: the built-in space)</source>
        <translation>Suchraum: Inline-JSON oder eine JSON-Datei; Schlüssel sind die Parameter der Familie, Bereiche innerhalb der ihren (Standard: der eingebaute Suchraum)</translation>
    </message>
    <message>
        <source>Station soil temperature</source>
        <translation>Bodentemperatur der Stationen</translation>
    </message>
    <message>
        <source>mask frozen soil with each station&apos;s own soil temperature sensor (the one nearest in depth to its soil-moisture sensor); stations without one use --soil-temperature when given, else keep their observations</source>
        <translation>gefrorenen Boden mit dem eigenen Bodentemperatursensor jeder Station maskieren (dem in der Tiefe nächsten zu ihrem Bodenfeuchtesensor); Stationen ohne einen solchen verwenden --soil-temperature, wenn angegeben, sonst behalten sie ihre Beobachtungen</translation>
    </message>
    <message>
        <source>Upscale max mrd</source>
        <translation>Hochskalierung: max. MRD</translation>
    </message>
    <message>
        <source>upscaling: leave out members whose mean relative difference from the cell&apos;s mean exceeds this in magnitude (temporal stability, e.g. 0.1)</source>
        <translation>Hochskalierung: Mitglieder auslassen, deren mittlere relative Abweichung vom Zellmittel betragsmäßig darüber liegt (zeitliche Stabilität, z. B. 0,1)</translation>
    </message>
    <message>
        <source>Upscale max sdrd</source>
        <translation>Hochskalierung: max. SDRD</translation>
    </message>
    <message>
        <source>upscaling: leave out members whose standard deviation of the relative difference exceeds this (e.g. 0.2)</source>
        <translation>Hochskalierung: Mitglieder auslassen, deren Standardabweichung der relativen Abweichung darüber liegt (z. B. 0,2)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>take up the latest unfinished run with the same settings: the units it finished are kept, the others are computed</source>
        <translation>den letzten unvollendeten Lauf mit denselben Einstellungen fortsetzen: seine fertigen Einheiten bleiben, die übrigen werden berechnet</translation>
    </message>
    <message>
        <source>New project from a data folder</source>
        <translation>Neues Projekt aus einem Datenordner</translation>
    </message>
    <message>
        <source>Scans a folder of downloaded data (sub-folders included) and recognises what it holds: the distributed products SoilScope reads (ASCAT cells and swaths, ESA CCI image folders, SMAP L3, Sentinel-1 scene folders), ISMN archives, and plain GeoTIFF, netCDF and GRIB layers, whose data role (precipitation, sand, vv, …) it proposes from their CF standard and long names, GRIB elements, variable and band names. With a workload it lists the roles that workload needs, found or missing. With --out it writes a project file naming the layers found (paths relative to it), to be checked and edited before training.</source>
        <translation>Durchsucht einen Ordner heruntergeladener Daten (mit Unterordnern) und erkennt, was er enthält: die verbreiteten Produkte, die SoilScope liest (ASCAT-Zellen und -Swaths, ESA-CCI-Bildordner, SMAP L3, Sentinel-1-Szenenordner), ISMN-Archive sowie einfache GeoTIFF-, netCDF- und GRIB-Ebenen, deren Datenrolle (Niederschlag, Sand, VV, …) es aus CF-Standard- und Langnamen, GRIB-Elementen, Variablen- und Bandnamen vorschlägt. Mit einem Workload listet es die Rollen, die dieser braucht, gefunden oder fehlend. Mit --out schreibt es eine Projektdatei mit den gefundenen Ebenen (Pfade relativ zu ihr), die vor dem Training zu prüfen und zu bearbeiten ist.</translation>
    </message>
    <message>
        <source>folder of downloaded data to scan</source>
        <translation>zu durchsuchender Ordner heruntergeladener Daten</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Workload</translation>
    </message>
    <message>
        <source>the workload the project is for (its roles are checked)</source>
        <translation>der Workload, für den das Projekt ist (seine Rollen werden geprüft)</translation>
    </message>
    <message>
        <source>cnn_ascat_intraday</source>
        <translation>cnn_ascat_intraday</translation>
    </message>
    <message>
        <source>sar_ml_scenarios</source>
        <translation>sar_ml_scenarios</translation>
    </message>
    <message>
        <source>lstm_s1_s2_weather</source>
        <translation>lstm_s1_s2_weather</translation>
    </message>
    <message>
        <source>ffnn_downscaling_60m</source>
        <translation>ffnn_downscaling_60m</translation>
    </message>
    <message>
        <source>wcm_lstm</source>
        <translation>wcm_lstm</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>project name (default: the folder&apos;s name)</source>
        <translation>Projektname (Vorgabe: der Name des Ordners)</translation>
    </message>
    <message>
        <source>project file to write (none: only report)</source>
        <translation>zu schreibende Projektdatei (keine: nur berichten)</translation>
    </message>
    <message>
        <source>Precipitation accumulation</source>
        <translation>Niederschlagsakkumulation</translation>
    </message>
    <message>
        <source>how the precipitation file stores its values: per time step (ERA5 hourly tp) or as sums since 00 UTC (ERA5-Land tp: the 00 UTC value closes the previous day), read back as sums per step</source>
        <translation>wie die Niederschlagsdatei ihre Werte speichert: je Zeitschritt (ERA5 stündlich tp) oder als Summen seit 00 UTC (ERA5-Land tp: der Wert um 00 UTC schließt den Vortag ab), zurückgelesen als Summen je Zeitschritt</translation>
    </message>
    <message>
        <source>per_step</source>
        <translation>je Zeitschritt</translation>
    </message>
    <message>
        <source>since_00utc</source>
        <translation>seit 00 UTC</translation>
    </message>
    <message>
        <source>Grid a point, swath or SMAP product</source>
        <translation>Ein Punkt-, Schwad- oder SMAP-Produkt rastern</translation>
    </message>
    <message>
        <source>point, swath or SMAP product: ASCAT/ERS cell file or folder, ASCAT Level 2 swath file or folder, SMAP L3 file or folder</source>
        <translation>Punkt-, Schwad- oder SMAP-Produkt: ASCAT/ERS-Zelldatei oder -ordner, ASCAT-Level-2-Schwaddatei oder -ordner, SMAP-L3-Datei oder -Ordner</translation>
    </message>
    <message>
        <source>search radius of nearest and idw (km); 0: the product&apos;s spacing (12.5 km for ASCAT, half a SMAP pixel&apos;s diagonal)</source>
        <translation>Suchradius für nearest und idw (km); 0: der Abstand des Produkts (12,5 km für ASCAT, die halbe Pixeldiagonale bei SMAP)</translation>
    </message>
    <message>
        <source>Simulates a synthetic study region in southern France whose truth is known: weather from moving storms, an hourly bucket water balance, a reanalysis-like product from its own land-surface run, ASCAT-like sigma40 and H120-like soil moisture, Sentinel-1 and Sentinel-2-like data, a CCI-like product, LST, precipitation, static layers and ISMN stations; writes twin.json (manifest), README.md and one project per workload. The same seed gives byte-identical data files.</source>
        <translation>Simuliert eine synthetische Untersuchungsregion in Südfrankreich mit bekannter Wahrheit: Wetter aus ziehenden Gewitterzellen, eine stündliche Bucket-Wasserbilanz, ein reanalyseähnliches Produkt aus einem eigenen Landoberflächenlauf, ASCAT-ähnliche sigma40- und H120-ähnliche Bodenfeuchte, Sentinel-1- und Sentinel-2-ähnliche Daten, ein CCI-ähnliches Produkt, LST, Niederschlag, statische Ebenen und ISMN-Stationen; schreibt twin.json (Manifest), README.md und ein Projekt je Arbeitslast. Derselbe Startwert ergibt byte-identische Datendateien.</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>error model of the products: realistic (the reanalysis from its own land-surface run, rough-surface Sentinel-1, correlated noise), simple (truth plus independent noise), auto (simple for tiny, realistic otherwise)</source>
        <translation>Fehlermodell der Produkte: realistisch (die Reanalyse aus einem eigenen Landoberflächenlauf, Sentinel-1 aus Rauigkeitsmodellen, korreliertes Rauschen), einfach (Wahrheit plus unabhängiges Rauschen), auto (einfach für tiny, sonst realistisch)</translation>
    </message>
    <message>
        <source>simple</source>
        <translation>einfach</translation>
    </message>
    <message>
        <source>realistic</source>
        <translation>realistisch</translation>
    </message>
    <message>
        <source>Puts a point product (ASCAT/ERS WARP cell file or folder of cells), swaths (ASCAT Level 2 file or folder) or SMAP L3 files (file or folder) on a raster grid: the grid of a raster given with --grid, a WGS 84 grid of --resolution degrees over --bbox, or else the product&apos;s own: a SMAP file&apos;s EASE-Grid 2.0, or a WGS 84 grid of --resolution degrees over the places the product observes. Point products become daily means (the UTC day&apos;s observations of each grid point, labelled 12:00 UTC or --daily-time), swaths one band per overpass and SMAP files one band per pass (labelled with the median time of the observations used); each band takes, per cell, the nearest observation within --radius, their inverse-distance mean, or the mean of those inside the cell. Projects do the same with such a product as a layer. Observations the --mask rejects are left out. Writes a GeoTIFF whose bands carry their times and units (a raster series for maps, the time-series view and predictors) and a QGIS style fitted to the data.</source>
        <translation>Bringt ein Punktprodukt (ASCAT/ERS-WARP-Zelldatei oder Ordner von Zellen), Schwade (ASCAT-Level-2-Datei oder -Ordner) oder SMAP-L3-Dateien (Datei oder Ordner) auf ein Rastergitter: das Gitter eines mit --grid angegebenen Rasters, ein WGS-84-Gitter mit --resolution Grad über --bbox oder sonst das eigene des Produkts: das EASE-Grid 2.0 einer SMAP-Datei oder ein WGS-84-Gitter mit --resolution Grad über den Orten, die das Produkt beobachtet. Punktprodukte werden zu Tagesmitteln (die Beobachtungen eines UTC-Tages je Gitterpunkt, mit 12:00 UTC oder --daily-time bezeichnet), Schwade zu einem Kanal je Überflug und SMAP-Dateien zu einem Kanal je Überflugsrichtung (bezeichnet mit der Medianzeit der verwendeten Beobachtungen); jeder Kanal nimmt je Zelle die nächste Beobachtung innerhalb von --radius, deren Mittel mit inverser Distanzgewichtung oder das Mittel der in der Zelle liegenden. Projekte tun dasselbe mit einem solchen Produkt als Ebene. Beobachtungen, die --mask verwirft, bleiben außen vor. Schreibt ein GeoTIFF, dessen Kanäle ihre Zeiten und Einheiten tragen (eine Rasterzeitreihe für Karten, die Zeitreihenansicht und Prädiktoren), und einen an die Daten angepassten QGIS-Stil.</translation>
    </message>
    <message>
        <source>LON_MIN,LAT_MIN,LON_MAX,LAT_MAX of a WGS 84 grid (default: the product&apos;s extent; SMAP: its EASE-Grid 2.0)</source>
        <translation>LON_MIN,LAT_MIN,LON_MAX,LAT_MAX eines WGS-84-Gitters (Vorgabe: die Ausdehnung des Produkts; SMAP: sein EASE-Grid 2.0)</translation>
    </message>
    <message>
        <source>pixel size of the WGS 84 grid (degrees)</source>
        <translation>Pixelgröße des WGS-84-Gitters (Grad)</translation>
    </message>
</context>
<context>
    <name>VariableChooser</name>
    <message>
        <source>Variables of %1</source>
        <translation>Variablen von %1</translation>
    </message>
    <message>
        <source>The file holds %1 variables. Add as map layers:</source>
        <translation>Die Datei enthält %1 Variablen. Als Kartenebenen hinzufügen:</translation>
    </message>
    <message>
        <source>, %1 time steps</source>
        <translation>, %1 Zeitschritte</translation>
    </message>
</context>
<context>
    <name>soilscope::gui::MainWindow</name>
    <message>
        <source>Cursor position in longitude / latitude (WGS 84)</source>
        <translation>Cursorposition in geographischer Länge / Breite (WGS 84)</translation>
    </message>
    <message>
        <source>Cursor position in the map&apos;s coordinate reference system</source>
        <translation>Cursorposition im Koordinatenbezugssystem der Karte</translation>
    </message>
    <message>
        <source>Value of the current raster layer under the cursor</source>
        <translation>Wert der aktuellen Rasterebene unter dem Cursor</translation>
    </message>
    <message>
        <source>lon %1°  lat %2°</source>
        <translation>Länge %1°  Breite %2°</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>Abfragen</translation>
    </message>
    <message>
        <source>%1 running, %2 queued</source>
        <translation>%1 laufend, %2 wartend</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>&amp;Neues Projekt</translation>
    </message>
    <message>
        <source>Start an empty project</source>
        <translation>Ein leeres Projekt beginnen</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>Projekt ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a SoilScope project file</source>
        <translation>Eine SoilScope-Projektdatei öffnen</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>Projekt &amp;speichern</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>Das Projekt speichern</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Projekt speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation>Das Projekt unter neuem Namen speichern</translation>
    </message>
    <message>
        <source>Add &amp;raster…</source>
        <translation>&amp;Raster hinzufügen…</translation>
    </message>
    <message>
        <source>Add a raster layer (GeoTIFF, NetCDF, any GDAL format)</source>
        <translation>Eine Rasterebene hinzufügen (GeoTIFF, NetCDF, jedes GDAL-Format)</translation>
    </message>
    <message>
        <source>Add &amp;station network…</source>
        <translation>&amp;Stationsnetz hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Export figure…</source>
        <translation>Abbildung &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export the map or the visible plot as PNG, SVG or PDF</source>
        <translation>Die Karte oder das sichtbare Diagramm als PNG, SVG oder PDF exportieren</translation>
    </message>
    <message>
        <source>Export layer as &amp;GeoTIFF…</source>
        <translation>Ebene als &amp;GeoTIFF exportieren…</translation>
    </message>
    <message>
        <source>Write the current raster layer as a Cloud Optimized GeoTIFF with a QGIS style</source>
        <translation>Die aktuelle Rasterebene als Cloud Optimized GeoTIFF mit QGIS-Stil schreiben</translation>
    </message>
    <message>
        <source>Export &amp;table…</source>
        <translation>&amp;Tabelle exportieren…</translation>
    </message>
    <message>
        <source>Write the last task result as JSON or CSV</source>
        <translation>Das letzte Aufgabenergebnis als JSON oder CSV schreiben</translation>
    </message>
    <message>
        <source>&amp;Copy figure</source>
        <translation>Abbildung &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the map or the visible plot to the clipboard</source>
        <translation>Die Karte oder das sichtbare Diagramm in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit SoilScope</source>
        <translation>SoilScope beenden</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom into the map</source>
        <translation>In die Karte hineinzoomen</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Zoom out of the map</source>
        <translation>Aus der Karte herauszoomen</translation>
    </message>
    <message>
        <source>&amp;Full extent</source>
        <translation>&amp;Gesamtansicht</translation>
    </message>
    <message>
        <source>Show all layers</source>
        <translation>Alle Ebenen zeigen</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>&amp;Verschieben</translation>
    </message>
    <message>
        <source>Drag the map to pan</source>
        <translation>Die Karte ziehen, um sie zu verschieben</translation>
    </message>
    <message>
        <source>&amp;Identify</source>
        <translation>&amp;Abfragen</translation>
    </message>
    <message>
        <source>Click the map to list the values of every layer</source>
        <translation>In die Karte klicken, um die Werte aller Ebenen aufzulisten</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Language and job settings</source>
        <translation>Sprache und Auftragseinstellungen</translation>
    </message>
    <message>
        <source>&amp;About SoilScope</source>
        <translation>Ü&amp;ber SoilScope</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>Version und Lizenz</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Ebenen</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Time series</source>
        <translation>Zeitreihe</translation>
    </message>
    <message>
        <source>Scatter</source>
        <translation>Streudiagramm</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>Spektrum</translation>
    </message>
    <message>
        <source>Intraday</source>
        <translation>Tagesgang</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Szenarien</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>New from &amp;template</source>
        <translation>Neu aus &amp;Vorlage</translation>
    </message>
    <message>
        <source>The five workloads of the twin region as starting points</source>
        <translation>Die fünf Arbeitsabläufe der Zwillingsregion als Ausgangspunkte</translation>
    </message>
    <message>
        <source>(generate the twin region with --demo first)</source>
        <translation>(zuerst die Zwillingsregion mit --demo erzeugen)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Bereiche</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>Auf&amp;gaben</translation>
    </message>
    <message>
        <source>(no task is registered)</source>
        <translation>(keine Aufgabe registriert)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Jobs are running</source>
        <translation>Aufträge laufen</translation>
    </message>
    <message>
        <source>Cancel the running jobs and quit?</source>
        <translation>Die laufenden Aufträge abbrechen und beenden?</translation>
    </message>
    <message>
        <source>Untitled project</source>
        <translation>Unbenanntes Projekt</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The project has unsaved changes. Save them?</source>
        <translation>Das Projekt hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>Jobs that run at the same time; training on one GPU is best run one at a time</source>
        <translation>Gleichzeitig laufende Aufträge; Training auf einer GPU läuft am besten einzeln</translation>
    </message>
    <message>
        <source>Language (after restart)</source>
        <translation>Sprache (nach Neustart)</translation>
    </message>
    <message>
        <source>Parallel jobs</source>
        <translation>Parallele Aufträge</translation>
    </message>
    <message>
        <source>About SoilScope</source>
        <translation>Über SoilScope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SoilScope %1&lt;/h3&gt;&lt;p&gt;Surface soil moisture from satellite data with machine learning, validated against in situ stations.&lt;/p&gt;&lt;p&gt;%2 tasks are available; every one also runs headless with &lt;tt&gt;soilscope-cli&lt;/tt&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SoilScope %1&lt;/h3&gt;&lt;p&gt;Oberflächennahe Bodenfeuchte aus Satellitendaten mit maschinellem Lernen, validiert an In-situ-Stationen.&lt;/p&gt;&lt;p&gt;%2 Aufgaben sind verfügbar; jede läuft auch ohne Oberfläche mit &lt;tt&gt;soilscope-cli&lt;/tt&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>SoilScope projects (*.soilscope.json *.json)</source>
        <translation>SoilScope-Projekte (*.soilscope.json *.json)</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>Das Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened project &apos;%1&apos; (%2 data layers, %3 predictors)</source>
        <translation>Projekt „%1“ geöffnet (%2 Datenebenen, %3 Prädiktoren)</translation>
    </message>
    <message>
        <source>New from template</source>
        <translation>Neu aus Vorlage</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <source>SoilScope projects (*.soilscope.json)</source>
        <translation>SoilScope-Projekte (*.soilscope.json)</translation>
    </message>
    <message>
        <source>Cannot save the project</source>
        <translation>Das Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Added raster %1 (%2)</source>
        <translation>Raster %1 hinzugefügt (%2)</translation>
    </message>
    <message>
        <source>predictor %1</source>
        <translation>Prädiktor %1</translation>
    </message>
    <message>
        <source>predictor %1 (%2)</source>
        <translation>Prädiktor %1 (%2)</translation>
    </message>
    <message>
        <source>Predictor %1: %2 pixels with a value%3</source>
        <translation>Prädiktor %1: %2 Pixel mit Wert%3</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation> am %1</translation>
    </message>
    <message>
        <source>Add raster</source>
        <translation>Raster hinzufügen</translation>
    </message>
    <message>
        <source>Added %1 stations from %2</source>
        <translation>%1 Stationen aus %2 hinzugefügt</translation>
    </message>
    <message>
        <source>Trying %1 as a raster (unknown extension)</source>
        <translation>%1 wird als Raster versucht (unbekannte Endung)</translation>
    </message>
    <message>
        <source>Showing %1 as the backdrop</source>
        <translation>%1 wird als Hintergrund angezeigt</translation>
    </message>
    <message>
        <source>Add station network</source>
        <translation>Stationsnetz hinzufügen</translation>
    </message>
    <message>
        <source>ISMN archives (*.zip *.stm);;All files (*)</source>
        <translation>ISMN-Archive (*.zip *.stm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Training: %1</source>
        <translation>Training: %1</translation>
    </message>
    <message>
        <source>Queued %1</source>
        <translation>%1 eingereiht</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 against %2</source>
        <translation>%1 gegen %2</translation>
    </message>
    <message>
        <source>Power spectra of %1</source>
        <translation>Leistungsspektren von %1</translation>
    </message>
    <message>
        <source>Station metrics</source>
        <translation>Stationsmetriken</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>in situ %1</source>
        <translation>in situ %1</translation>
    </message>
    <message>
        <source>Pixel at lon %1°, lat %2°</source>
        <translation>Pixel bei Länge %1°, Breite %2°</translation>
    </message>
    <message>
        <source>No data at lon %1°, lat %2°</source>
        <translation>Keine Daten bei Länge %1°, Breite %2°</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export layer</source>
        <translation>Ebene exportieren</translation>
    </message>
    <message>
        <source>Select a raster layer first.</source>
        <translation>Zuerst eine Rasterebene auswählen.</translation>
    </message>
    <message>
        <source>Export layer as GeoTIFF</source>
        <translation>Ebene als GeoTIFF exportieren</translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif)</source>
        <translation>GeoTIFF (*.tif)</translation>
    </message>
    <message>
        <source>Wrote %1 with a QGIS style</source>
        <translation>%1 mit QGIS-Stil geschrieben</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <source>Run a task first; its result table is exported.</source>
        <translation>Zuerst eine Aufgabe ausführen; deren Ergebnistabelle wird exportiert.</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation>JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Copied the %1 to the clipboard</source>
        <translation>%1 in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>: test r = %1, RMSE = %2, ubRMSE = %3</source>
        <translation>: Test r = %1, RMSE = %2, ubRMSE = %3</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>hour of max · %1</source>
        <translation>Stunde des Maximums · %1</translation>
    </message>
    <message>
        <source>ΔSM · %1</source>
        <translation>ΔSM · %1</translation>
    </message>
    <message>
        <source>Add ISMN stations from a zip archive or an .stm file</source>
        <translation>ISMN-Stationen aus einem Zip-Archiv oder einer .stm-Datei hinzufügen</translation>
    </message>
    <message>
        <source>Add station network &amp;folder…</source>
        <translation>Stationsnetz-&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Add ISMN stations from an unpacked archive folder</source>
        <translation>ISMN-Stationen aus einem entpackten Archivordner hinzufügen</translation>
    </message>
    <message>
        <source>Add station network folder</source>
        <translation>Stationsnetz-Ordner hinzufügen</translation>
    </message>
    <message>
        <source>test RMSE</source>
        <translation>Test-RMSE</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>Ergebnis öffnen</translation>
    </message>
    <message>
        <source>Opened the result %1</source>
        <translation>Ergebnis %1 geöffnet</translation>
    </message>
    <message>
        <source>%1 produced no output to show</source>
        <translation>%1 hat keine anzeigbare Ausgabe erzeugt</translation>
    </message>
    <message>
        <source>Test RMSE per scenario (every method, training size and repeat)</source>
        <translation>Test-RMSE je Szenario (alle Methoden, Trainingsgrößen und Wiederholungen)</translation>
    </message>
    <message>
        <source>Added %1 grid points from %2</source>
        <translation>%1 Gitterpunkte aus %2 hinzugefügt</translation>
    </message>
    <message>
        <source>Rasters and products (*.tif *.tiff *.nc *.nc4 *.vrt *.img *.hdf *.h5 *.jp2 *.grib *.grb *.grib2);;All files (*)</source>
        <translation>Raster und Produkte (*.tif *.tiff *.nc *.nc4 *.vrt *.img *.hdf *.h5 *.jp2 *.grib *.grb *.grib2);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1, grid point %2</source>
        <translation>%1, Gitterpunkt %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 [%2]</source>
        <translation>%1 [%2]</translation>
    </message>
    <message>
        <source>validation metrics</source>
        <translation>Validierungsmetriken</translation>
    </message>
    <message>
        <source>&amp;Borders and graticule</source>
        <translation>&amp;Grenzen und Gradnetz</translation>
    </message>
    <message>
        <source>Country borders, coastlines and a graticule under the stations</source>
        <translation>Landesgrenzen, Küstenlinien und ein Gradnetz unter den Stationen</translation>
    </message>
    <message>
        <source>Open in &amp;QGIS…</source>
        <translation>In &amp;QGIS öffnen…</translation>
    </message>
    <message>
        <source>Write the map&apos;s layers as a QGIS project (.qgz) and open it in QGIS</source>
        <translation>Die Ebenen der Karte als QGIS-Projekt (.qgz) schreiben und in QGIS öffnen</translation>
    </message>
    <message>
        <source>Wrote the QGIS project %1</source>
        <translation>QGIS-Projekt %1 geschrieben</translation>
    </message>
    <message>
        <source>QGIS</source>
        <translation>QGIS</translation>
    </message>
    <message>
        <source>Open in QGIS</source>
        <translation>In QGIS öffnen</translation>
    </message>
    <message>
        <source>QGIS projects (*.qgz *.qgs)</source>
        <translation>QGIS-Projekte (*.qgz *.qgs)</translation>
    </message>
    <message>
        <source>QGIS is not installed; the project is written to %1</source>
        <translation>QGIS ist nicht installiert; das Projekt wurde nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Export &amp;animation…</source>
        <translation>&amp;Animation exportieren…</translation>
    </message>
    <message>
        <source>Write every time step of the current series layer as PNG frames and an animated GIF</source>
        <translation>Jeden Zeitschritt der aktuellen Zeitreihen-Ebene als PNG-Bilder und animiertes GIF schreiben</translation>
    </message>
    <message>
        <source>Select a raster series layer to animate</source>
        <translation>Eine Raster-Zeitreihen-Ebene zum Animieren auswählen</translation>
    </message>
    <message>
        <source>Folder for the animation frames</source>
        <translation>Ordner für die Bilder der Animation</translation>
    </message>
    <message>
        <source>Rendering the animation…</source>
        <translation>Animation wird gezeichnet…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Animation</source>
        <translation>Animation</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>Ebene %1</translation>
    </message>
    <message>
        <source>Predictor %1</source>
        <translation>Prädiktor %1</translation>
    </message>
    <message>
        <source>Stations %1</source>
        <translation>Stationen %1</translation>
    </message>
    <message>
        <source>Raster %1</source>
        <translation>Raster %1</translation>
    </message>
    <message>
        <source>Time series at %1</source>
        <translation>Zeitreihe an %1</translation>
    </message>
    <message>
        <source>Time series at %1°, %2°</source>
        <translation>Zeitreihe bei %1°, %2°</translation>
    </message>
    <message>
        <source>Add &amp;polygons…</source>
        <translation>&amp;Polygone hinzufügen…</translation>
    </message>
    <message>
        <source>Add catchments or areas of interest (Shapefile, GeoPackage, GeoJSON) to draw on the map and use as a validation&apos;s regions</source>
        <translation>Einzugsgebiete oder Untersuchungsgebiete (Shapefile, GeoPackage, GeoJSON) hinzufügen, um sie auf der Karte zu zeichnen und als Regionen einer Validierung zu verwenden</translation>
    </message>
    <message>
        <source>Add polygons</source>
        <translation>Polygone hinzufügen</translation>
    </message>
    <message>
        <source>Vector files (*.shp *.gpkg *.geojson *.json *.kml);;All files (*)</source>
        <translation>Vektordateien (*.shp *.gpkg *.geojson *.json *.kml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 frames</source>
        <translation>%1 Einzelbilder</translation>
    </message>
    <message>
        <source>Wrote %1 to %2</source>
        <translation>%1 nach %2 geschrieben</translation>
    </message>
    <message>
        <source>Polygons %1</source>
        <translation>Polygone %1</translation>
    </message>
    <message>
        <source>Added %1 polygons from %2 (named by %3)</source>
        <translation>%1 Polygone aus %2 hinzugefügt (benannt nach %3)</translation>
    </message>
    <message>
        <source>their feature id</source>
        <translation>ihrer Objektkennung</translation>
    </message>
    <message>
        <source>%1 is the region of %2: %3 polygons</source>
        <translation>%1 ist die Region von %2: %3 Polygone</translation>
    </message>
    <message>
        <source>Matched pairs at %1</source>
        <translation>Zugeordnete Paare an %1</translation>
    </message>
    <message>
        <source>%1 / %2, matched pairs of the validation run
%3</source>
        <translation>%1 / %2, zugeordnete Paare des Validierungslaufs
%3</translation>
    </message>
    <message>
        <source>soil moisture [%1]</source>
        <translation>Bodenfeuchte [%1]</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>No matched pairs at %1 / %2: %3</source>
        <translation>Keine zugeordneten Paare an %1 / %2: %3</translation>
    </message>
    <message>
        <source>the run kept none</source>
        <translation>der Lauf hat keine behalten</translation>
    </message>
    <message>
        <source>New project from a data &amp;folder…</source>
        <translation>Neues Projekt aus einem Daten&amp;ordner…</translation>
    </message>
    <message>
        <source>Scan a folder of downloaded products and station archives, check what a workload needs, and write a project</source>
        <translation>Einen Ordner heruntergeladener Produkte und Stationsarchive durchsuchen, prüfen, was eine Arbeitslast braucht, und ein Projekt schreiben</translation>
    </message>
    <message>
        <source>Images %1</source>
        <translation>Bilder %1</translation>
    </message>
    <message>
        <source>Added %1 gridded onto the sample grid (%2)</source>
        <translation>%1 auf das Stichprobenraster gerastert hinzugefügt (%2)</translation>
    </message>
    <message>
        <source>Unsaved edits of an untitled project were autosaved in %1: File → Open project opens them</source>
        <translation>Ungespeicherte Änderungen eines unbenannten Projekts wurden automatisch in %1 gesichert: Datei → Projekt öffnen öffnet sie</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Unsaved project edits are written aside this often and offered back when the project is opened after a crash</source>
        <translation>So oft werden ungespeicherte Projektänderungen beiseite geschrieben und nach einem Absturz beim Öffnen des Projekts wieder angeboten</translation>
    </message>
    <message>
        <source>Autosave project edits every</source>
        <translation>Projektänderungen automatisch sichern alle</translation>
    </message>
    <message>
        <source>Unsaved edits of this project from %1 were autosaved in %2; they are kept until the project is saved</source>
        <translation>Ungespeicherte Änderungen dieses Projekts vom %1 wurden automatisch in %2 gesichert; sie bleiben erhalten, bis das Projekt gespeichert wird</translation>
    </message>
    <message>
        <source>Unsaved edits found</source>
        <translation>Ungespeicherte Änderungen gefunden</translation>
    </message>
    <message>
        <source>This project has edits from %1 that were never saved (autosaved in %2). Restore them?</source>
        <translation>Dieses Projekt hat Änderungen vom %1, die nie gespeichert wurden (automatisch gesichert in %2). Wiederherstellen?</translation>
    </message>
    <message>
        <source>Restore unsaved edits</source>
        <translation>Ungespeicherte Änderungen wiederherstellen</translation>
    </message>
    <message>
        <source>Restored the unsaved edits autosaved in %1</source>
        <translation>Die in %1 automatisch gesicherten ungespeicherten Änderungen wurden wiederhergestellt</translation>
    </message>
    <message>
        <source>%1 is a folder of Sentinel-1 scenes, each on a grid of its own: open its scene files as rasters, or validate it as a product (station-metrics)</source>
        <translation>%1 ist ein Ordner von Sentinel-1-Szenen, jede auf ihrem eigenen Gitter: öffnen Sie seine Szenendateien als Raster oder validieren Sie ihn als Produkt (station-metrics)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>No variable of %1 was chosen</source>
        <translation>Keine Variable von %1 wurde gewählt</translation>
    </message>
    <message>
        <source>Export time-series &amp;data…</source>
        <translation>Zeitreihen-&amp;Daten exportieren…</translation>
    </message>
    <message>
        <source>Write the curves of the time-series view (the station&apos;s observations with their flags, products, predictions) as CSV</source>
        <translation>Die Kurven der Zeitreihenansicht (Beobachtungen der Station mit ihren Flags, Produkte, Vorhersagen) als CSV schreiben</translation>
    </message>
    <message>
        <source>Export time-series data</source>
        <translation>Zeitreihen-Daten exportieren</translation>
    </message>
    <message>
        <source>The time-series view is empty: click a station or a raster series on the map first.</source>
        <translation>Die Zeitreihenansicht ist leer: zuerst eine Station oder eine Rasterreihe auf der Karte anklicken.</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>No time series to export: the view is empty</source>
        <translation>Keine Zeitreihe zu exportieren: die Ansicht ist leer</translation>
    </message>
    <message>
        <source>Wrote %1 curves of &quot;%2&quot; to %3</source>
        <translation>%1 Kurven von „%2“ nach %3 geschrieben</translation>
    </message>
    <message>
        <source>Mask %1</source>
        <translation>Maske %1</translation>
    </message>
    <message>
        <source>Every observation of %1 kept</source>
        <translation>Jede Beobachtung von %1 behalten</translation>
    </message>
    <message>
        <source>Observations of %1 kept where %2</source>
        <translation>Beobachtungen von %1 behalten, wo %2</translation>
    </message>
    <message>
        <source>%1, %2 km away</source>
        <translation>%1, %2 km entfernt</translation>
    </message>
    <message>
        <source>%1, %2 km away, × %3 / 100</source>
        <translation>%1, %2 km entfernt, × %3 / 100</translation>
    </message>
    <message>
        <source>%1 is in %2, the station in %3: not drawn</source>
        <translation>%1 ist in %2, die Station in %3: nicht gezeichnet</translation>
    </message>
    <message>
        <source>%1 against %2 (matched within ±1 h)</source>
        <translation>%1 gegen %2 (zugeordnet innerhalb ±1 h)</translation>
    </message>
    <message>
        <source>No product or prediction shares times (±1 h) with the observations at %1</source>
        <translation>Kein Produkt und keine Vorhersage hat gemeinsame Zeiten (±1 h) mit den Beobachtungen an %1</translation>
    </message>
    <message>
        <source>No result to export: run a task or open a result first</source>
        <translation>Kein Ergebnis zu exportieren: zuerst eine Aufgabe ausführen oder ein Ergebnis öffnen</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Wrote %1 entries of the %2 result to %3</source>
        <translation>%1 Einträge des Ergebnisses von %2 nach %3 geschrieben</translation>
    </message>
    <message>
        <source>No ISMN stations on the map to validate %1 against: add a station network first</source>
        <translation>Keine ISMN-Stationen auf der Karte, gegen die %1 validiert werden kann: zuerst ein Stationsnetz hinzufügen</translation>
    </message>
    <message>
        <source>validate-network: %1 against the stations of %2</source>
        <translation>validate-network: %1 gegen die Stationen von %2</translation>
    </message>
    <message>
        <source>Power spectrum of %1…</source>
        <translation>Leistungsspektrum von %1…</translation>
    </message>
    <message>
        <source>the station</source>
        <translation>der Station</translation>
    </message>
    <message>
        <source>Show every curve&apos;s whole span</source>
        <translation>Die ganze Spanne jeder Kurve zeigen</translation>
    </message>
    <message>
        <source>No station in the time-series view: click a station or a grid point on the map</source>
        <translation>Keine Station in der Zeitreihenansicht: eine Station oder einen Gitterpunkt auf der Karte anklicken</translation>
    </message>
</context>
<context>
    <name>soilscope::gui::ProjectAutosave</name>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>soilscope::gui::ProjectEditor</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Arbeitsablauf</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Auf der Karte zeigen</translation>
    </message>
    <message>
        <source>Add the selected data layer to the map</source>
        <translation>Die ausgewählte Datenebene zur Karte hinzufügen</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Preview predictor on map</source>
        <translation>Prädiktor auf der Karte anzeigen</translation>
    </message>
    <message>
        <source>Compute the selected predictor (index, transforms, temporal selection) on the sample grid and show it on the map</source>
        <translation>Den gewählten Prädiktor (Index, Transformationen, zeitliche Auswahl) auf dem Stichprobenraster berechnen und auf der Karte zeigen</translation>
    </message>
    <message>
        <source>Predictors</source>
        <translation>Prädiktoren</translation>
    </message>
    <message>
        <source>Model family; its parameters are listed below</source>
        <translation>Modellfamilie; ihre Parameter stehen darunter</translation>
    </message>
    <message>
        <source>Change model family</source>
        <translation>Modellfamilie ändern</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilung</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>The predictors of the %1 workload (the project declares none; add a &quot;predictors&quot; list to change them).</source>
        <translation>Die Prädiktoren des Workloads %1 (das Projekt legt keine fest; eine Liste „predictors“ hinzufügen, um sie zu ändern).</translation>
    </message>
    <message>
        <source>Workload options</source>
        <translation>Optionen der Arbeitslast</translation>
    </message>
</context>
<context>
    <name>soilscope::gui::ProjectWizard</name>
    <message>
        <source>Scan</source>
        <translation>Durchsuchen</translation>
    </message>
    <message>
        <source>Create project</source>
        <translation>Projekt anlegen</translation>
    </message>
    <message>
        <source>New project from a data folder</source>
        <translation>Neues Projekt aus einem Datenordner</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Arbeitsablauf</translation>
    </message>
    <message>
        <source>Project file</source>
        <translation>Projektdatei</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Choose the folder of downloaded data and scan it.</source>
        <translation>Den Ordner mit heruntergeladenen Daten wählen und durchsuchen.</translation>
    </message>
    <message>
        <source>SoilScope projects (*.soilscope.json)</source>
        <translation>SoilScope-Projekte (*.soilscope.json)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a folder.</source>
        <translation>„%1“ ist kein Ordner.</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>%1 wird durchsucht…</translation>
    </message>
    <message>
        <source>The scan was canceled.</source>
        <translation>Die Suche wurde abgebrochen.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>found</source>
        <translation>gefunden</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>gewählt</translation>
    </message>
    <message>
        <source>%1 layers found; %2 of the %3 roles have a layer, %4 missing. Pick another layer of the scan for any role, then create the project.</source>
        <translation>%1 Ebenen gefunden; %2 der %3 Rollen haben eine Ebene, %4 fehlen. Für jede Rolle kann eine andere gefundene Ebene gewählt werden; dann das Projekt anlegen.</translation>
    </message>
    <message>
        <source>Scan a folder first.</source>
        <translation>Zuerst einen Ordner durchsuchen.</translation>
    </message>
    <message>
        <source>Choose where the project file goes.</source>
        <translation>Wählen, wohin die Projektdatei geschrieben wird.</translation>
    </message>
</context>
<context>
    <name>soilscope::gui::StationMetricsView</name>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>land cover</source>
        <translation>Landbedeckung</translation>
    </message>
    <message>
        <source>climate</source>
        <translation>Klima</translation>
    </message>
    <message>
        <source>region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Gruppieren nach</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Per-station %1 by %2</source>
        <translation>%1 je Station nach %2</translation>
    </message>
    <message>
        <source>season or window</source>
        <translation>Jahreszeit oder Fenster</translation>
    </message>
    <message>
        <source>Run station-metrics or validate-network (Tasks menu) to see each station&apos;s scores</source>
        <translation>station-metrics oder validate-network ausführen (Menü Aufgaben), um die Gütemaße jeder Station zu sehen</translation>
    </message>
</context>
<context>
    <name>soilscope::gui::TaskPanel</name>
    <message>
        <source>Every task of SoilScope; the same tasks run headless with soilscope-cli</source>
        <translation>Alle Aufgaben von SoilScope; dieselben Aufgaben laufen ohne Oberfläche mit soilscope-cli</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Ausführen: %1</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>The command line that runs these settings without the window (select and copy it)</source>
        <translation>Die Befehlszeile, die diese Einstellungen ohne das Fenster ausführt (zum Markieren und Kopieren)</translation>
    </message>
    <message>
        <source>Example: soilscope-cli %1</source>
        <translation>Beispiel: soilscope-cli %1</translation>
    </message>
    <message>
        <source>Command line: %1</source>
        <translation>Befehlszeile: %1</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::ExportDialog</name>
    <message>
        <source>Export figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG vector (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Vektorgrafik (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>PNG resolution: the image has width × dpi/96 pixels</source>
        <translation>PNG-Auflösung: das Bild hat Breite × dpi/96 Pixel</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::IntradayView</name>
    <message>
        <source>Run the intraday analysis to see daily amplitudes</source>
        <translation>Die Tagesgang-Analyse ausführen, um Tagesamplituden zu sehen</translation>
    </message>
    <message>
        <source>Mean daily amplitude ΔSM</source>
        <translation>Mittlere Tagesamplitude ΔSM</translation>
    </message>
    <message>
        <source>Hour of the daily maximum</source>
        <translation>Stunde des Tagesmaximums</translation>
    </message>
    <message>
        <source>Correlation against number of days</source>
        <translation>Korrelation über der Anzahl der Tage</translation>
    </message>
    <message>
        <source>Days (N)</source>
        <translation>Tage (N)</translation>
    </message>
    <message>
        <source>Pearson r</source>
        <translation>Pearson-r</translation>
    </message>
    <message>
        <source>hour of max</source>
        <translation>Stunde des Maximums</translation>
    </message>
    <message>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <source>Intraday amplitude: %1</source>
        <translation>Tagesamplitude: %1</translation>
    </message>
    <message>
        <source>precipitation thresholds</source>
        <translation>Niederschlagsschwellen</translation>
    </message>
    <message>
        <source>conditions</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <source>Drawn by the intraday analysis (Tasks menu)</source>
        <translation>Wird von der Tagesgang-Analyse gezeichnet (Menü Aufgaben)</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::JobsPanel</name>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Time / ETA</source>
        <translation>Zeit / Restzeit</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>Remove finished, failed and canceled jobs from the list</source>
        <translation>Beendete, fehlgeschlagene und abgebrochene Aufträge aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Cancel every queued and running job</source>
        <translation>Alle wartenden und laufenden Aufträge abbrechen</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel this job</source>
        <translation>Diesen Auftrag abbrechen</translation>
    </message>
    <message>
        <source>%1 / %2 left</source>
        <translation>%1 / noch %2</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::LayerPanel</name>
    <message>
        <source>Layers: tick to show, select to style; the top layer is drawn last</source>
        <translation>Ebenen: zum Anzeigen abhaken, zum Gestalten auswählen; die oberste Ebene wird zuletzt gezeichnet</translation>
    </message>
    <message>
        <source>Move the layer up</source>
        <translation>Ebene nach oben verschieben</translation>
    </message>
    <message>
        <source>Move the layer down</source>
        <translation>Ebene nach unten verschieben</translation>
    </message>
    <message>
        <source>Zoom to the layer</source>
        <translation>Auf die Ebene zoomen</translation>
    </message>
    <message>
        <source>Export the layer as GeoTIFF with a QGIS style</source>
        <translation>Ebene als GeoTIFF mit QGIS-Stil exportieren</translation>
    </message>
    <message>
        <source>Remove the layer</source>
        <translation>Ebene entfernen</translation>
    </message>
    <message>
        <source> (reversed)</source>
        <translation> (umgekehrt)</translation>
    </message>
    <message>
        <source>2–98 % percentiles</source>
        <translation>2–98-%-Perzentile</translation>
    </message>
    <message>
        <source>Minimum – maximum</source>
        <translation>Minimum – Maximum</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Time step of a raster series (band)</source>
        <translation>Zeitschritt einer Rasterzeitreihe (Kanal)</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <source>Stretch</source>
        <translation>Streckung</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>Einfärben nach</translation>
    </message>
    <message>
        <source>
%1 stations</source>
        <translation>
%1 Stationen</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>Band</translation>
    </message>
    <message>
        <source>Band of the raster</source>
        <translation>Band des Rasters</translation>
    </message>
    <message>
        <source>(uniform)</source>
        <translation>(einheitlich)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play the time steps of the series</source>
        <translation>Die Zeitschritte der Reihe abspielen</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> Bilder/s</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Use as validation region</source>
        <translation>Als Validierungsregion verwenden</translation>
    </message>
    <message>
        <source>Opens validate-network with these polygons as its regions (each polygon named by its attribute)</source>
        <translation>Öffnet validate-network mit diesen Polygonen als Regionen (jedes Polygon nach seinem Attribut benannt)</translation>
    </message>
    <message>
        <source>
%1 polygons named by &apos;%2&apos;</source>
        <translation>
%1 Polygone, benannt nach „%2“</translation>
    </message>
    <message>
        <source>feature id</source>
        <translation>Objektkennung</translation>
    </message>
    <message>
        <source>every observation</source>
        <translation>jede Beobachtung</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Observations the markers&apos; colours and the time series keep, e.g. &quot;ssf == 1 and proc_flag == 0&quot;; the others are drawn as marks apart and left out of r. Clauses joined by &apos;and&apos;, of the product&apos;s variables: %1</source>
        <translation>Beobachtungen, die die Farben der Marker und die Zeitreihe behalten, z. B. "ssf == 1 and proc_flag == 0"; die übrigen werden als eigene Marken gezeichnet und fließen nicht in r ein. Bedingungen mit 'and' verbunden, aus den Variablen des Produkts: %1</translation>
    </message>
    <message>
        <source>Validate at the stations</source>
        <translation>An den Stationen validieren</translation>
    </message>
    <message>
        <source>Opens validate-network with this product (and its mask) against the ISMN stations on the map</source>
        <translation>Öffnet validate-network mit diesem Produkt (und seiner Maske) gegen die ISMN-Stationen der Karte</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::LogPanel</name>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear the log</source>
        <translation>Protokoll leeren</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>Warnung: </translation>
    </message>
    <message>
        <source>error: </source>
        <translation>Fehler: </translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::MapCanvas</name>
    <message>
        <source>Drag to pan, wheel to zoom, drop raster or station files here</source>
        <translation>Ziehen zum Verschieben, Mausrad zum Zoomen, Raster- oder Stationsdateien hier ablegen</translation>
    </message>
    <message>
        <source>no CRS</source>
        <translation>kein KBS</translation>
    </message>
    <message>
        <source>custom CRS</source>
        <translation>eigenes KBS</translation>
    </message>
    <message>
        <source>Open a project, or drop rasters (GeoTIFF, NetCDF) and ISMN station archives here.</source>
        <translation>Ein Projekt öffnen oder Raster (GeoTIFF, NetCDF) und ISMN-Stationsarchive hier ablegen.</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>no such layer</source>
        <translation>keine solche Ebene</translation>
    </message>
    <message>
        <source>not rendered</source>
        <translation>nicht gezeichnet</translation>
    </message>
    <message>
        <source>Map %1: x = %2, y = %3</source>
        <translation>Karte %1: x = %2, y = %3</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>Station %1 / %2 (%3, %4)</source>
        <translation>Station %1 / %2 (%3, %4)</translation>
    </message>
    <message>
        <source>no world map for borders and coastlines (install qgis-common or set SOILSCOPE_WORLD_MAP)</source>
        <translation>keine Weltkarte für Grenzen und Küsten (qgis-common installieren oder SOILSCOPE_WORLD_MAP setzen)</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::ParameterForm</name>
    <message>
        <source>Advanced parameters</source>
        <translation>Erweiterte Parameter</translation>
    </message>
    <message>
        <source>Run with these parameters (Ctrl+Return)</source>
        <translation>Mit diesen Parametern ausführen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>output path</source>
        <translation>Ausgabepfad</translation>
    </message>
    <message>
        <source>input path</source>
        <translation>Eingabepfad</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>Durchsuchen</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>Ausgabedatei</translation>
    </message>
    <message>
        <source>Input file</source>
        <translation>Eingabedatei</translation>
    </message>
    <message>
        <source>comma-separated list</source>
        <translation>kommagetrennte Liste</translation>
    </message>
    <message>
        <source>Pass this optional value</source>
        <translation>Diesen optionalen Wert übergeben</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>No layer on the map</source>
        <translation>Keine Ebene auf der Karte</translation>
    </message>
    <message>
        <source>Map layers</source>
        <translation>Kartenebenen</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <source>Add a map layer, a file or a folder to the list</source>
        <translation>Eine Kartenebene, eine Datei oder einen Ordner zur Liste hinzufügen</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::ScatterPlot</name>
    <message>
        <source>Reference [m³/m³]</source>
        <translation>Referenz [m³/m³]</translation>
    </message>
    <message>
        <source>Estimate [m³/m³]</source>
        <translation>Schätzung [m³/m³]</translation>
    </message>
    <message>
        <source>log₁₀ count</source>
        <translation>log₁₀ Anzahl</translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation>n = %1</translation>
    </message>
    <message>
        <source>fit: y = %1 x %2 %3</source>
        <translation>Regression: y = %1 x %2 %3</translation>
    </message>
    <message>
        <source>Run a validation, or click a station on the map, to see estimate against reference</source>
        <translation>Eine Validierung ausführen oder eine Station auf der Karte anklicken, um Schätzung gegen Referenz zu sehen</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::SpectrumPlot</name>
    <message>
        <source>Wavenumber [cycles/km]</source>
        <translation>Wellenzahl [Zyklen/km]</translation>
    </message>
    <message>
        <source>Power density</source>
        <translation>Leistungsdichte</translation>
    </message>
    <message>
        <source>Run the spectrum analysis to see power spectra</source>
        <translation>Die Spektralanalyse ausführen, um Leistungsspektren zu sehen</translation>
    </message>
    <message>
        <source>spectrum</source>
        <translation>Spektrum</translation>
    </message>
    <message>
        <source>Frequency [cycles/day]</source>
        <translation>Frequenz [Zyklen/Tag]</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::SweepChart</name>
    <message>
        <source>Run a learning-curve sweep (Tasks ▸ sweep) or the sar_ml_scenarios workload to see its scores against the training size</source>
        <translation>Eine Lernkurven-Reihe (Aufgaben ▸ sweep) oder den Workload sar_ml_scenarios ausführen, um die Gütemaße über der Trainingsgröße zu sehen</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::TaskJob</name>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::TimeSeriesPlot</name>
    <message>
        <source>Soil moisture [m³/m³]</source>
        <translation>Bodenfeuchte [m³/m³]</translation>
    </message>
    <message>
        <source>Precipitation [mm]</source>
        <translation>Niederschlag [mm]</translation>
    </message>
    <message>
        <source>Click a station or a raster series on the map to see its time series</source>
        <translation>Eine Station oder eine Rasterzeitreihe auf der Karte anklicken, um ihre Zeitreihe zu sehen</translation>
    </message>
    <message>
        <source>flagged C or D: %1, not in r</source>
        <translation>markiert C oder D: %1, nicht in r</translation>
    </message>
    <message>
        <source>frozen: %1 below 0 °C</source>
        <translation>gefroren: %1 unter 0 °C</translation>
    </message>
    <message>
        <source>outside the mask</source>
        <translation>außerhalb der Maske</translation>
    </message>
    <message>
        <source>%1 outside %2</source>
        <translation>%1 außerhalb von %2</translation>
    </message>
    <message>
        <source>outside %1: %2, not in r</source>
        <translation>außerhalb von %1: %2, nicht in r</translation>
    </message>
</context>
<context>
    <name>soilscope::widgets::TrainingMonitor</name>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Start a training to follow its learning curves</source>
        <translation>Ein Training starten, um seine Lernkurven zu verfolgen</translation>
    </message>
    <message>
        <source>No learning curve: this model is fitted in one step, not over epochs.</source>
        <translation>Keine Lernkurve: dieses Modell wird in einem Schritt angepasst, nicht über Epochen.</translation>
    </message>
</context>
</TS>
