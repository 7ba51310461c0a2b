"""The wheel carries the bundled content: `aftersales init` then `validate` work from an installed wheel."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from repo_paths import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPO)],
                   check=True, capture_output=True)
    (found,) = out.glob("aftersales_std-*.whl")
    return found


def test_wheel_holds_schemas_and_bundled_content(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "aftersales_std/schemas/concept.schema.json" in names
    assert "aftersales_std/_bundled/aftersales.yaml" in names
    assert any(n.startswith("aftersales_std/_bundled/glossary/concepts/") for n in names)
    assert any(n.startswith("aftersales_std/_bundled/standards/") for n in names)


def test_init_and_validate_from_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    # Install the wheel itself into the fresh environment; its dependencies come from this
    # test environment through a .pth line (they are not what this test is about).
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--quiet",
                    str(wheel)], check=True)
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "outer-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run([str(py), "-c", "import aftersales_std; print(aftersales_std.__file__)"],
                           check=True, capture_output=True, text=True, env=env, cwd=tmp_path).stdout
    assert where.startswith(str(env_dir)), where  # the installed wheel, not the checkout
    exe = str(env_dir / "bin" / "aftersales")
    project = tmp_path / "x"
    init = subprocess.run([exe, "init", str(project)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    assert (project / "aftersales.yaml").is_file() and (project / ".schemas" / "concept.schema.json").is_file()
    check = subprocess.run([exe, "validate", "--project", str(project)], capture_output=True, text=True,
                           env=env, cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    again = subprocess.run([exe, "init", str(project)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert again.returncode == 2 and "not an empty folder" in again.stderr
