"""The SoilScope provider: one algorithm per task the engine declares."""
import os

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider, QgsSettings
from qgis.PyQt.QtGui import QIcon

from . import engine as engine_module
from .algorithm import SoilScopeAlgorithm
from .strings import Strings

try:  # Processing's options dialog (absent outside the Processing plugin)
    from processing.core.ProcessingConfig import ProcessingConfig, Setting
except ImportError:  # pragma: no cover
    ProcessingConfig = None


class SoilScopeProvider(QgsProcessingProvider):
    SETTING = "SOILSCOPE_CLI"

    def __init__(self):
        super().__init__()
        self.error = ""
        self.description = None

    def id(self):
        return "soilscope"

    def name(self):
        return "SoilScope"

    def longName(self):  # noqa: N802 (QGIS API)
        version = (self.description or {}).get("version")
        return "SoilScope %s" % version if version else "SoilScope"

    def icon(self):
        return QIcon(os.path.join(engine_module.PLUGIN_DIR, "icon.svg"))

    def load(self):
        if ProcessingConfig is not None:
            ProcessingConfig.settingIcons[self.name()] = self.icon()
            ProcessingConfig.addSetting(
                Setting(
                    self.name(),
                    self.SETTING,
                    "soilscope-cli executable (empty: next to the plugin, then PATH)",
                    QgsSettings().value(engine_module.SETTING_KEY, "", type=str),
                    valuetype=Setting.FILE,
                )
            )
            ProcessingConfig.readSettings()
        return super().load()

    def unload(self):
        if ProcessingConfig is not None:
            ProcessingConfig.removeSetting(self.SETTING)
        super().unload()

    def loadAlgorithms(self):  # noqa: N802 (QGIS API)
        if ProcessingConfig is not None:
            configured = ProcessingConfig.getSetting(self.SETTING)
            if configured is not None:
                QgsSettings().setValue(engine_module.SETTING_KEY, configured)
        self.error = ""
        try:
            path = engine_module.find_engine()
            self.description = engine_module.describe(path)
        except engine_module.EngineError as e:
            self.error = str(e)
            QgsMessageLog.logMessage(self.error, "SoilScope", Qgis.Critical)
            return
        # In QGIS's language where SoilScope has a catalogue for it (the app's own).
        self.strings = Strings(path)
        translated = self.strings.translated(self.description)
        for task in translated.get("tasks", []):
            self.addAlgorithm(SoilScopeAlgorithm(task, path, self.strings))
