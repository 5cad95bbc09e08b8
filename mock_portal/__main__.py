"""Standalone mock for people: `python -m mock_portal` (what `./harness serve` runs), state kept in the instance
folder, demo data and the demo panel on, mail caught by an embedded SMTP catcher shown at /demo/mailbox."""
import argparse
import sys

from . import create_app
from .demo import describe
from .mail_catcher import MailCatcher

DEBUGGER_WARNING = ("WARNING: --debug turns on the Werkzeug debugger: anyone who can reach this server can run "
                    "Python code on this machine. Use it only on 127.0.0.1.")


def _smtp(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host, int(port)


def parse(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m mock_portal", description="APEC portal and e-license mock")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--database", metavar="PATH", help="SQLite file of the state (default: instance/portal.sqlite3)")
    parser.add_argument("--smtp", type=_smtp, metavar="HOST:PORT",
                        help="send the portal's mail to this SMTP server (e.g. a Mailpit) instead of the embedded "
                             "catcher; the demo mailbox page then points there")
    parser.add_argument("--no-demo", dest="demo", action="store_false",
                        help="no demo data, no demo panel: the bare portal")
    parser.add_argument("--debug", action="store_true",
                        help="the Werkzeug debugger (FLASK_DEBUG in the environment is ignored)")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    options = parse(argv)
    catcher = None if options.smtp else MailCatcher().start()
    host, port = options.smtp or (catcher.host, catcher.port)
    try:
        config = {"SEED_DEMO": options.demo, "MAIL_SMTP_HOST": host, "MAIL_SMTP_PORT": port}
        app = create_app({**config, "DATABASE": options.database} if options.database else config)
        if catcher:
            app.extensions["mail_catcher"] = catcher
        if options.demo:
            print(describe())
        print(f"  mail: SMTP {host}:{port}" + (" (embedded catcher, shown at /demo/mailbox)" if catcher else ""))
        print(f"  http://{options.host}:{options.port}/APEC/   phone: /miniapp/   demo panel: /demo/")
        if options.debug:
            print(DEBUGGER_WARNING, file=sys.stderr)
        # debug given explicitly and .env not loaded: Flask would otherwise take FLASK_DEBUG from the environment
        app.run(host=options.host, port=options.port, debug=options.debug, load_dotenv=False)
    finally:
        if catcher:
            catcher.stop()


if __name__ == "__main__":
    main()
