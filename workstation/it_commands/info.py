"""``motcua info``: version, build metadata and where this workstation keeps its things."""

from __future__ import annotations

from workstation.it_commands.build_metadata import build_metadata, component_versions
from workstation.it_commands.console import EXIT_OK, Console
from workstation.it_commands.update_commands import status_lines
from workstation.it_commands.workstation_paths import WorkstationPaths
from workstation.province_contact import contact_lines, read_contact


def _state(exists: bool) -> str:
    return "" if exists else "  (not there yet)"


def info_lines(paths: WorkstationPaths) -> list[str]:
    """The report ``motcua info`` prints (no personal data: paths, versions, counts)."""
    meta = build_metadata()
    lines = [
        f"motcua {meta.version}",
        f"  build commit:   {meta.git_commit}",
        f"  build date:     {meta.build_date}",
        f"  build platform: {meta.build_platform}",
        "",
        "Paths:",
        f"  data folder:    {paths.data_dir}{_state(paths.data_dir.is_dir())}",
        f"  settings file:  {paths.settings_file}{_state(paths.settings_file.is_file())}",
        f"  store folder:   {paths.store_folder}{_state(paths.store_folder.is_dir())}",
        f"  database:       {paths.database}{_state(paths.database.is_file())}",
        f"  key file:       {paths.key_file}{_state(paths.key_file.is_file())}",
        f"  logs:           {paths.log_dir}{_state(paths.log_dir.is_dir())}",
        "",
        "Components:",
    ]
    lines += [f"  {name + ':':<17} {value}" for name, value in component_versions().items()]
    lines += ["", "Releases from the province (motcua update status):"]
    lines += [f"  {line}" for line in status_lines(paths.data_dir)]
    if not paths.has_store():
        lines += ["", "No store on this workstation yet: start motcua to run the first-run wizard."]
    else:
        lines += ["", *contact_lines(read_contact(paths.store_folder), paths.local.clock_warning_minutes)]
    return lines


def run_info(paths: WorkstationPaths, console: Console) -> int:
    for line in info_lines(paths):
        console.say(line)
    return EXIT_OK
