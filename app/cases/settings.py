"""Workstation settings and folders (platformdirs; XDG_CONFIG_HOME is honoured)."""

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from app.common.output import outputs

DEFAULT_TZ = "Asia/Seoul"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir("haechi", appauthor=False))


@dataclass(frozen=True)
class Settings:
    timezone: str = DEFAULT_TZ
    language: str = "ko"
    lab_name: str = ""
    lab_address: str = ""
    recent_cases: tuple[str, ...] = ()

    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(DEFAULT_TZ)


def _settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> Settings:
    try:
        document = json.loads(_settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        document = {}
    known = {key: value for key, value in document.items() if key in Settings.__dataclass_fields__}
    if "recent_cases" in known:
        known["recent_cases"] = tuple(known["recent_cases"])
    settings = Settings(**known)
    if os.environ.get("HAECHI_TZ"):
        settings = replace(settings, timezone=os.environ["HAECHI_TZ"])
    return settings


def save_settings(settings: Settings) -> None:
    path = _settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with outputs() as work:
        with work.open_text(path) as handle:
            handle.write(json.dumps(asdict(settings), ensure_ascii=False, indent=2))
        work.commit(path)
