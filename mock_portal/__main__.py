"""Standalone mock: `python -m mock_portal [--host H] [--port N]`, state kept in the instance folder."""
import argparse

from . import create_app
from .demo import describe


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m mock_portal", description="APEC portal and e-license mock")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    options = parser.parse_args()
    app = create_app({"SEED_DEMO": True})
    print(describe())
    print(f"  http://{options.host}:{options.port}/APEC/")
    app.run(host=options.host, port=options.port)


if __name__ == "__main__":
    main()
