"""What the embedded mock's settings cost a scenario's arranging, without a browser: the control API calls of a
typical Given (reset, an enterprise, an authorized agent, an account) over HTTP, against two mocks in this process,
one syncing SQLite to disk at every commit (FULL, a real mock's setting) and one not (NORMAL, the tests' mock).
Interleaved, so outside load hits both alike. Run: `.venv/bin/python bench/server_costs.py [--rounds 30]`."""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtures.control import REFERENCE_MOMENT, PortalControl  # noqa: E402
from fixtures.data import DataFactory  # noqa: E402
from fixtures.server import LiveServer  # noqa: E402


def arrange_once(control: PortalControl, factory: DataFactory, seed: int) -> float:
    started = time.perf_counter()
    control.reset(seed=seed, now=REFERENCE_MOMENT)
    enterprise = control.add_enterprise(factory.enterprise())
    control.add_agent(enterprise["id"], factory.person())
    control.add_account(enterprise["id"], factory.email(), factory.password())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    options = parser.parse_args()
    servers = {mode: LiveServer(DATABASE_SYNCHRONOUS=mode).start() for mode in ("FULL", "NORMAL")}
    times = {mode: [] for mode in servers}
    try:
        for index in range(options.rounds):
            for mode, server in servers.items():
                times[mode].append(arrange_once(PortalControl(server.url), DataFactory(seed=index), index))
    finally:
        for server in servers.values():
            server.stop()
    full, normal = (statistics.median(times[mode]) * 1000 for mode in ("FULL", "NORMAL"))
    print(f"arranging a Given over the control API (4 calls), median of {options.rounds}, interleaved:")
    print(f"| SQLite synchronous | time |\n| --- | --- |\n| FULL | {full:.1f} ms |\n| NORMAL | {normal:.1f} ms "
          f"({normal / full:.2f}×) |")


if __name__ == "__main__":
    main()
