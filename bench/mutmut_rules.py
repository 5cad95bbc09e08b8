"""mutmut over the pure rule modules, with the unit tests that test them. By hand, not in CI.

mutmut is not a project dependency: `.venv/bin/pip install mutmut` (measured with 3.8.1) first. The run happens in a
scratch copy of the project with its own mutmut configuration, so this checkout and its pyproject.toml are left
alone. It prints mutmut's results; the survivors' diffs with --show.

  .venv/bin/python bench/mutmut_rules.py [--show] [--max-children 2]
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Rules without Flask or SQL of their own: field rules and check digits, who may do what, the matter catalogue,
# an authorization's time window and matters.
MUTATE = ["mock_portal/rules/*", "mock_portal/miniapp/roles.py", "mock_portal/miniapp/catalog.py",
          "mock_portal/licenses.py"]
TESTS = ["tests/unit/test_fields.py", "tests/unit/test_idcard.py", "tests/unit/test_uscc.py",
         "tests/unit/test_miniapp_rules.py", "tests/unit/test_miniapp_scan_rules.py",
         "tests/unit/test_miniapp_permissions.py", "tests/unit/test_rule_edges.py"]
ALSO_COPY = ["conftest.py", "fixtures", "steps", "pages", "validator", "guide", "features"]


def configuration() -> str:
    def lines(values: list[str]) -> str:
        return "\n".join(f"    {value}" for value in values)
    return (f"[mutmut]\nsource_paths=mock_portal/\nonly_mutate=\n{lines(MUTATE)}\n"
            f"also_copy=\n{lines(ALSO_COPY)}\npytest_add_cli_args_test_selection=\n{lines(TESTS)}\n"
            "pytest_add_cli_args=\n    -p\n    no:randomly\n    -n\n    0\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy (its path is printed)")
    options = parser.parse_args()
    if shutil.which("mutmut", path=str(Path(sys.executable).parent)) is None:
        print("mutmut_rules: mutmut is not installed: .venv/bin/pip install mutmut", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="apec-mutmut-"))
    try:
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                                capture_output=True).stdout.decode().split("\0")
        for name in filter(None, listed):
            if (ROOT / name).is_file():
                (scratch / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, scratch / name)
        (scratch / "setup.cfg").write_text(configuration(), encoding="utf-8")
        mutmut = [sys.executable, "-m", "mutmut"]
        subprocess.run([*mutmut, "run", "--max-children", str(options.max_children)], cwd=scratch)
        results = subprocess.run([*mutmut, "results"], cwd=scratch, capture_output=True, text=True).stdout
        print(results)
        if options.show:
            for line in results.splitlines():
                name = line.split(":")[0].strip()
                if name:
                    print(subprocess.run([*mutmut, "show", name], cwd=scratch, capture_output=True, text=True).stdout)
        return 0
    finally:
        if options.keep:
            print(f"scratch copy kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
