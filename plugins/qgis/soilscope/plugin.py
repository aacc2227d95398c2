"""Registers the SoilScope Processing provider (in QGIS and in qgis_process)."""
from qgis.core import QgsApplication

from .provider import SoilScopeProvider


class SoilScopePlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 (QGIS API)
        self.provider = SoilScopeProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 (QGIS API)
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
