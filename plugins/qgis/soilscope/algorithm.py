"""One SoilScope task as a Processing algorithm: parameters and outputs from the engine's
declaration, execution as a soilscope-cli subprocess with JSON-line progress."""
import json
import os
import queue
import re
import signal
import subprocess
import threading

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputRasterLayer,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

RASTER_KINDS = {"raster", "raster_series", "intraday_means"}
RASTER_FILTER = re.compile(r"\*\.(tif|tiff|vrt|img|jp2)\b", re.IGNORECASE)
VECTOR_FILTER = re.compile(r"\*\.(shp|gpkg|geojson|kml)\b", re.IGNORECASE)


def _qt_filter(file_filter):
    """SoilScope's "Name (*.a *.b)" filter as a Qt/QGIS file filter (with All files)."""
    return (file_filter + ";;All files (*.*)") if file_filter else "All files (*.*)"


def _extension(file_filter):
    found = re.search(r"\*\.([A-Za-z0-9]+)", file_filter or "")
    return found.group(1) if found else ""


class StyleFromSidecar(QgsProcessingLayerPostProcessorInterface):
    """Applies SoilScope's style (the .qml next to a raster: colour ramp, units) once QGIS has
    loaded the layer (Processing loads result layers without their default style)."""

    def __init__(self, qml):
        super().__init__()
        self.qml = qml

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API)
        if layer is not None and os.path.exists(self.qml):
            message, ok = layer.loadNamedStyle(self.qml)
            if not ok:
                feedback.pushInfo("style %s not applied: %s" % (self.qml, message))
            layer.triggerRepaint()


# QGIS keeps only a pointer to a post-processor: the Python objects must outlive the run.
_POST_PROCESSORS = []


class SoilScopeAlgorithm(QgsProcessingAlgorithm):
    def __init__(self, task, engine, strings=None):
        super().__init__()
        self.task = task
        self.engine = engine
        self.strings = strings
        self._kinds = {}  # parameter name -> how its value is passed

    # Identity -------------------------------------------------------------------------------

    def name(self):
        return self.task["id"]

    def displayName(self):  # noqa: N802 (QGIS API)
        return self.task.get("title") or self.task["id"]

    def _own(self, text):
        return self.strings.own(text) if self.strings else text

    def group(self):
        return self.task.get("group") or self._own("Other")

    def groupId(self):  # noqa: N802 (QGIS API)
        # Stable across languages: from the English group, not the translated one.
        english = self.task.get("group_id") or self.group()
        return re.sub(r"[^a-z0-9]+", "_", english.lower()).strip("_")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        text = self.task.get("description", "")
        examples = self.task.get("examples") or []
        if examples:
            text += "\n\n%s\n" % self._own("Command line:") + "\n".join(
                "soilscope-cli " + e for e in examples
            )
        outputs = self.task.get("outputs") or []
        if outputs:
            text += "\n\n%s\n" % self._own("Outputs:") + "\n".join(
                "%s (%s): %s" % (o["name"], o["kind"], o["description"]) for o in outputs
            )
        return text

    def createInstance(self):  # noqa: N802 (QGIS API)
        return SoilScopeAlgorithm(self.task, self.engine, self.strings)

    # Parameters and outputs ---------------------------------------------------------------------

    def _declared_output_for(self, parameter):
        for o in self.task.get("outputs") or []:
            if o.get("parameter") == parameter:
                return o
        return None

    def _parameter(self, p):
        name, description = p["name"], p.get("description") or p["name"]
        label = description[:1].upper() + description[1:]
        optional = not p.get("required", False)
        default = p.get("default", "")
        kind = p["type"]
        file_filter = p.get("file_filter", "")
        if kind == "path" and p.get("output"):
            declared = self._declared_output_for(name)
            if p.get("folder"):
                self._kinds[name] = "folder_out"
                return QgsProcessingParameterFolderDestination(name, label, optional=optional)
            if declared and declared["kind"] in RASTER_KINDS:
                self._kinds[name] = "raster_out"
                return QgsProcessingParameterRasterDestination(name, label, optional=optional)
            self._kinds[name] = "file_out"
            return QgsProcessingParameterFileDestination(
                name, label, _qt_filter(file_filter), optional=optional
            )
        if kind == "path":
            if p.get("folder"):
                self._kinds[name] = "file"
                return QgsProcessingParameterFile(
                    name, label, behavior=QgsProcessingParameterFile.Folder, optional=optional
                )
            if RASTER_FILTER.search(file_filter) and not VECTOR_FILTER.search(file_filter):
                self._kinds[name] = "layer"
                return QgsProcessingParameterRasterLayer(name, label, optional=optional)
            if VECTOR_FILTER.search(file_filter):
                self._kinds[name] = "vector"
                return QgsProcessingParameterVectorLayer(
                    name, label, [QgsProcessing.TypeVectorPolygon], optional=optional
                )
            self._kinds[name] = "file"
            return QgsProcessingParameterFile(
                name,
                label,
                extension=_extension(file_filter) if file_filter.count("*.") == 1 else "",
                optional=optional,
                fileFilter=_qt_filter(file_filter),
            )
        if kind in ("int", "number"):
            self._kinds[name] = kind
            number = QgsProcessingParameterNumber(
                name,
                label,
                QgsProcessingParameterNumber.Integer
                if kind == "int"
                else QgsProcessingParameterNumber.Double,
                defaultValue=None if default in ("", None) else float(default),
                optional=optional or default in ("", None),
            )
            if "minimum" in p:
                number.setMinimum(p["minimum"])
            if "maximum" in p:
                number.setMaximum(p["maximum"])
            return number
        if kind == "bool":
            self._kinds[name] = "bool"
            return QgsProcessingParameterBoolean(
                name, label, defaultValue=str(default).lower() == "true", optional=True
            )
        if kind == "choice":
            self._kinds[name] = "choice"
            choices = p.get("choices") or []
            return QgsProcessingParameterEnum(
                name,
                label,
                options=choices,
                defaultValue=choices.index(default) if default in choices else 0,
                optional=optional,
            )
        self._kinds[name] = "text"
        hint = self._own(" (comma-separated)") if kind == "list" else ""
        return QgsProcessingParameterString(
            name, label + hint, defaultValue=default or None, optional=True
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        names = set()
        for p in self.task.get("parameters") or []:
            definition = self._parameter(p)
            if p.get("advanced"):
                definition.setFlags(
                    definition.flags() | QgsProcessingParameterDefinition.FlagAdvanced
                )
            self.addParameter(definition)
            names.add(p["name"])
        # The engine's whole result (metrics, summaries, output places) as JSON text.
        self.addOutput(QgsProcessingOutputString("RESULT", self._own("SoilScope result (JSON)")))
        for o in self.task.get("outputs") or []:
            if o["name"] in names or o.get("parameter"):
                continue
            if o["kind"] in RASTER_KINDS:
                self.addOutput(QgsProcessingOutputRasterLayer(o["name"], o["description"]))
            elif o["kind"] in ("bundle", "run"):
                self.addOutput(QgsProcessingOutputFolder(o["name"], o["description"]))
            elif o["kind"] == "vector":
                self.addOutput(QgsProcessingOutputVectorLayer(o["name"], o["description"]))
            else:
                self.addOutput(QgsProcessingOutputFile(o["name"], o["description"]))

    # Running ------------------------------------------------------------------------------------

    def _arguments(self, parameters, context):
        args = []
        for p in self.task.get("parameters") or []:
            name = p["name"]
            kind = self._kinds.get(name, "text")
            if kind == "bool":
                if name in parameters and parameters[name] is not None:
                    value = self.parameterAsBoolean(parameters, name, context)
                    args.append("--%s=%s" % (name, "true" if value else "false"))
                continue
            if kind == "folder_out":
                value = self.parameterAsString(parameters, name, context)
            elif kind in ("raster_out", "file_out"):
                value = self.parameterAsFileOutput(parameters, name, context)
            elif kind == "layer":
                layer = self.parameterAsRasterLayer(parameters, name, context)
                value = layer.source() if layer else ""
            elif kind == "vector":
                layer = self.parameterAsVectorLayer(parameters, name, context)
                value = layer.source().split("|")[0] if layer else ""
            elif kind == "file":
                value = self.parameterAsFile(parameters, name, context)
            elif kind == "choice":
                if parameters.get(name) is None:
                    continue
                value = p["choices"][self.parameterAsEnum(parameters, name, context)]
            elif kind in ("int", "number"):
                if parameters.get(name) is None:
                    continue
                number = self.parameterAsDouble(parameters, name, context)
                value = str(int(number)) if kind == "int" else repr(number)
            else:
                value = self.parameterAsString(parameters, name, context)
            if value not in (None, ""):
                args += ["--" + name, str(value)]
        return args

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        command = [self.engine, self.name()] + self._arguments(parameters, context)
        command += ["--json", "--progress-json"]
        feedback.pushCommandInfo(" ".join(command))
        try:
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
        except OSError as e:
            raise QgsProcessingException("cannot start %s: %s" % (self.engine, e)) from e
        lines = queue.Queue()

        def read_errors():
            for line in process.stderr:
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=read_errors, daemon=True)
        reader.start()
        stdout_chunks = []
        stdout_reader = threading.Thread(
            target=lambda: stdout_chunks.append(process.stdout.read()), daemon=True
        )
        stdout_reader.start()
        last_error = ""
        interrupted = False
        while True:
            if feedback.isCanceled() and not interrupted:
                process.send_signal(signal.SIGINT)  # the engine stops cleanly, exit 130
                interrupted = True
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                continue
            if line is None:
                break
            last_error = self._report(line, feedback) or last_error
        process.wait()
        stdout_reader.join()
        if process.returncode == 130:
            feedback.reportError("canceled", fatalError=False)
            return {}
        if process.returncode != 0:
            raise QgsProcessingException(last_error or "soilscope-cli exited with %d" % process.returncode)
        try:
            result = json.loads(stdout_chunks[0] if stdout_chunks else "")
        except ValueError as e:
            raise QgsProcessingException("soilscope-cli printed no JSON result") from e
        return self._results(parameters, result, context)

    @staticmethod
    def _report(line, feedback):
        """Forwards one JSON line to QGIS; returns the text of an error message."""
        try:
            event = json.loads(line)
        except ValueError:
            feedback.pushConsoleInfo(line.rstrip())
            return ""
        kind = event.get("type")
        if kind == "progress":
            feedback.setProgress(float(event.get("percent", 0.0)))
        elif kind == "metric":
            feedback.pushDebugInfo("[%s] %s = %s" % (event.get("step"), event.get("name"), event.get("value")))
        elif kind == "message":
            text = event.get("text", "")
            level = event.get("level")
            if level == "error":
                feedback.reportError(text)
                return text
            if level == "warning":
                feedback.pushWarning(text) if hasattr(feedback, "pushWarning") else feedback.pushInfo("warning: " + text)
            else:
                feedback.pushInfo(text)
        return ""

    def _results(self, parameters, result, context):
        out = {}
        for p in self.task.get("parameters") or []:
            if p.get("output") and p["name"] in parameters:
                out[p["name"]] = self.parameterAsString(parameters, p["name"], context)
        for value in result.get("outputs") or []:
            path = value.get("path")
            if not path:
                continue
            out.setdefault(value["name"], path)
            kind = value.get("kind")
            label = value.get("label") or value.get("description") or value["name"]
            if kind in RASTER_KINDS or kind == "vector":
                # The raster's .qml sidecar (SoilScope's ramp and units) is its default style.
                details = QgsProcessingContext.LayerDetails(label, context.project(), value["name"])
                qml = os.path.splitext(path)[0] + ".qml"
                if os.path.exists(qml):
                    _POST_PROCESSORS.append(StyleFromSidecar(qml))
                    details.setPostProcessor(_POST_PROCESSORS[-1])
                context.addLayerToLoadOnCompletion(path, details)
        out["RESULT"] = json.dumps(result)
        return out
