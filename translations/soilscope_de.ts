<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <source>View for --screenshot: map, timeseries, scatter, spectrum, intraday, training.</source>
        <translation>Ansicht für --screenshot: map, timeseries, scatter, spectrum, intraday, training.</translation>
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
        <source>Add ISMN stations (folder, zip or .stm file)</source>
        <translation>ISMN-Stationen hinzufügen (Ordner, Zip- oder .stm-Datei)</translation>
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
        <source>Computing predictor %1…</source>
        <translation>Prädiktor %1 wird berechnet …</translation>
    </message>
    <message>
        <source>Predictor preview</source>
        <translation>Prädiktor-Vorschau</translation>
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
        <source>Add stations</source>
        <translation>Stationen hinzufügen</translation>
    </message>
    <message>
        <source>Trying %1 as a raster (unknown extension)</source>
        <translation>%1 wird als Raster versucht (unbekannte Endung)</translation>
    </message>
    <message>
        <source>%1 is not a task result (%2)</source>
        <translation>%1 ist kein Aufgabenergebnis (%2)</translation>
    </message>
    <message>
        <source>Opened the %1 result %2</source>
        <translation>Ergebnis von %1 geöffnet: %2</translation>
    </message>
    <message>
        <source>Showing %1 as the backdrop</source>
        <translation>%1 wird als Hintergrund angezeigt</translation>
    </message>
    <message>
        <source>Rasters (*.tif *.tiff *.nc *.nc4 *.vrt *.img *.hdf *.h5 *.jp2);;All files (*)</source>
        <translation>Raster (*.tif *.tiff *.nc *.nc4 *.vrt *.img *.hdf *.h5 *.jp2);;Alle Dateien (*)</translation>
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
        <source>Per-station R of each product</source>
        <translation>R je Station und Produkt</translation>
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
        <source>Edit split %1</source>
        <translation>Aufteilung %1 bearbeiten</translation>
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
</context>
<context>
    <name>soilscope::gui::TaskPanel</name>
    <message>
        <source>Every task of SoilScope; the same tasks run headless with soilscope-cli</source>
        <translation>Alle Aufgaben von SoilScope; dieselben Aufgaben laufen ohne Oberfläche mit soilscope-cli</translation>
    </message>
    <message>
        <source>Command line: soilscope-cli %1</source>
        <translation>Befehlszeile: soilscope-cli %1</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>%1 ausführen</translation>
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
        <source>Run a validation to see estimate against reference</source>
        <translation>Eine Validierung ausführen, um Schätzung gegen Referenz zu sehen</translation>
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
        <source>Scenario sweeps appear here</source>
        <translation>Szenarienreihen erscheinen hier</translation>
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
