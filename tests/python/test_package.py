"""`pip wheel .` builds the package from a clone (scikit-build-core through
the project's CMakeLists.txt) and the wheel's module works. Slow (a full
build of the library): PITH_SKIP_WHEEL=1 skips it."""
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import TESTS

ROOT = os.path.dirname(TESTS)


@pytest.mark.skipif(os.environ.get("PITH_SKIP_WHEEL") == "1", reason="PITH_SKIP_WHEEL=1")
def test_pip_wheel(tmp_path):
    pytest.importorskip("scikit_build_core")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                        "--no-build-isolation", "-w", str(tmp_path / "dist"),
                        "--config-settings=build-dir=" + str(tmp_path / "build"), ROOT],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
    assert r.returncode == 0, r.stdout.decode()[-3000:]
    (whl,) = os.listdir(tmp_path / "dist")
    names = zipfile.ZipFile(tmp_path / "dist" / whl).namelist()
    assert "pith/__init__.py" in names and "pith/py.typed" in names
    assert any(n.startswith("pith/_pith.") and n.endswith(".so") for n in names)
    zipfile.ZipFile(tmp_path / "dist" / whl).extractall(tmp_path / "site")
    code = ("import pith, sys; d = pith.extract('<html><body><article><p>' + 'Words of a "
            "story. ' * 30 + '</p></article></body></html>'); "
            "assert pith.__file__.startswith(sys.argv[1]), pith.__file__; print(len(d['text']))")
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path / "site")],
                       env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert r.returncode == 0 and int(r.stdout) > 100, r.stdout.decode()
